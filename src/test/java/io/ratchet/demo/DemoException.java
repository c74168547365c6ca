package io.ratchet.demo;

/**
 * The demo data could not be generated; the message names the file and the cause, e.g.
 * {@code config/registry.yml: cannot write: Permission denied}.
 */
public class DemoException extends RuntimeException {

	DemoException(String message, Throwable cause) {
		super(message, cause);
	}

	DemoException(String message) {
		super(message);
	}

}
