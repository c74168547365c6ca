package io.ratchet.security;

import java.util.List;

/**
 * Ratchet refuses to start: a credential comes from a place it must not (see
 * {@link SecretsPolicy}).
 */
public class InsecureCredentialsException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public InsecureCredentialsException(List<String> problems) {
		super("refusing to start, credentials are not kept safely:\n  - " + String.join("\n  - ", problems));
	}

}
