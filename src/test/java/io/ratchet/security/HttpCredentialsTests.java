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
		HttpCredentials first = HttpCredentials.of(properties("ratchet", "", file));
		String written = Files.readString(file);
		HttpCredentials second = HttpCredentials.of(properties("ratchet", "", file));
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
		HttpCredentials credentials = HttpCredentials.of(properties("monitor", "from-env", file));
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
		HttpCredentials credentials = HttpCredentials.of(properties("ratchet", "", file));
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
		assertThatIllegalStateException().isThrownBy(() -> HttpCredentials.of(properties("ratchet", "", file)))
			.withMessageContaining(file.toAbsolutePath() + " line 1")
			.withMessageContaining("ratchet:<password>");
		assertThat(Files.readString(file)).isEqualTo("someone:else\n");
	}

	@Test
	void theViewerGetsAPasswordOfItsOwnInAFileOfItsOwn() throws IOException {
		// given
		Path operatorFile = this.dir.resolve(".ratchet/http-credentials");
		Path viewerFile = this.dir.resolve(".ratchet/http-viewer-credentials");
		HttpProperties properties = new HttpProperties("ratchet", "", operatorFile, "viewer", "", viewerFile);
		// when
		HttpUsers users = HttpUsers.of(properties);
		HttpUsers again = HttpUsers.of(properties);
		// then
		assertThat(users.viewer().username()).isEqualTo("viewer");
		assertThat(users.viewer().password()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(users.operator().password());
		assertThat(Files.readString(viewerFile)).isEqualTo("viewer:" + users.viewer().password() + "\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(viewerFile))).isEqualTo("rw-------");
		assertThat(again).isEqualTo(users);
	}

	@Test
	void aConfiguredViewerPasswordIsUsedAndNothingIsWritten() {
		// given
		Path viewerFile = this.dir.resolve("viewer-credentials");
		// when
		HttpCredentials viewer = HttpCredentials
			.viewer(new HttpProperties("ratchet", "op", this.dir.resolve("op"), "reader", "from-env", viewerFile));
		// then
		assertThat(viewer).isEqualTo(new HttpCredentials("reader", "from-env", null));
		assertThat(viewerFile).doesNotExist();
	}

	@Test
	void aViewerNamedLikeTheOperatorIsRefused() {
		// given
		HttpProperties properties = new HttpProperties("ratchet", "a", this.dir.resolve("op"), "ratchet", "b",
				this.dir.resolve("viewer"));
		// then
		assertThatIllegalStateException().isThrownBy(() -> HttpUsers.of(properties))
			.withMessageContaining("ratchet.http.viewer-username and ratchet.http.username are both 'ratchet'");
	}

	@Test
	void anEmptyViewerNameIsRefusedNamingItsSetting() {
		// given
		HttpProperties properties = new HttpProperties("ratchet", "a", this.dir.resolve("op"), " ", "b",
				this.dir.resolve("viewer"));
		// then
		assertThatIllegalStateException().isThrownBy(() -> HttpUsers.of(properties))
			.withMessageContaining("ratchet.http.viewer-username is empty");
	}

	private static HttpProperties properties(String username, String password, Path file) {
		return new HttpProperties(username, password, file, "viewer", "", file.resolveSibling("viewer-credentials"));
	}

}
