package io.ratchet.requirement;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A drift statistic that requirements may bound: the population stability index, the
 * two-sample Kolmogorov–Smirnov statistic (numeric features), the p-value of a change (KS
 * for numeric features, chi-squared for categorical ones), the window's missing-value
 * rate, and its change from the reference. All are bounded from above except the p-value,
 * which is bounded from below (a small p-value is the sign of drift).
 */
public enum DriftStatistic {

	PSI("psi"), KS("ks"), P_VALUE("p_value"), MISSING_RATE("missing_rate"), MISSING_RATE_CHANGE("missing_rate_change");

	private final String key;

	DriftStatistic(String key) {
		this.key = key;
	}

	/** The name in requirements.yml and in stored keys, e.g. {@code psi}. */
	public String key() {
		return this.key;
	}

	/**
	 * Whether requirements bound this statistic from below ({@code {min: x}}) rather than
	 * from above.
	 */
	public boolean boundedBelow() {
		return this == P_VALUE;
	}

	/**
	 * Whether a value breaches its bound: below a minimum, above a maximum; a value equal
	 * to its bound meets it.
	 */
	public boolean breaches(double value, double bound) {
		return boundedBelow() ? value < bound : value > bound;
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
