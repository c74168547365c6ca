package io.ratchet.security;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The user name and password of one user of the HTTP endpoint.
 *
 * @param username the user name
 * @param password the password
 * @param generatedFile the owner-only file a generated password was written to, or
 * {@code null} when configured
 */
public record HttpCredentials(String username, String password, Path generatedFile) {

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * The operator's credentials ({@code ratchet.http.username}, {@code password}),
	 * configured or generated: see {@link #of(String, String, String, Path)}.
	 */
	public static HttpCredentials of(HttpProperties properties) {
		return of("ratchet.http.username", properties.username(), properties.password(), properties.credentialsFile());
	}

	/**
	 * The read-only user's credentials ({@code ratchet.http.viewer-username},
	 * {@code viewer-password}), configured or generated.
	 */
	public static HttpCredentials viewer(HttpProperties properties) {
		return of("ratchet.http.viewer-username", properties.viewerUsername(), properties.viewerPassword(),
				properties.viewerCredentialsFile());
	}

	/**
	 * The configured credentials, or generated ones: a random password written once to
	 * {@code file} (mode 600) and read back by every later start, so a second daemon, or
	 * one that then refuses to start, never changes the login of the one that runs.
	 * @param setting the user name's setting, for messages
	 */
	static HttpCredentials of(String setting, String username, String password, Path file) {
		if (username == null || username.isBlank()) {
			throw new IllegalStateException(setting + " is empty: the HTTP endpoint needs a user name");
		}
		if (password != null && !password.isEmpty()) {
			return new HttpCredentials(username, password, null);
		}
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		String fresh = username + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n";
		Path absolute = file.toAbsolutePath();
		String written = OwnerOnly.createOnce(absolute, fresh).strip();
		int colon = written.indexOf(':');
		if (colon < 0 || colon == written.length() - 1 || !written.substring(0, colon).equals(username)) {
			throw new IllegalStateException(absolute + " line 1: expected " + username
					+ ":<password> (the HTTP endpoint's generated credentials); delete the file to generate new ones, "
					+ "or set " + setting + " to the user it names");
		}
		return new HttpCredentials(username, written.substring(colon + 1), absolute);
	}

	@Override
	public String toString() {
		return "HttpCredentials[username=" + this.username + ", password=(hidden)]";
	}

}
