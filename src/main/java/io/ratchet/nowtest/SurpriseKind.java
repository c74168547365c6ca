package io.ratchet.nowtest;

import java.util.Locale;

/**
 * Why a row of a now-test window is surprising for a model ({@link SurprisingRows}); its
 * {@link #key()} is what {@code surprising_row.kind}, the report and
 * {@code jobs/model-cases --kind} use.
 */
public enum SurpriseKind {

	/**
	 * The largest loss against the label: log loss of the row for a binary model,
	 * absolute error for a regression model.
	 */
	LOSS("largest loss"),

	/**
	 * A score outside the range the model's scores took over the drift reference, by how
	 * many widths of that range.
	 */
	RANGE("score outside the reference's range"),

	/** Categorical levels the reference never had, by how many. */
	UNSEEN("levels unseen in the reference");

	private final String title;

	SurpriseKind(String title) {
		this.title = title;
	}

	/** {@code loss}, {@code range} or {@code unseen}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** What the report calls it. */
	String title() {
		return this.title;
	}

	/**
	 * The kind of a key.
	 * @throws IllegalArgumentException naming the keys when there is none
	 */
	public static SurpriseKind of(String key) {
		for (SurpriseKind kind : values()) {
			if (kind.key().equals(key)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("no kind of surprising row \"" + key + "\" (loss, range or unseen)");
	}

}
