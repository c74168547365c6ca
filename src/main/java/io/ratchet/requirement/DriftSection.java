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
 * {@code score_psi}; each written {@code {max: x}} (drift is bounded from above only) and
 * validated on its own line.
 */
final class DriftSection {

	private static final String FEATURE_STATISTICS = "psi, ks, missing_rate, missing_rate_change";

	private DriftSection() {
	}

	static DriftRequirements read(ConfigNode section) {
		Map<DriftStatistic, Double> features = new EnumMap<>(DriftStatistic.class);
		Map<String, Map<DriftStatistic, Double>> overrides = new LinkedHashMap<>();
		Double scorePsi = null;
		for (Field field : section.mapping("a mapping of drift bounds").fields().values()) {
			if (field.key().equals("score_psi")) {
				scorePsi = max(field, "score_psi");
			}
			else if (field.key().equals("features")) {
				overrides(field, overrides);
			}
			else {
				features.put(statistic(field, FEATURE_STATISTICS + ", score_psi, features"), max(field, field.key()));
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
					bounds.put(statistic(bound, FEATURE_STATISTICS),
							max(bound, bound.key() + " of feature " + feature.key()));
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

	/** Reads {@code {max: x}}. */
	private static double max(Field field, String what) {
		if (!(field.value() instanceof Mapping bound)) {
			throw field.value()
				.error("the drift bound on " + what + " must be a mapping such as {max: 0.2}, not "
						+ field.value().describe());
		}
		for (Field side : bound.fields().values()) {
			if (!side.key().equals("max")) {
				throw side.error("unknown field \"" + side.key() + "\" (known: max; drift is bounded from above only)");
			}
		}
		Field max = bound.get("max");
		if (max == null) {
			throw bound.error("the drift bound on " + what + " has no max");
		}
		if (!(max.value() instanceof Scalar scalar) || scalar.number() == null) {
			throw max.value().error("max of " + what + " must be a number, not " + max.value().describe());
		}
		String problem = DriftRequirements.problem(scalar.number().doubleValue(), what);
		if (problem != null) {
			throw max.value().error(problem);
		}
		return scalar.number().doubleValue();
	}

}
