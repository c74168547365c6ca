package io.ratchet.metrics;

import java.util.Map;

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
	 * Puts the top-k metrics of the scores into {@code values}: precision always (n > 0),
	 * recall and lift only when there are positives.
	 */
	static void put(Map<Metric, Double> values, LabelledScores scores, long n, long positives) {
		if (n == 0) {
			return;
		}
		long[] cuts = new long[PERCENTS.length];
		for (int i = 0; i < cuts.length; i++) {
			cuts[i] = cut(n, PERCENTS[i]);
		}
		long[] rows = new long[PERCENTS.length];
		long[] found = new long[PERCENTS.length];
		long[] seen = new long[2];
		scores.forEachScoreGroup((score, groupPositives, groupNegatives) -> {
			if (seen[0] >= cuts[cuts.length - 1]) {
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
		});
		for (int i = 0; i < PERCENTS.length; i++) {
			double precision = (double) found[i] / rows[i];
			values.put(METRICS[i][0], precision);
			if (positives > 0) {
				values.put(METRICS[i][1], (double) found[i] / positives);
				values.put(METRICS[i][2], precision / ((double) positives / n));
			}
		}
	}

}
