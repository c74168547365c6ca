package io.ratchet.model;

import java.util.List;

/**
 * A model key ({@code name@version} or {@code name}) that the catalogue does not hold;
 * the message lists known keys.
 */
public class UnknownModelException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String key;

	public UnknownModelException(String key, List<String> knownKeys) {
		super("unknown model \"" + key + "\" (known: " + (knownKeys.isEmpty() ? "none" : String.join(", ", knownKeys))
				+ ")");
		this.key = key;
	}

	/** The key that was asked for. */
	public String key() {
		return this.key;
	}

}
