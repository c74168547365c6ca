package io.ratchet.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Owner-only files written once, and state folders closed to group and others. */
class OwnerOnlyTests {

	@TempDir
	Path dir;

	@Test
	void aFileIsWrittenOnceWithMode600AndLaterCallsReadIt() throws IOException {
		// given
		Path file = this.dir.resolve("state/credentials");
		// when
		String first = OwnerOnly.createOnce(file, "first\n");
		String second = OwnerOnly.createOnce(file, "second\n");
		// then
		assertThat(first).isEqualTo("first\n");
		assertThat(second).isEqualTo("first\n");
		assertThat(Files.readString(file)).isEqualTo("first\n");
		assertThat(mode(file)).isEqualTo("rw-------");
		assertThat(mode(file.getParent())).isEqualTo("rwx------");
		try (var files = Files.list(file.getParent())) {
			assertThat(files.toList()).as("no temporary file left").containsExactly(file);
		}
	}

	@Test
	void processesRacingToWriteTheSameFileAllGetTheOneThatWasWritten() throws Exception {
		// given
		Path file = this.dir.resolve("credentials");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			// when
			List<CompletableFuture<String>> racers = IntStream.range(0, 32)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> OwnerOnly.createOnce(file, "racer " + i), pool))
				.toList();
			List<String> seen = racers.stream().map(CompletableFuture::join).distinct().toList();
			// then
			assertThat(seen).singleElement().isEqualTo(Files.readString(file));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aTreeLeftOpenByAWiderUmaskIsClosedWithoutFollowingLinks() throws IOException {
		// given
		Path state = Files.createDirectories(this.dir.resolve(".ratchet/db"));
		Path log = Files.writeString(Files.createDirectories(this.dir.resolve(".ratchet/logs")).resolve("ratchet.log"),
				"x");
		Path lock = Files.writeString(state.resolve("ratchet.lock.db"), "id");
		Path outside = Files.writeString(this.dir.resolve("shared.txt"), "not ours to close");
		Files.createSymbolicLink(this.dir.resolve(".ratchet/link"), outside);
		for (Path path : List.of(this.dir.resolve(".ratchet"), state, log.getParent())) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		for (Path path : List.of(log, lock, outside)) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-r--"));
		}
		// when
		OwnerOnly.tree(this.dir.resolve(".ratchet"));
		// then
		assertThat(mode(this.dir.resolve(".ratchet"))).isEqualTo("rwx------");
		assertThat(mode(state)).isEqualTo("rwx------");
		assertThat(mode(log.getParent())).isEqualTo("rwx------");
		assertThat(mode(log)).isEqualTo("rw-------");
		assertThat(mode(lock)).isEqualTo("rw-------");
		assertThat(mode(outside)).as("a link's target outside is left alone").isEqualTo("rw-rw-r--");
		assertThat(OwnerOnly.openToOthers(lock)).isFalse();
		assertThat(OwnerOnly.openToOthers(outside)).isTrue();
	}

	@Test
	void aMissingTreeIsNotCreated() {
		// when
		OwnerOnly.tree(this.dir.resolve("absent"));
		// then
		assertThat(this.dir.resolve("absent")).doesNotExist();
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
