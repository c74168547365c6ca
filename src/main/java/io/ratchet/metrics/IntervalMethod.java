package io.ratchet.metrics;

import java.util.Locale;

/** How a figure's 95% interval was computed (stored by its key). */
public enum IntervalMethod {

	/** ROC AUC: DeLong's variance of the Mann-Whitney statistic, normal approximation. */
	DELONG,
	/** A proportion of counted rows: Wilson's score interval. */
	WILSON,
	/**
	 * Any other figure: the 2.5% and 97.5% percentiles of a seeded bootstrap (see
	 * {@link BinaryBootstrap}).
	 */
	BOOTSTRAP;

	/** The name stored in the database, e.g. {@code delong}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The method with that key; throws otherwise. */
	public static IntervalMethod fromKey(String key) {
		return valueOf(key.toUpperCase(Locale.ROOT));
	}

}
