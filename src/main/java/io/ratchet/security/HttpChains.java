package io.ratchet.security;

import org.springframework.core.Ordered;

/**
 * The order of the HTTP endpoint's security filter chains: the first whose
 * {@code securityMatcher} matches a request handles it. Each chain has its own
 * authentication rules: the API and actuator are stateless HTTP basic, the console (a
 * chain of its own on {@code /} and {@code /console/**}, ordered {@link #CONSOLE}) uses
 * sessions and CSRF tokens; whatever no chain claims needs HTTP basic ({@link #REST}).
 */
public final class HttpChains {

	/** {@code /api/**}. */
	public static final int API = 10;

	/** {@code /actuator/**}. */
	public static final int ACTUATOR = 20;

	/** {@code /} and {@code /console/**}: left for the console's chain. */
	public static final int CONSOLE = 30;

	/** Every other path. */
	public static final int REST = Ordered.LOWEST_PRECEDENCE;

	private HttpChains() {
	}

}
