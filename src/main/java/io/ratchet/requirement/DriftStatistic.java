package io.ratchet.requirement;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A drift statistic that requirements may bound (always from above): the population
 * stability index, the two-sample Kolmogorov–Smirnov statistic (numeric features), the
 * window's missing-value rate, and its change from the reference.
 */
public enum DriftStatistic {

	PSI("psi"), KS("ks"), MISSING_RATE("missing_rate"), MISSING_RATE_CHANGE("missing_rate_change");

	private final String key;

	DriftStatistic(String key) {
		this.key = key;
	}

	/** The name in requirements.yml and in stored keys, e.g. {@code psi}. */
	public String key() {
		return this.key;
	}

	/**
	 * The statistic of a key.
	 * @throws IllegalArgumentException naming the known keys
	 */
	public static DriftStatistic fromKey(String key) {
		for (DriftStatistic statistic : values()) {
			if (statistic.key.equals(key)) {
				return statistic;
			}
		}
		throw new IllegalArgumentException("unknown drift statistic '" + key + "' (known: "
				+ Arrays.stream(values()).map(DriftStatistic::key).collect(Collectors.joining(", ")) + ")");
	}

}
