package io.ratchet.metrics;

/**
 * How well a binary model's scores read as probabilities, measured on labelled rows: the
 * expected calibration error, {@code Σ_b (n_b / n) · |mean score_b − positive share_b|}
 * over {@value #BINS} equal-width score bins ({@code [0, 0.1)}, ..., {@code [0.9, 1]}).
 * An estimate without labels ({@link ExpectedPerformance}) is only trusted when this is
 * small. Not thread safe.
 */
public final class Calibration {

	/** The score bins of the reliability table. */
	public static final int BINS = 10;

	private final long[] rows = new long[BINS];

	private final long[] positives = new long[BINS];

	private final double[] scores = new double[BINS];

	/** Adds one labelled row: its score (a probability) and its label (0 or 1). */
	public void add(double score, double label) {
		if (!(score >= 0 && score <= 1)) {
			return;
		}
		int bin = Math.min(BINS - 1, (int) (score * BINS));
		this.rows[bin]++;
		this.scores[bin] += score;
		if (label == 1) {
			this.positives[bin]++;
		}
	}

	/** Rows added. */
	public long rows() {
		long total = 0;
		for (long count : this.rows) {
			total += count;
		}
		return total;
	}

	/** The expected calibration error, NaN without rows. */
	public double expectedError() {
		long total = rows();
		if (total == 0) {
			return Double.NaN;
		}
		double error = 0;
		for (int bin = 0; bin < BINS; bin++) {
			if (this.rows[bin] > 0) {
				double gap = Math.abs(this.scores[bin] - this.positives[bin]) / this.rows[bin];
				error += gap * this.rows[bin] / total;
			}
		}
		return error;
	}

}
