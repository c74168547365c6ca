package io.ratchet.demo;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.ratchet.data.Row;
import io.ratchet.model.Scorer;

/**
 * The few binary metrics the generator needs to choose requirements (the real metrics live elsewhere): ROC AUC by
 * ranks with ties averaged, log loss with p clipped to [1e-15, 1 - 1e-15], and the Brier score. Unlabelled rows are
 * left out.
 *
 * @param n labelled rows
 * @param rocAuc ROC AUC, NaN with one class only
 * @param logLoss mean log loss
 * @param brier mean squared error of the probability
 */
record Figures(int n, double rocAuc, double logLoss, double brier) {

	static Figures of(Scorer scorer, List<Row> rows) {
		List<Row> labelled = rows.stream().filter(Row::labelled).toList();
		int n = labelled.size();
		double[] scores = new double[n];
		double[] labels = new double[n];
		double logLoss = 0;
		double brier = 0;
		for (int i = 0; i < n; i++) {
			scores[i] = scorer.score(labelled.get(i));
			labels[i] = labelled.get(i).label();
			double p = StrictMath.min(1 - 1e-15, StrictMath.max(1e-15, scores[i]));
			logLoss -= (labels[i] == 1) ? StrictMath.log(p) : StrictMath.log(1 - p);
			brier += (scores[i] - labels[i]) * (scores[i] - labels[i]);
		}
		return new Figures(n, auc(scores, labels), logLoss / n, brier / n);
	}

	/** The Mann-Whitney form: mean rank of the positives, ties sharing their average rank. */
	static double auc(double[] scores, double[] labels) {
		int n = scores.length;
		Integer[] order = new Integer[n];
		Arrays.setAll(order, (i) -> i);
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]));
		double rankSum = 0;
		long positives = 0;
		int i = 0;
		while (i < n) {
			int j = i;
			while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
				j++;
			}
			double rank = (i + j) / 2.0 + 1;
			for (int k = i; k <= j; k++) {
				if (labels[order[k]] == 1) {
					rankSum += rank;
					positives++;
				}
			}
			i = j + 1;
		}
		long negatives = n - positives;
		if (positives == 0 || negatives == 0) {
			return Double.NaN;
		}
		return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
	}

}
