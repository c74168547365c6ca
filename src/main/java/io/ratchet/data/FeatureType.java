package io.ratchet.data;

/** How a feature column is read: as a number, or as a level of a category. */
public enum FeatureType {

	NUMERIC, CATEGORICAL;

	/** The lower-case name used in files. */
	public String key() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
