package io.ratchet.alert;

/**
 * What an alert tells: requirements breached, too few labelled rows to judge, or a breach
 * that cleared.
 */
public enum AlertKind {

	BREACH("breach"), INSUFFICIENT_DATA("insufficient-data"), RECOVERED("recovered");

	private final String slug;

	AlertKind(String slug) {
		this.slug = slug;
	}

	/** The kind in file names and idempotency keys, e.g. {@code insufficient-data}. */
	public String slug() {
		return this.slug;
	}

}
