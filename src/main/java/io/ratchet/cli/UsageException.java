package io.ratchet.cli;

/** A command line that cannot be understood. */
class UsageException extends RuntimeException {

	UsageException(String message) {
		super(message);
	}

}
