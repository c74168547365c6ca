package io.ratchet.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HttpCredentialsTests {

	@TempDir
	Path dir;

	@Test
	void withoutAPasswordOneIsGeneratedOnceIntoAFileOnlyItsOwnerCanRead() throws IOException {
		// given
		Path file = this.dir.resolve(".ratchet/http-credentials");
		// when
		HttpCredentials first = HttpCredentials.of(new HttpProperties("ratchet", "", file));
		String written = Files.readString(file);
		HttpCredentials second = HttpCredentials.of(new HttpProperties("ratchet", "", file));
		// then
		assertThat(first.password()).hasSizeGreaterThanOrEqualTo(32);
		assertThat(second.password()).as("a later start reads the file: the login stays").isEqualTo(first.password());
		assertThat(written).isEqualTo("ratchet:" + first.password() + "\n");
		assertThat(Files.readString(file)).isEqualTo(written);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(first.generatedFile()).isEqualTo(file.toAbsolutePath());
		assertThat(first.toString()).doesNotContain(first.password());
	}

	@Test
	void aConfiguredPasswordIsUsedAndNothingIsWritten() {
		// given
		Path file = this.dir.resolve("http-credentials");
		// when
		HttpCredentials credentials = HttpCredentials.of(new HttpProperties("monitor", "from-env", file));
		// then
		assertThat(credentials.username()).isEqualTo("monitor");
		assertThat(credentials.password()).isEqualTo("from-env");
		assertThat(credentials.generatedFile()).isNull();
		assertThat(file).doesNotExist();
	}

	@Test
	void anExistingFileIsNeverRewrittenAndOneOthersCouldReadIsClosed() throws IOException {
		// given: the running daemon's file, left readable by a wider umask
		Path file = this.dir.resolve("http-credentials");
		Files.writeString(file, "ratchet:the-running-daemons-password\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		// when: a second process starts
		HttpCredentials credentials = HttpCredentials.of(new HttpProperties("ratchet", "", file));
		// then
		assertThat(credentials.password()).isEqualTo("the-running-daemons-password");
		assertThat(Files.readString(file)).isEqualTo("ratchet:the-running-daemons-password\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void aFileForAnotherUserIsRefusedNamingTheFile() throws IOException {
		// given
		Path file = this.dir.resolve("http-credentials");
		Files.writeString(file, "someone:else\n");
		// then
		assertThatIllegalStateException().isThrownBy(() -> HttpCredentials.of(new HttpProperties("ratchet", "", file)))
			.withMessageContaining(file.toAbsolutePath() + " line 1")
			.withMessageContaining("ratchet:<password>");
		assertThat(Files.readString(file)).isEqualTo("someone:else\n");
	}

}
