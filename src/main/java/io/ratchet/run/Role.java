package io.ratchet.run;

/**
 * The role a model version had in a run ({@code run_model.role}): the dataset's champion,
 * one of its registered candidates, or any other model the run scored. The database keeps
 * the lower-case {@link #value()}.
 */
public enum Role {

	CHAMPION("champion"), CANDIDATE("candidate"), OTHER("other");

	private final String value;

	Role(String value) {
		this.value = value;
	}

	/** The role as stored: {@code champion}, {@code candidate} or {@code other}. */
	public String value() {
		return this.value;
	}

	/** The role of a stored value; {@link #OTHER} for a value that names no role. */
	public static Role of(String value) {
		for (Role role : values()) {
			if (role.value.equals(value)) {
				return role;
			}
		}
		return OTHER;
	}

	/** Whether a stored value names this role. */
	public boolean is(String value) {
		return this.value.equals(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
