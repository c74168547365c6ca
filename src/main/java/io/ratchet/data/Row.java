package io.ratchet.data;

import java.time.LocalDate;

/**
 * One validated record of a dataset, ready to be scored.
 * <p>
 * The arrays are read-only: a consumer never writes into them, and a reader may share one
 * between rows (the month cache gives every row of a dataset without categorical features
 * the same all-{@code null} levels).
 *
 * @param line the line number in the file it came from (1 is the header)
 * @param date the event date
 * @param label 1 or 0 for binary, the value for regression, {@link Double#NaN} when the
 * label is missing (unlabelled)
 * @param numbers per feature of {@link DatasetConfig#features()}: the value of a numeric
 * feature, {@link Double#NaN} when missing (unused for categorical features)
 * @param levels per feature of {@link DatasetConfig#features()}: the level of a
 * categorical feature, {@code null} when missing (unused for numeric features)
 * @param ids per column of {@link DatasetConfig#idColumns()}: the cell as written (empty
 * array without id columns)
 * @param scores per column of {@link DatasetConfig#scoreColumns()}: the logged score,
 * {@link Double#NaN} when missing
 * @param extras per column of {@link DatasetConfig#extraColumns()} (segment columns that
 * are not features): the cell as written, {@code null} when missing
 */
public record Row(long line, LocalDate date, double label, double[] numbers, String[] levels, String[] ids,
		double[] scores, String[] extras) {

	private static final String[] NO_IDS = {};

	private static final double[] NO_SCORES = {};

	private static final String[] NO_EXTRAS = {};

	/** A row without extra (segment) cells. */
	public Row(long line, LocalDate date, double label, double[] numbers, String[] levels, String[] ids,
			double[] scores) {
		this(line, date, label, numbers, levels, ids, scores, NO_EXTRAS);
	}

	/**
	 * A row of a dataset without id or score columns (or whose ids and scores do not
	 * matter).
	 */
	public Row(long line, LocalDate date, double label, double[] numbers, String[] levels) {
		this(line, date, label, numbers, levels, NO_IDS, NO_SCORES);
	}

	/**
	 * Whether the row has a label; unlabelled rows are counted but excluded from metrics.
	 */
	public boolean labelled() {
		return !Double.isNaN(this.label);
	}

}
