package io.ratchet.system;

/**
 * A dataset, model or version name that could reach outside its folder; see
 * {@link SafeNames}.
 */
public class UnsafeNameException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public UnsafeNameException(String message) {
		super(message);
	}

}
