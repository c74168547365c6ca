package io.ratchet.system;

import org.springframework.beans.BeansException;

/** How a failure is told to people: the innermost message (which names the file, line and cause). */
public final class Failures {

	private Failures() {
	}

	/**
	 * The innermost message of a chain of causes, prefixed by the outermost one when that says something more (for
	 * example "cannot restart run 7: ..."), or the outermost alone when it already quotes the innermost. A failure to create the application's beans (bad configuration found at
	 * start-up) is told by its innermost message alone: the chain of bean names before it says nothing to a user.
	 */
	public static String describe(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		if (failure instanceof BeansException) {
			return message;
		}
		if (failure == cause || failure.getMessage() == null) {
			return message;
		}
		// an outer message that already quotes the innermost says more (e.g. which file could not be written)
		return failure.getMessage().contains(message) ? failure.getMessage() : failure.getMessage() + ": " + message;
	}

}
