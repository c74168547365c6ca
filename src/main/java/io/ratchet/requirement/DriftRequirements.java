package io.ratchet.requirement;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Upper bounds on drift, from the {@code drift:} section of a dataset in
 * {@code config/requirements.yml}:
 *
 * <pre>
 * drift:
 *   psi: {max: 0.2}             # every feature
 *   ks: {max: 0.25}             # every numeric feature
 *   p_value: {min: 0.001}       # KS (numeric) or chi-squared (categorical)
 *   missing_rate_change: {max: 0.05}
 *   score_psi: {max: 0.2}       # each model's score
 *   features:                   # per-feature overrides
 *     plan: {psi: {max: 0.3}}
 * </pre>
 *
 * Every bound is a maximum except {@code p_value}'s, a minimum
 * ({@link DriftStatistic#boundedBelow()}). A value equal to its bound meets it.
 *
 * @param features bounds for every feature, by statistic
 * @param overrides per feature: bounds that replace those of {@code features}, statistic
 * by statistic
 * @param scorePsi the bound on the PSI of each model's score, or {@code null}
 */
public record DriftRequirements(Map<DriftStatistic, Double> features,
		Map<String, Map<DriftStatistic, Double>> overrides, Double scorePsi) {

	/** No drift bounds. */
	public static final DriftRequirements NONE = new DriftRequirements(Map.of(), Map.of(), null);

	public DriftRequirements {
		features = copy(features);
		Map<String, Map<DriftStatistic, Double>> byFeature = new LinkedHashMap<>();
		overrides.forEach((name, bounds) -> byFeature.put(Objects.requireNonNull(name, "feature"), copy(bounds)));
		overrides = Collections.unmodifiableMap(byFeature);
		if (scorePsi != null) {
			check(scorePsi, false, "score_psi");
		}
	}

	/**
	 * The bound on a statistic of a feature: its override, else the bound for every
	 * feature. A maximum, except for {@link DriftStatistic#P_VALUE}, where it is the
	 * minimum.
	 */
	public OptionalDouble max(String feature, DriftStatistic statistic) {
		Map<DriftStatistic, Double> own = this.overrides.get(feature);
		Double max = (own != null && own.containsKey(statistic)) ? own.get(statistic) : this.features.get(statistic);
		return (max != null) ? OptionalDouble.of(max) : OptionalDouble.empty();
	}

	/** Whether nothing is bounded. */
	public boolean isEmpty() {
		return this.features.isEmpty() && this.overrides.values().stream().allMatch(Map::isEmpty)
				&& this.scorePsi == null;
	}

	/**
	 * Why a bound is not acceptable, or {@code null}; shared with the file reader.
	 * @param bound the bound
	 * @param minimum whether it is a minimum p-value (else a maximum)
	 * @param what what it bounds, for the message
	 */
	static String problem(double bound, boolean minimum, String what) {
		if (minimum && !(bound >= 0 && bound <= 1)) {
			return "min of " + what + " must be a probability between 0 and 1, not " + bound;
		}
		if (!minimum && (!Double.isFinite(bound) || bound < 0)) {
			return "max of " + what + " must be a finite number of at least 0, not " + bound;
		}
		return null;
	}

	private static Map<DriftStatistic, Double> copy(Map<DriftStatistic, Double> bounds) {
		Map<DriftStatistic, Double> copy = new EnumMap<>(DriftStatistic.class);
		bounds.forEach((statistic, bound) -> copy.put(Objects.requireNonNull(statistic, "statistic"),
				check(Objects.requireNonNull(bound, "bound"), statistic.boundedBelow(), statistic.key())));
		return Collections.unmodifiableMap(copy);
	}

	private static double check(double bound, boolean minimum, String what) {
		String problem = problem(bound, minimum, what);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		return bound;
	}

}
