package io.ratchet.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import io.ratchet.data.CountFormula;
import io.ratchet.data.MetricDefinitions;

/**
 * Computes the metrics a dataset defines ({@link MetricDefinitions}) from an
 * accumulator's result: the top-k shares from its kept scores, the formulas from its
 * counts. A period merged from months has the months' counts summed, so a formula over it
 * is the formula of the summed counts, never an average of the months' values.
 */
final class OwnMetrics {

	private OwnMetrics() {
	}

	/**
	 * The dataset's own figures, by key, in its order.
	 * @param definitions what the dataset defines
	 * @param values the built-in figures of the same period
	 * @param scores the kept scores for the top-k shares, or {@code null} (regression)
	 */
	static Map<String, Double> of(MetricDefinitions definitions, Map<Metric, Double> values, LabelledScores scores) {
		Map<String, Double> own = new LinkedHashMap<>();
		long n = values.getOrDefault(Metric.N, 0.0).longValue();
		if (definitions.isEmpty() || n == 0) {
			return own;
		}
		if (scores != null) {
			TopShare.putShares(own, definitions.topK(), scores, n, values.get(Metric.POSITIVES).longValue());
		}
		CountFormula.Counts counts = new CountFormula.Counts(count(values, Metric.TP), count(values, Metric.FP),
				count(values, Metric.TN), count(values, Metric.FN), n, count(values, Metric.POSITIVES),
				count(values, Metric.BUSINESS_VALUE));
		for (CountFormula formula : definitions.formulas()) {
			own.put(formula.name(), formula.evaluate(counts));
		}
		return own;
	}

	private static double count(Map<Metric, Double> values, Metric metric) {
		return values.getOrDefault(metric, Double.NaN);
	}

}
