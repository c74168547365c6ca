package io.ratchet.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A performance estimated without labels ({@link ExpectedPerformance}): the expected
 * confusion matrix and the figures read from it.
 *
 * @param rows the rows estimated
 * @param expectedTp expected true positives
 * @param expectedFp expected false positives
 * @param expectedFn expected false negatives
 * @param expectedTn expected true negatives
 * @param rocAuc the area under the expected ROC curve; NaN when undefined
 */
public record PerformanceEstimate(long rows, double expectedTp, double expectedFp, double expectedFn, double expectedTn,
		double rocAuc) {

	/** The metrics a performance estimate gives, in reading order. */
	public static final List<Metric> METRICS = List.of(Metric.ROC_AUC, Metric.ACCURACY, Metric.PRECISION, Metric.RECALL,
			Metric.F1);

	/** (E[TP] + E[TN]) / rows; NaN without rows. */
	public double accuracy() {
		return (this.expectedTp + this.expectedTn) / this.rows;
	}

	/** E[TP] / (E[TP] + E[FP]); 0 when no row is predicted positive. */
	public double precision() {
		double predicted = this.expectedTp + this.expectedFp;
		return (predicted > 0) ? this.expectedTp / predicted : 0;
	}

	/** E[TP] / (E[TP] + E[FN]); NaN when no positive is expected. */
	public double recall() {
		return this.expectedTp / (this.expectedTp + this.expectedFn);
	}

	/** 2 E[TP] / (2 E[TP] + E[FP] + E[FN]); NaN when all three are 0. */
	public double f1() {
		return 2 * this.expectedTp / (2 * this.expectedTp + this.expectedFp + this.expectedFn);
	}

	/**
	 * An estimated figure by its metric (one of {@link #METRICS}); NaN when undefined.
	 */
	public double get(Metric metric) {
		return switch (metric) {
			case ROC_AUC -> this.rocAuc;
			case ACCURACY -> accuracy();
			case PRECISION -> precision();
			case RECALL -> recall();
			case F1 -> f1();
			default -> throw new IllegalArgumentException(metric.key() + " is not estimated without labels");
		};
	}

	/**
	 * The estimated figures as metric values ({@code n} and the {@link #METRICS}), an
	 * undefined one absent, so that requirements judge them as they judge realised
	 * figures.
	 */
	public MetricValues values() {
		Map<Metric, Double> values = new EnumMap<>(Metric.class);
		values.put(Metric.N, (double) this.rows);
		for (Metric metric : METRICS) {
			double figure = get(metric);
			if (Double.isFinite(figure)) {
				values.put(metric, figure);
			}
		}
		return new MetricValues(values);
	}

}
