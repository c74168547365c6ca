package io.ratchet.metrics;

/**
 * DeLong's 95% interval for ROC AUC, {@code auc ± z·sqrt(S10/m + S01/n)}, clipped to [0,
 * 1], computed from the groups of equal score a {@link BinaryAccumulator} keeps, highest
 * first: a positive's placement is the share of negatives scored below it (ties counted
 * half), a negative's the share of positives scored above it, and S10, S01 are their
 * variances (divided by m − 1 and n − 1, as DeLong et al. 1988). Two passes over the
 * groups, no copy of the scores: the sort is the one ROC AUC already needed, so O(n log
 * n).
 *
 * <p>
 * Exact while the accumulator keeps its scores; once they are in its histogram, each bin
 * is a group of tied scores, so the variance is that of the binned ranking (bins are
 * about 6.9e-5 wide in log-odds: the difference is far below the interval's width).
 */
final class DeLongInterval {

	private DeLongInterval() {
	}

	/** The interval, or {@code null} without both classes. */
	static Interval of(BinaryAccumulator accumulator) {
		double[] variance = aucAndVariance(accumulator);
		if (variance == null) {
			return null;
		}
		double half = Interval.Z_95 * Math.sqrt(variance[1]);
		return new Interval(Math.max(0, variance[0] - half), Math.min(1, variance[0] + half), IntervalMethod.DELONG);
	}

	/** ROC AUC and its DeLong variance, or {@code null} without both classes. */
	static double[] aucAndVariance(BinaryAccumulator accumulator) {
		long[] confusion = accumulator.confusion();
		long m = confusion[0] + confusion[3];
		long n = confusion[1] + confusion[2];
		if (m == 0 || n == 0) {
			return null;
		}
		// first pass: the AUC as the mean placement of the positives
		double[] sums = new double[3];
		long[] above = new long[2];
		accumulator.forEachScoreGroup((score, positives, negatives) -> {
			sums[0] += positives * (n - above[1] - 0.5 * negatives) / n;
			above[1] += negatives;
		});
		double auc = sums[0] / m;
		// second pass: the spread of both placements around it
		above[1] = 0;
		accumulator.forEachScoreGroup((score, positives, negatives) -> {
			double positivePlacement = (n - above[1] - 0.5 * negatives) / n - auc;
			double negativePlacement = (above[0] + 0.5 * positives) / m - auc;
			sums[1] += positives * positivePlacement * positivePlacement;
			sums[2] += negatives * negativePlacement * negativePlacement;
			above[0] += positives;
			above[1] += negatives;
		});
		double s10 = sums[1] / Math.max(1, m - 1);
		double s01 = sums[2] / Math.max(1, n - 1);
		return new double[] { auc, s10 / m + s01 / n };
	}

}
