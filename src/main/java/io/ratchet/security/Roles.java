package io.ratchet.security;

/**
 * The roles of the HTTP endpoint's users (without Spring Security's {@code ROLE_} prefix,
 * as {@code hasRole} takes them). The operator holds both: an operator can read
 * everything a viewer can.
 */
public final class Roles {

	/** May launch jobs (POST), and read everything. */
	public static final String OPERATOR = "OPERATOR";

	/** May read: runs, figures, alerts, the registry, health and metrics. */
	public static final String VIEWER = "VIEWER";

	private Roles() {
	}

}
