package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class AtomicFilesTests {

	@TempDir
	Path dir;

	@Test
	void aNewFileIsReadableByAllAndAReplacedOneKeepsItsPermissions() throws IOException {
		// given
		Path fresh = this.dir.resolve("sub/report.html");
		Path secret = this.dir.resolve("registry.yml");
		Files.writeString(secret, "old");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));

		// when
		AtomicFiles.write(fresh, "<html/>");
		AtomicFiles.write(secret, "new");

		// then
		assertThat(fresh).hasContent("<html/>");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
		assertThat(secret).hasContent("new");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
		assertThat(leftovers()).isZero();
	}

	@Test
	void aReadOnlyFileIsReplacedDurablyAndKeepsItsMode() throws IOException {
		// given: a file its owner made read-only (the content is forced to disk through a
		// read-only handle)
		Path target = this.dir.resolve("churn-logit-v1.json");
		Files.writeString(target, "{}");
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));

		// when
		AtomicFiles.write(target, "{\"version\": 2}");

		// then
		assertThat(target).hasContent("{\"version\": 2}");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("r--r--r--");
		assertThat(leftovers()).isZero();
	}

	@Test
	void aDurableMoveBetweenFoldersReplacesTheTarget() throws IOException {
		// given: an incoming file, and a file of the same name already processed
		Path incoming = Files.createDirectories(this.dir.resolve("incoming"));
		Path processed = Files.createDirectories(this.dir.resolve("processed"));
		Path file = Files.writeString(incoming.resolve("2024-03.csv"), "new");
		Files.writeString(processed.resolve("2024-03.csv"), "old");

		// when
		AtomicFiles.move(file, processed.resolve("2024-03.csv"));

		// then
		assertThat(processed.resolve("2024-03.csv")).hasContent("new");
		assertThat(incoming).isEmptyDirectory();
	}

	@Test
	void aRefusedOrFailedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
		// given
		Path target = this.dir.resolve("requirements.yml");
		Files.writeString(target, "churn: {}\n");

		// when / then: the check refuses what was written aside
		assertThatIOException().isThrownBy(() -> AtomicFiles.write(target, (out) -> out.write("broken"), (aside) -> {
			throw new IOException("does not read back");
		})).withMessage("cannot write " + target + ": does not read back");
		// when / then: the content fails half-way (as a full disk does)
		assertThatIOException().isThrownBy(() -> AtomicFiles.write(target, (out) -> {
			out.write("half");
			throw new IOException("No space left on device");
		})).withMessageContaining(target.toString()).withMessageContaining("No space left on device");
		assertThat(target).hasContent("churn: {}\n");
		assertThat(leftovers()).isZero();
	}

	private long leftovers() throws IOException {
		try (Stream<Path> files = Files.walk(this.dir)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".tmp")).count();
		}
	}

}
