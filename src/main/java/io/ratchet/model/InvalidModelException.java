package io.ratchet.model;

import io.ratchet.config.Pointers;

/**
 * Thrown by the constructors of model definitions when a value breaks a rule.
 * {@link #at()} is a JSON pointer relative to the object being built (e.g.
 * {@code /terms/2/scale}) so that the file reader can turn it into a line number.
 */
class InvalidModelException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String at;

	private final String detail;

	InvalidModelException(String at, String detail) {
		super(Pointers.readable(at) + ": " + detail);
		this.at = at;
		this.detail = detail;
	}

	/**
	 * Where the problem is, as a JSON pointer relative to the object being built
	 * ({@code ""} for the object).
	 */
	String at() {
		return this.at;
	}

	/** The problem, without where it is. */
	String detail() {
		return this.detail;
	}

	/** The value, or an exception {@code /field: is required} when it is {@code null}. */
	static <T> T required(T value, String field) {
		if (value == null) {
			throw new InvalidModelException("/" + field, "is required");
		}
		return value;
	}

	static double finite(double value, String field) {
		if (!Double.isFinite(value)) {
			throw new InvalidModelException("/" + field, "must be a finite number, not " + value);
		}
		return value;
	}

	static String name(String value, String field) {
		if (value == null || value.isBlank()) {
			throw new InvalidModelException("/" + field, "must not be empty");
		}
		return value;
	}

}
