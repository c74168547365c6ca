package io.ratchet.requirement;

/**
 * A requirements file that cannot be read: its message names the file, the line when
 * there is one, and the cause.
 */
public class RequirementsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public RequirementsException(String message) {
		super(message);
	}

	public RequirementsException(String message, Throwable cause) {
		super(message, cause);
	}

}
