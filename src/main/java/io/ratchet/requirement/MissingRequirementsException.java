package io.ratchet.requirement;

/**
 * A dataset a job was asked to judge has no requirements (the file does not name it, or
 * names it without a bound) and is not marked {@code unmonitored: true}: judging it would
 * pass whatever the figures.
 */
public class MissingRequirementsException extends RequirementsException {

	private static final long serialVersionUID = 1L;

	public MissingRequirementsException(String message) {
		super(message);
	}

}
