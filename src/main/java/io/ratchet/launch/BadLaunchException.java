package io.ratchet.launch;

/**
 * A launch asked for with a bad value: names the field (e.g. {@code job},
 * {@code parameters.asOf}) and the cause; nothing was started.
 */
public class BadLaunchException extends RuntimeException {

	private final String field;

	public BadLaunchException(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	/** The field at fault, as the request names it. */
	public String field() {
		return this.field;
	}

}
