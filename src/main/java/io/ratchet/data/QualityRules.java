package io.ratchet.data;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The data-quality rules of a dataset ({@code quality:} in its file): per feature a range
 * of plausible values, the levels allowed, and the largest share of missing values. A row
 * with a value outside its range or a level not allowed is rejected at import (into the
 * quarantine, with its line and the rule it broke); missing values never break a range or
 * level rule, they count towards the missing rate.
 *
 * @param rules one per feature that has rules, in the file's order
 */
public record QualityRules(List<Rule> rules) {

	/** No rules. */
	public static final QualityRules NONE = new QualityRules(List.of());

	public QualityRules {
		rules = List.copyOf(rules);
	}

	/**
	 * Why a row breaks a range or level rule (the first broken), or {@code null} when it
	 * keeps them all.
	 * @param dataset the dataset the row was parsed with (its feature order)
	 */
	public String violation(DatasetConfig dataset, Row row) {
		for (Rule rule : this.rules) {
			String broken = rule.violation(dataset, row);
			if (broken != null) {
				return broken;
			}
		}
		return null;
	}

	/**
	 * The rules of one feature; a {@code null} or {@link Double#NaN} part is not checked.
	 *
	 * @param feature the feature's name
	 * @param min the smallest plausible value (numeric), or {@link Double#NaN}
	 * @param max the largest plausible value (numeric), or {@link Double#NaN}
	 * @param levels the levels allowed (categorical), or {@code null}
	 * @param maxMissing the largest share of missing values, in [0, 1], or
	 * {@link Double#NaN}
	 */
	public record Rule(String feature, double min, double max, Set<String> levels, double maxMissing) {

		public Rule {
			if (levels != null) {
				levels = Set.copyOf(levels);
			}
			if (min > max) {
				throw new IllegalArgumentException(feature + ": min " + min + " is above max " + max);
			}
		}

		/** Why a row breaks this rule's range or levels, or {@code null}. */
		String violation(DatasetConfig dataset, Row row) {
			int index = dataset.featureIndex(this.feature);
			return (dataset.features().get(index).type() == FeatureType.NUMERIC) ? violation(row.numbers()[index])
					: violation(row.levels()[index]);
		}

		private String violation(double value) {
			if (Double.isNaN(value)) {
				return null;
			}
			if (value < this.min || value > this.max) {
				return String.format(Locale.ROOT, "%s = %s is outside its range [%s, %s] (quality in the dataset file)",
						this.feature, number(value), number(this.min), number(this.max));
			}
			return null;
		}

		private String violation(String level) {
			if (level == null || this.levels == null || this.levels.contains(level)) {
				return null;
			}
			return this.feature + " = '" + level + "' is not an allowed level " + this.levels.stream().sorted().toList()
					+ " (quality in the dataset file)";
		}

		/** Whether a share of missing values breaks the rule. */
		public boolean tooManyMissing(double missingRate) {
			return !Double.isNaN(this.maxMissing) && missingRate > this.maxMissing;
		}

		private static String number(double value) {
			return Double.isNaN(value) ? "–" : (value == Math.rint(value) && Math.abs(value) < 1e15)
					? Long.toString((long) value) : Double.toString(value);
		}

	}

}
