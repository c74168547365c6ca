package io.ratchet.security;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The user name and password of the HTTP endpoint.
 *
 * @param username the user name
 * @param password the password
 * @param generatedFile the owner-only file a generated password was written to, or
 * {@code null} when configured
 */
public record HttpCredentials(String username, String password, Path generatedFile) {

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * The configured credentials, or generated ones: a random password written once to
	 * the properties' file (mode 600) and read back by every later start, so a second
	 * daemon, or one that then refuses to start, never changes the login of the one that
	 * runs.
	 */
	public static HttpCredentials of(HttpProperties properties) {
		if (properties.username() == null || properties.username().isBlank()) {
			throw new IllegalStateException("ratchet.http.username is empty: the HTTP endpoint needs a user name");
		}
		if (properties.password() != null && !properties.password().isEmpty()) {
			return new HttpCredentials(properties.username(), properties.password(), null);
		}
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		String fresh = properties.username() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
				+ "\n";
		Path file = properties.credentialsFile().toAbsolutePath();
		String written = OwnerOnly.createOnce(file, fresh).strip();
		int colon = written.indexOf(':');
		if (colon < 0 || colon == written.length() - 1 || !written.substring(0, colon).equals(properties.username())) {
			throw new IllegalStateException(file + " line 1: expected " + properties.username()
					+ ":<password> (the HTTP endpoint's generated credentials); delete the file to generate new ones, "
					+ "or set ratchet.http.username to the user it names");
		}
		return new HttpCredentials(properties.username(), written.substring(colon + 1), file);
	}

	@Override
	public String toString() {
		return "HttpCredentials[username=" + this.username + ", password=(hidden)]";
	}

}
