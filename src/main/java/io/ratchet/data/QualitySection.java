package io.ratchet.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;

/**
 * Reads {@code quality:} of a dataset file, a mapping of feature names to rules:
 *
 * <pre>
 * quality:
 *   tenure_months: {min: 0, max: 600, max-missing: 0.05}
 *   plan: {levels: [basic, pro], max-missing: 0}
 * </pre>
 *
 * {@code min}/{@code max} are for numeric features, {@code levels} for categorical ones,
 * {@code max-missing} (a share in [0, 1]) for both. A rule on a column the dataset has no
 * feature of, {@code min} above {@code max}, a rule of the wrong kind or an empty rule is
 * refused, naming the file and the line.
 */
final class QualitySection {

	private QualitySection() {
	}

	/**
	 * @param field the {@code quality:} field, or {@code null}
	 * @param features the dataset's features
	 */
	static QualityRules read(Field field, List<Feature> features) {
		if (field == null || field.isEmpty()) {
			return QualityRules.NONE;
		}
		List<QualityRules.Rule> rules = new ArrayList<>();
		for (Field column : field.value().mapping("a mapping of feature names to rules").fields().values()) {
			Feature feature = features.stream().filter((f) -> f.name().equals(column.key())).findFirst().orElse(null);
			if (feature == null) {
				throw column.error("quality: '" + column.key() + "' is not a feature of the dataset (features: "
						+ features.stream().map(Feature::name).toList() + ")");
			}
			rules.add(rule(column, feature.type() == FeatureType.NUMERIC));
		}
		return new QualityRules(rules);
	}

	private static QualityRules.Rule rule(Field column, boolean numeric) {
		String name = "quality." + column.key();
		if (column.isEmpty()) {
			throw column
				.error(name + ": give at least one rule (" + (numeric ? "min, max" : "levels") + ", max-missing)");
		}
		Mapping spec = column.value().mapping("a mapping of rules such as {min: 0, max: 100, max-missing: 0.05}");
		if (numeric) {
			spec.allowOnly(name, "min", "max", "max-missing");
		}
		else {
			spec.allowOnly(name, "levels", "max-missing");
		}
		double min = number(spec.get("min"), name + ".min");
		double max = number(spec.get("max"), name + ".max");
		if (min > max) {
			throw spec.get("max").error(name + ": min " + min + " is above max " + max);
		}
		Set<String> levels = null;
		Field levelsField = spec.get("levels");
		if (levelsField != null) {
			levels = new LinkedHashSet<>(levelsField.texts(name + ".levels"));
			if (levels.isEmpty()) {
				throw levelsField.error(name + ".levels: give at least one level");
			}
		}
		double maxMissing = number(spec.get("max-missing"), name + ".max-missing");
		if (!Double.isNaN(maxMissing) && !(maxMissing >= 0 && maxMissing <= 1)) {
			throw spec.get("max-missing")
				.error(name + ".max-missing must be a share between 0 and 1, not " + maxMissing);
		}
		return new QualityRules.Rule(column.key(), min, max, levels, maxMissing);
	}

	private static double number(Field field, String what) {
		if (field == null) {
			return Double.NaN;
		}
		double value = field.scalar(what).number(what);
		if (!Double.isFinite(value)) {
			throw field.error(what + " must be a finite number, not " + value);
		}
		return value;
	}

}
