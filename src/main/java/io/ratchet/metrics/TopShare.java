package io.ratchet.metrics;

import java.util.List;
import java.util.Map;

import io.ratchet.data.TopK;

/**
 * Precision, recall and lift among the top k% of rows by score: the rows whose score is
 * at least the score of the {@code ceil(k·n)}-th highest row, so ties at the cut are all
 * included (and the top may hold more than {@code ceil(k·n)} rows). Precision is the
 * share of positives among them, recall the share of all positives found among them, lift
 * the precision divided by the share of positives in the period.
 *
 * <p>
 * Read from the scores a {@link BinaryAccumulator} keeps for ROC AUC: exact while they
 * are exact. Once they are in a {@link ScoreHistogram} a group is a bin, so the cut takes
 * the whole bin it falls in: the top then holds every row of that bin (rows whose
 * log-odds are within one bin, about 6.9e-5, of the cut), and the figures are those of
 * that slightly larger top, not an estimate of the exact one.
 */
final class TopShare {

	/** The shares, in percent, and the metrics each gives. */
	private static final int[] PERCENTS = { 5, 10 };

	private static final Metric[][] METRICS = {
			{ Metric.PRECISION_TOP5PCT, Metric.RECALL_TOP5PCT, Metric.LIFT_TOP5PCT },
			{ Metric.PRECISION_TOP10PCT, Metric.RECALL_TOP10PCT, Metric.LIFT_TOP10PCT } };

	private TopShare() {
	}

	/**
	 * Rows in the top {@code percent}% of {@code n} before ties:
	 * {@code ceil(n·percent/100)} in integers (so 10% of 30 rows is 3, where
	 * {@code ceil(0.1 * 30)} in doubles is 4).
	 */
	static long cut(long n, int percent) {
		return (n * percent + 99) / 100;
	}

	/**
	 * Puts the built-in top-k metrics (5% and 10%) of the scores into {@code values}:
	 * precision always (n > 0), recall and lift only when there are positives.
	 */
	static void put(Map<Metric, Double> values, LabelledScores scores, long n, long positives) {
		if (n == 0) {
			return;
		}
		long[] cuts = new long[PERCENTS.length];
		for (int i = 0; i < cuts.length; i++) {
			cuts[i] = cut(n, PERCENTS[i]);
		}
		double[][] figures = figures(scores, cuts, n, positives);
		for (int i = 0; i < PERCENTS.length; i++) {
			for (int j = 0; j < 3; j++) {
				values.put(METRICS[i][j], figures[i][j]);
			}
		}
	}

	/**
	 * Puts the top-k metrics of a dataset's own shares into {@code own}, by key
	 * ({@code precision_top20pct}...), as {@link #put} does for the built-in ones.
	 */
	static void putShares(Map<String, Double> own, List<TopK> shares, LabelledScores scores, long n, long positives) {
		if (n == 0 || shares.isEmpty()) {
			return;
		}
		long[] cuts = shares.stream().mapToLong((share) -> share.cut(n)).toArray();
		double[][] figures = figures(scores, cuts, n, positives);
		for (int i = 0; i < cuts.length; i++) {
			List<DatasetMetric> metrics = MetricId.ofTopK(shares.get(i));
			for (int j = 0; j < 3; j++) {
				own.put(metrics.get(j).key(), figures[i][j]);
			}
		}
	}

	/**
	 * Precision, recall and lift at each cut (rows before ties); recall and lift are NaN
	 * (absent) without positives.
	 */
	private static double[][] figures(LabelledScores scores, long[] cuts, long n, long positives) {
		long[][] counts = counts(scores, cuts);
		double[][] figures = new double[cuts.length][];
		for (int i = 0; i < cuts.length; i++) {
			double precision = (double) counts[1][i] / counts[0][i];
			figures[i] = new double[] { precision, (positives > 0) ? (double) counts[1][i] / positives : Double.NaN,
					(positives > 0) ? precision / ((double) positives / n) : Double.NaN };
		}
		return figures;
	}

	/**
	 * The rows in the top (ties at each cut included) and the positives among them, at
	 * each cut: {@code [rows, found]}, each one per cut.
	 */
	static long[][] counts(LabelledScores scores, long[] cuts) {
		long last = java.util.Arrays.stream(cuts).max().orElse(0);
		long[] rows = new long[cuts.length];
		long[] found = new long[cuts.length];
		long[] seen = new long[2];
		// the groups past the largest cut change nothing: the walk stops there
		scores.forEachScoreGroup((score, groupPositives, groupNegatives) -> {
			if (seen[0] >= last) {
				// a histogram hands over every bin: the rest are past the cut
				return;
			}
			seen[0] += groupPositives + groupNegatives;
			seen[1] += groupPositives;
			for (int i = 0; i < cuts.length; i++) {
				if (rows[i] < cuts[i]) {
					rows[i] = seen[0];
					found[i] = seen[1];
				}
			}
		}, last);
		return new long[][] { rows, found };
	}

	/** The built-in shares, in percent. */
	static int[] percents() {
		return PERCENTS.clone();
	}

	/** The built-in metrics of each share: precision, recall, lift. */
	static Metric[] metrics(int share) {
		return METRICS[share].clone();
	}

}
