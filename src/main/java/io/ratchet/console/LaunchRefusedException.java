package io.ratchet.console;

/**
 * A launch that did not start, with the message the launch form shows (the command line's
 * own, e.g. that the same run is already running).
 */
class LaunchRefusedException extends RuntimeException {

	LaunchRefusedException(String message) {
		super(message);
	}

}
