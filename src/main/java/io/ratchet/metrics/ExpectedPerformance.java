package io.ratchet.metrics;

import java.util.Arrays;

/**
 * Confidence-based performance estimation (CBPE, as NannyML calls it): a binary model's
 * figures estimated from its scores alone, for rows whose labels have not arrived. Each
 * score {@code p} is read as the probability that its row is positive, so the row adds
 * {@code p} to the expected positives and {@code 1 - p} to the expected negatives, on the
 * side of the threshold its score falls:
 * <ul>
 * <li>expected confusion matrix at threshold {@code t}: {@code E[TP] = Σ p} and
 * {@code E[FP] = Σ (1 - p)} over {@code p ≥ t}, {@code E[FN] = Σ p} and
 * {@code E[TN] = Σ (1 - p)} over {@code p < t};</li>
 * <li>accuracy, precision (0 with no predicted positive), recall and F1 from those
 * counts, as the realised figures are computed from the real ones;</li>
 * <li>ROC AUC: the trapezoid area under the expected ROC curve, whose points are, for
 * each distinct score {@code s} from the highest down, {@code (Σ_{p≥s}(1-p) / Σ(1-p),
 * Σ_{p≥s} p / Σ p)}, from {@code (0,0)}; tied scores form one step.</li>
 * </ul>
 * The estimates are only as good as the scores' calibration ({@link Calibration} checks
 * it on labelled rows). Keeps every score (8 bytes a row) for the ROC curve; not thread
 * safe.
 */
public final class ExpectedPerformance {

	private final double threshold;

	private final ScoreBuffer scores = new ScoreBuffer();

	/**
	 * @param threshold the model's threshold: a row is predicted positive when its score
	 * is at least this
	 */
	public ExpectedPerformance(double threshold) {
		this.threshold = threshold;
	}

	/**
	 * Adds one row's score.
	 * @throws IllegalArgumentException when the score is not a probability in [0, 1]
	 */
	public void add(double score) {
		if (!(score >= 0 && score <= 1)) {
			throw new IllegalArgumentException("a performance estimate needs probabilities in [0, 1]; got " + score);
		}
		this.scores.add(score);
	}

	/** Rows added. */
	public int rows() {
		return this.scores.size();
	}

	/** The estimate over the rows added so far. */
	public PerformanceEstimate estimate() {
		double[] sorted = Arrays.copyOf(this.scores.sorted(), this.scores.size());
		CompensatedSum tp = new CompensatedSum();
		CompensatedSum fp = new CompensatedSum();
		CompensatedSum fn = new CompensatedSum();
		CompensatedSum tn = new CompensatedSum();
		for (double p : sorted) {
			if (p >= this.threshold) {
				tp.add(p);
				fp.add(1 - p);
			}
			else {
				fn.add(p);
				tn.add(1 - p);
			}
		}
		return new PerformanceEstimate(sorted.length, tp.value(), fp.value(), fn.value(), tn.value(), rocAuc(sorted));
	}

	/**
	 * The area under the expected ROC curve, NaN when the expected positives or negatives
	 * are 0 (every score 0, or every score 1) or there is no row.
	 */
	static double rocAuc(double[] ascending) {
		CompensatedSum positives = new CompensatedSum();
		CompensatedSum negatives = new CompensatedSum();
		for (double p : ascending) {
			positives.add(p);
			negatives.add(1 - p);
		}
		double totalPositive = positives.value();
		double totalNegative = negatives.value();
		if (!(totalPositive > 0 && totalNegative > 0)) {
			return Double.NaN;
		}
		CompensatedSum area = new CompensatedSum();
		CompensatedSum truePositive = new CompensatedSum();
		CompensatedSum falsePositive = new CompensatedSum();
		double tpr = 0;
		double fpr = 0;
		int i = ascending.length - 1;
		while (i >= 0) {
			double score = ascending[i];
			while (i >= 0 && ascending[i] == score) {
				truePositive.add(ascending[i]);
				falsePositive.add(1 - ascending[i]);
				i--;
			}
			double nextTpr = truePositive.value() / totalPositive;
			double nextFpr = falsePositive.value() / totalNegative;
			area.add((nextFpr - fpr) * (nextTpr + tpr) / 2);
			tpr = nextTpr;
			fpr = nextFpr;
		}
		return area.value();
	}

}
