package io.ratchet.metrics;

/**
 * Stored accumulator state that cannot be read back: corrupt, truncated, or of another
 * kind or threshold.
 */
public class MetricStateException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public MetricStateException(String message) {
		super(message);
	}

}
