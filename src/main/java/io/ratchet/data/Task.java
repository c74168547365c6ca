package io.ratchet.data;

/** What a dataset's label is: a binary class (with a positive value) or a real number. */
public enum Task {

	BINARY, REGRESSION;

	/** Parses {@code binary} or {@code regression}, case-insensitively. */
	public static Task parse(String text) {
		for (Task task : values()) {
			if (task.name().equalsIgnoreCase(text.trim())) {
				return task;
			}
		}
		throw new IllegalArgumentException("unknown task '" + text + "' (expected binary or regression)");
	}

	/** The lower-case name used in files. */
	public String key() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
