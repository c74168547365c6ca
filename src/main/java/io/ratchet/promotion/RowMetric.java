package io.ratchet.promotion;

import java.util.OptionalDouble;

import io.ratchet.data.Task;
import io.ratchet.data.ValueMatrix;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricAccumulator;

/**
 * A metric computed from arrays of rows through the same accumulators a back-test uses,
 * so a figure here is the figure a back-test stores for the same rows.
 *
 * @param task the task the metric belongs to
 * @param metric the metric
 * @param threshold the class threshold (binary accuracy, precision, recall, F1)
 * @param value the dataset's value matrix (business value), or {@code null}
 */
public record RowMetric(Task task, Metric metric, double threshold, ValueMatrix value) {

	/** A metric of a dataset without a value matrix. */
	public RowMetric(Task task, Metric metric, double threshold) {
		this(task, metric, threshold, null);
	}

	public RowMetric {
		if (!Metric.forTask(task).contains(metric)) {
			throw new IllegalArgumentException("metric " + metric.key() + " is not a " + task.key() + " metric (known: "
					+ Metric.forTask(task).stream().map(Metric::key).toList() + ")");
		}
	}

	/** The same metric at another decision threshold (another model's own). */
	public RowMetric at(double otherThreshold) {
		return new RowMetric(this.task, this.metric, otherThreshold, this.value);
	}

	/**
	 * The metric over every row; empty when it is undefined (e.g. ROC AUC of one class).
	 */
	public OptionalDouble of(double[] labels, double[] scores) {
		MetricAccumulator accumulator = Accumulators.create(this.task, this.threshold, this.value);
		for (int i = 0; i < labels.length; i++) {
			accumulator.add(scores[i], labels[i]);
		}
		return accumulator.result().get(this.metric);
	}

	/** The metric over the rows at the given indices (repeats allowed). */
	public OptionalDouble of(double[] labels, double[] scores, int[] rows) {
		MetricAccumulator accumulator = Accumulators.create(this.task, this.threshold, this.value);
		for (int i : rows) {
			accumulator.add(scores[i], labels[i]);
		}
		return accumulator.result().get(this.metric);
	}

	/**
	 * +1 when higher is better, -1 when lower is better: multiplied into a difference,
	 * positive means better.
	 */
	public double sign() {
		return switch (this.metric.direction()) {
			case HIGHER_IS_BETTER -> 1;
			case LOWER_IS_BETTER -> -1;
			case NONE -> throw new IllegalArgumentException(
					"metric " + this.metric.key() + " has no better direction; it cannot compare models");
		};
	}

}
