package io.ratchet.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The user name and password of the HTTP endpoint.
 *
 * @param username the user name
 * @param password the password
 * @param generatedFile the owner-only file a generated password was written to, or {@code null} when configured
 */
public record HttpCredentials(String username, String password, Path generatedFile) {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** The configured credentials, or new ones with a random password written to the properties' file. */
	public static HttpCredentials of(HttpProperties properties) {
		if (properties.username() == null || properties.username().isBlank()) {
			throw new IllegalStateException("ratchet.http.username is empty: the HTTP endpoint needs a user name");
		}
		if (properties.password() != null && !properties.password().isEmpty()) {
			return new HttpCredentials(properties.username(), properties.password(), null);
		}
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Path file = properties.credentialsFile().toAbsolutePath();
		writeOwnerOnly(file, properties.username() + ":" + password + "\n");
		return new HttpCredentials(properties.username(), password, file);
	}

	/** Writes the file so that it is never readable by anyone but its owner, not even for a moment. */
	private static void writeOwnerOnly(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Path temp;
			if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null) {
				temp = Files.createTempFile(file.getParent(), ".http-credentials-", ".tmp",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				temp = Files.createTempFile(file.getParent(), ".http-credentials-", ".tmp");
			}
			Files.writeString(temp, content, StandardCharsets.UTF_8);
			Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the HTTP endpoint's generated credentials to " + file
					+ ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "HttpCredentials[username=" + this.username + ", password=(hidden)]";
	}

}
