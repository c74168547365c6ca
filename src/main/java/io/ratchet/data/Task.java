package io.ratchet.data;

/**
 * What a dataset's label is: a binary class (with a positive value), a real number, or
 * one of several named classes (the model gives one probability per class).
 */
public enum Task {

	BINARY, REGRESSION, MULTICLASS;

	/**
	 * Parses {@code binary}, {@code regression} or {@code multiclass},
	 * case-insensitively.
	 */
	public static Task parse(String text) {
		for (Task task : values()) {
			if (task.name().equalsIgnoreCase(text.trim())) {
				return task;
			}
		}
		throw new IllegalArgumentException("unknown task '" + text + "' (expected binary, regression or multiclass)");
	}

	/** The lower-case name used in files. */
	public String key() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
