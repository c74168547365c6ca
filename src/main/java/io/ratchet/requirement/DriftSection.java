package io.ratchet.requirement;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ratchet.config.ConfigNode;
import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigNode.Scalar;

/**
 * Reads the {@code drift:} section of a dataset in {@code requirements.yml}: bounds on
 * every feature's drift statistics, per-feature overrides under {@code features:}, and
 * {@code score_psi}; each written {@code {max: x}}, except {@code p_value: {min: x}} (a
 * p-value breaches by falling below), and validated on its own line.
 */
final class DriftSection {

	private static final String FEATURE_STATISTICS = "psi, ks, p_value, missing_rate, missing_rate_change";

	private DriftSection() {
	}

	static DriftRequirements read(ConfigNode section) {
		Map<DriftStatistic, Double> features = new EnumMap<>(DriftStatistic.class);
		Map<String, Map<DriftStatistic, Double>> overrides = new LinkedHashMap<>();
		Double scorePsi = null;
		for (Field field : section.mapping("a mapping of drift bounds").fields().values()) {
			if (field.key().equals("score_psi")) {
				scorePsi = bound(field, false, "score_psi");
			}
			else if (field.key().equals("features")) {
				overrides(field, overrides);
			}
			else {
				DriftStatistic statistic = statistic(field, FEATURE_STATISTICS + ", score_psi, features");
				features.put(statistic, bound(field, statistic.boundedBelow(), field.key()));
			}
		}
		return new DriftRequirements(features, overrides, scorePsi);
	}

	private static void overrides(Field section, Map<String, Map<DriftStatistic, Double>> overrides) {
		if (section.isEmpty()) {
			return;
		}
		for (Field feature : section.value().mapping("a mapping of feature names to drift bounds").fields().values()) {
			Map<DriftStatistic, Double> bounds = new EnumMap<>(DriftStatistic.class);
			if (!feature.isEmpty()) {
				Mapping mapping = feature.value().mapping("a mapping of drift bounds of feature " + feature.key());
				for (Field bound : mapping.fields().values()) {
					DriftStatistic statistic = statistic(bound, FEATURE_STATISTICS);
					bounds.put(statistic,
							bound(bound, statistic.boundedBelow(), bound.key() + " of feature " + feature.key()));
				}
			}
			overrides.put(feature.key(), bounds);
		}
	}

	private static DriftStatistic statistic(Field field, String known) {
		try {
			return DriftStatistic.fromKey(field.key());
		}
		catch (IllegalArgumentException ex) {
			throw field.error("unknown drift bound \"" + field.key() + "\" (known: " + known + ")");
		}
	}

	/** Reads {@code {max: x}}, or {@code {min: x}} for a p-value. */
	private static double bound(Field field, boolean minimum, String what) {
		String side = minimum ? "min" : "max";
		String example = minimum ? "{min: 0.001}" : "{max: 0.2}";
		String why = minimum ? "a p-value is bounded from below: a breach when it falls below min"
				: "drift is bounded from above only";
		if (!(field.value() instanceof Mapping bound)) {
			throw field.value()
				.error("the drift bound on " + what + " must be a mapping such as " + example + ", not "
						+ field.value().describe());
		}
		for (Field given : bound.fields().values()) {
			if (!given.key().equals(side)) {
				throw given.error("unknown field \"" + given.key() + "\" (known: " + side + "; " + why + ")");
			}
		}
		Field value = bound.get(side);
		if (value == null) {
			throw bound.error("the drift bound on " + what + " has no " + side);
		}
		if (!(value.value() instanceof Scalar scalar) || scalar.number() == null) {
			throw value.value().error(side + " of " + what + " must be a number, not " + value.value().describe());
		}
		String problem = DriftRequirements.problem(scalar.number().doubleValue(), minimum, what);
		if (problem != null) {
			throw value.value().error(problem);
		}
		return scalar.number().doubleValue();
	}

}
