package io.ratchet.security;

/**
 * The two users of the HTTP endpoint: the operator ({@link Roles#OPERATOR} and
 * {@link Roles#VIEWER}) and the read-only viewer ({@link Roles#VIEWER}).
 *
 * @param operator may launch jobs and read everything
 * @param viewer may read only
 */
public record HttpUsers(HttpCredentials operator, HttpCredentials viewer) {

	/**
	 * Both users, configured or generated.
	 * @throws IllegalStateException when the two have the same name (one login would hide
	 * the other)
	 */
	public static HttpUsers of(HttpProperties properties) {
		if (properties.viewerUsername() != null && properties.viewerUsername().equals(properties.username())) {
			throw new IllegalStateException("ratchet.http.viewer-username and ratchet.http.username are both '"
					+ properties.username() + "': the read-only user needs a name of its own");
		}
		return new HttpUsers(HttpCredentials.of(properties), HttpCredentials.viewer(properties));
	}

}
