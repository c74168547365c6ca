package io.ratchet.data;

import java.time.LocalDate;

/**
 * One validated record of a dataset, ready to be scored.
 *
 * @param line the line number in the file it came from (1 is the header)
 * @param date the event date
 * @param label 1 or 0 for binary, the value for regression, {@link Double#NaN} when the label is missing (unlabelled)
 * @param numbers per feature of {@link DatasetConfig#features()}: the value of a numeric feature, {@link Double#NaN}
 * when missing (unused for categorical features)
 * @param levels per feature of {@link DatasetConfig#features()}: the level of a categorical feature, {@code null} when
 * missing (unused for numeric features)
 */
public record Row(long line, LocalDate date, double label, double[] numbers, String[] levels) {

	/** Whether the row has a label; unlabelled rows are counted but excluded from metrics. */
	public boolean labelled() {
		return !Double.isNaN(this.label);
	}

}
