package io.ratchet.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts, over some rows (a now-test's window), how often each feature with
 * {@link QualityRules} breaks its range or level rule and how often it is missing, so the
 * window's violations can be reported and a missing share above {@code max-missing}
 * judged a breach. Not thread-safe.
 */
public final class QualityCheck {

	private final DatasetConfig dataset;

	private final List<QualityRules.Rule> rules;

	private final int[] indexes;

	private final long[] violations;

	private final long[] missing;

	private long rows;

	public QualityCheck(DatasetConfig dataset) {
		this.dataset = dataset;
		this.rules = dataset.quality().rules();
		this.indexes = this.rules.stream().mapToInt((rule) -> dataset.featureIndex(rule.feature())).toArray();
		this.violations = new long[this.rules.size()];
		this.missing = new long[this.rules.size()];
	}

	/** Counts one row. */
	public void add(Row row) {
		this.rows++;
		for (int i = 0; i < this.indexes.length; i++) {
			int index = this.indexes[i];
			boolean numeric = this.dataset.features().get(index).type() == FeatureType.NUMERIC;
			if (numeric ? Double.isNaN(row.numbers()[index]) : row.levels()[index] == null) {
				this.missing[i]++;
			}
			else if (this.rules.get(i).violation(this.dataset, row) != null) {
				this.violations[i]++;
			}
		}
	}

	/** What was found, one finding per rule, in the rules' order. */
	public List<Finding> findings() {
		List<Finding> findings = new ArrayList<>();
		for (int i = 0; i < this.rules.size(); i++) {
			double rate = (this.rows == 0) ? Double.NaN : (double) this.missing[i] / this.rows;
			findings.add(new Finding(this.rules.get(i), this.rows, this.violations[i], rate));
		}
		return findings;
	}

	/**
	 * One feature's rules over the rows counted.
	 *
	 * @param rule the rules
	 * @param rows rows counted
	 * @param violations rows outside the range or with a level not allowed
	 * @param missingRate the share of rows missing the feature ({@link Double#NaN}
	 * without rows)
	 */
	public record Finding(QualityRules.Rule rule, long rows, long violations, double missingRate) {

		/** Whether the missing share is above the rule's {@code max-missing}. */
		public boolean missingBreached() {
			return this.rows > 0 && this.rule.tooManyMissing(this.missingRate);
		}

	}

}
