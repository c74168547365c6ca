package io.ratchet.metrics;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.CountFormula;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.TopK;

/**
 * A metric's identity: a built-in {@link Metric} or a {@link DatasetMetric} a dataset
 * defines (a top-k share of its {@code top-k:} or a formula of its {@code metrics:}).
 * Requirements, stored figures, {@code metrics.csv} and reports key on it; two identities
 * are the same metric when their keys are equal.
 */
public sealed interface MetricId permits Metric, DatasetMetric {

	/**
	 * The name used in files and the database, e.g. {@code roc_auc} or {@code net_saves}.
	 */
	String key();

	/** Which way is better. */
	Metric.Direction direction();

	/**
	 * The built-in metric with that key, else a dataset metric of that name whose
	 * direction is unknown ({@link Metric.Direction#NONE}): what a stored figure or a
	 * requirement names before its dataset is consulted.
	 */
	static MetricId of(String key) {
		return Metric.find(key).<MetricId>map((metric) -> metric).orElseGet(() -> DatasetMetric.named(key));
	}

	/**
	 * Every metric a dataset has, in reading order: its task's built-in metrics, then the
	 * precision, recall and lift of each of its {@code top-k:} shares, then its formulas.
	 */
	static List<MetricId> forDataset(DatasetConfig dataset) {
		List<MetricId> metrics = new ArrayList<>(Metric.forTask(dataset.task()));
		metrics.addAll(DatasetMetric.of(dataset));
		return metrics;
	}

	/**
	 * The metric of {@code dataset} with that key (with its direction), else as
	 * {@link #of(String)}.
	 */
	static MetricId of(DatasetConfig dataset, String key) {
		return forDataset(dataset).stream()
			.filter((metric) -> metric.key().equals(key))
			.findFirst()
			.orElseGet(() -> of(key));
	}

	/** The three metrics of a top-k share: precision, recall and lift. */
	static List<DatasetMetric> ofTopK(TopK share) {
		return List.of(new DatasetMetric("precision_" + share.suffix(), Metric.Direction.HIGHER_IS_BETTER),
				new DatasetMetric("recall_" + share.suffix(), Metric.Direction.HIGHER_IS_BETTER),
				new DatasetMetric("lift_" + share.suffix(), Metric.Direction.HIGHER_IS_BETTER));
	}

	/** A formula's metric. */
	static DatasetMetric ofFormula(CountFormula formula) {
		return new DatasetMetric(formula.name(),
				formula.higherIsBetter() ? Metric.Direction.HIGHER_IS_BETTER : Metric.Direction.LOWER_IS_BETTER);
	}

}
