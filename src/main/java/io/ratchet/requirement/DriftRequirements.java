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
 *   missing_rate_change: {max: 0.05}
 *   score_psi: {max: 0.2}       # each model's score
 *   features:                   # per-feature overrides
 *     plan: {psi: {max: 0.3}}
 * </pre>
 *
 * A value equal to its bound meets it.
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
			check(scorePsi, "score_psi");
		}
	}

	/**
	 * The bound on a statistic of a feature: its override, else the bound for every
	 * feature.
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

	/** Why a maximum is not acceptable, or {@code null}; shared with the file reader. */
	static String problem(double max, String what) {
		if (!Double.isFinite(max) || max < 0) {
			return "max of " + what + " must be a finite number of at least 0, not " + max;
		}
		return null;
	}

	private static Map<DriftStatistic, Double> copy(Map<DriftStatistic, Double> bounds) {
		Map<DriftStatistic, Double> copy = new EnumMap<>(DriftStatistic.class);
		bounds.forEach((statistic, max) -> copy.put(Objects.requireNonNull(statistic, "statistic"),
				check(Objects.requireNonNull(max, "max"), statistic.key())));
		return Collections.unmodifiableMap(copy);
	}

	private static double check(double max, String what) {
		String problem = problem(max, what);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		return max;
	}

}
