package io.ratchet.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HttpCredentialsTests {

	@TempDir
	Path dir;

	@Test
	void withoutAPasswordOneIsGeneratedIntoAFileOnlyItsOwnerCanRead() throws IOException {
		// given
		Path file = this.dir.resolve(".ratchet/http-credentials");
		// when
		HttpCredentials first = HttpCredentials.of(new HttpProperties("ratchet", "", file));
		String written = Files.readString(file);
		HttpCredentials second = HttpCredentials.of(new HttpProperties("ratchet", "", file));
		// then
		assertThat(first.password()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(second.password());
		assertThat(written).isEqualTo("ratchet:" + first.password() + "\n");
		assertThat(Files.readString(file)).isEqualTo("ratchet:" + second.password() + "\n");
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

}
