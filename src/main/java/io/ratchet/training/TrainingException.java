package io.ratchet.training;

/**
 * Training is impossible with these rows or this specification: no labelled rows, a
 * window with one class only, a feature the dataset lacks, a non-finite value. The
 * message names the window, the counts or the feature.
 */
public class TrainingException extends RuntimeException {

	public TrainingException(String message) {
		super(message);
	}

	public TrainingException(String message, Throwable cause) {
		super(message, cause);
	}

}
