package io.ratchet.metrics;

/**
 * Exact ranking metrics from the scores of the positive and the negative rows, computed
 * in one sweep over both sorted arrays from the highest score down. Rows with equal
 * scores form one group: for ROC AUC they share the average rank (a positive-negative
 * pair with equal scores counts one half), and for average precision they enter at one
 * threshold together, as in scikit-learn.
 *
 * @param rocAuc the probability that a random positive scores above a random negative,
 * ties counting one half
 * @param averagePrecision the sum over distinct thresholds, descending, of {@code (R_k -
 * R_{k-1}) * P_k}
 */
record Ranking(double rocAuc, double averagePrecision) {

	/**
	 * Computes both metrics; both arrays must be sorted ascending and each must hold at
	 * least one score.
	 * @param positives scores of positive rows, ascending, in {@code [0, positiveCount)}
	 * @param positiveCount how many positive scores
	 * @param negatives scores of negative rows, ascending, in {@code [0, negativeCount)}
	 * @param negativeCount how many negative scores
	 */
	static Ranking of(double[] positives, int positiveCount, double[] negatives, int negativeCount) {
		if (positiveCount == 0 || negativeCount == 0) {
			throw new IllegalArgumentException("ranking metrics need both classes");
		}
		int i = positiveCount - 1;
		int j = negativeCount - 1;
		long truePositives = 0;
		long falsePositives = 0;
		// Twice the Mann-Whitney U statistic, kept as an exact integer: 2 per pair won, 1
		// per tied pair.
		long twiceU = 0;
		CompensatedSum averagePrecision = new CompensatedSum();
		while (i >= 0 || j >= 0) {
			double score = Math.max((i >= 0) ? positives[i] : Double.NEGATIVE_INFINITY,
					(j >= 0) ? negatives[j] : Double.NEGATIVE_INFINITY);
			long groupPositives = 0;
			while (i >= 0 && positives[i] == score) {
				groupPositives++;
				i--;
			}
			long groupNegatives = 0;
			while (j >= 0 && negatives[j] == score) {
				groupNegatives++;
				j--;
			}
			long negativesBelow = j + 1;
			twiceU += 2 * groupPositives * negativesBelow + groupPositives * groupNegatives;
			truePositives += groupPositives;
			falsePositives += groupNegatives;
			if (groupPositives > 0) {
				double recallStep = (double) groupPositives / positiveCount;
				double precision = (double) truePositives / (truePositives + falsePositives);
				averagePrecision.add(recallStep * precision);
			}
		}
		double rocAuc = twiceU / (2.0 * positiveCount * (double) negativeCount);
		return new Ranking(rocAuc, averagePrecision.value());
	}

}
