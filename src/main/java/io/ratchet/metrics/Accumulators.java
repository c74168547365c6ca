package io.ratchet.metrics;

import java.util.Objects;
import java.util.OptionalDouble;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Task;
import io.ratchet.data.ValueMatrix;

/** Creates metric accumulators for a task, empty or from a stored state. */
public final class Accumulators {

	/**
	 * The usual threshold: a binary row is predicted positive when its score is at least
	 * 0.5.
	 */
	public static final double DEFAULT_THRESHOLD = 0.5;

	private Accumulators() {
	}

	/**
	 * An empty accumulator.
	 * @param task binary or regression (a multiclass accumulator needs its classes:
	 * {@link #create(DatasetConfig, double)})
	 * @param threshold for binary tasks, the score from which a row is predicted positive
	 * (accuracy, precision, recall, F1); must be finite; ignored for regression
	 */
	public static MetricAccumulator create(Task task, double threshold) {
		return create(task, threshold, null);
	}

	/**
	 * An empty accumulator for a dataset's task that also gives its business value
	 * ({@link Metric#BUSINESS_VALUE}) when the dataset has a value matrix, and the
	 * metrics it defines ({@link DatasetMetric}). Merging stored states into it gives the
	 * dataset's metrics of the merged period.
	 * @param threshold as {@link #create(Task, double)}
	 */
	public static MetricAccumulator create(DatasetConfig dataset, double threshold) {
		Objects.requireNonNull(dataset, "dataset");
		return switch (dataset.task()) {
			case BINARY -> new BinaryAccumulator(threshold, dataset.valueMatrix(), dataset.metricDefinitions(),
					BinaryAccumulator.EXACT_LIMIT);
			case REGRESSION -> new RegressionAccumulator(dataset.valueMatrix(), dataset.metricDefinitions());
			case MULTICLASS -> new MulticlassAccumulator(dataset.classes().size());
		};
	}

	/**
	 * An empty accumulator valuing its decisions or errors by {@code value} ({@code null}
	 * for no business value).
	 */
	public static MetricAccumulator create(Task task, double threshold, ValueMatrix value) {
		Objects.requireNonNull(task, "task");
		return switch (task) {
			case BINARY -> new BinaryAccumulator(threshold, value, BinaryAccumulator.EXACT_LIMIT);
			case REGRESSION -> new RegressionAccumulator(value);
			case MULTICLASS -> throw new IllegalArgumentException(
					"a multiclass accumulator needs its classes: create(dataset, threshold) or new MulticlassAccumulator(k)");
		};
	}

	/** How many bytes at the start of a state {@link #threshold(byte[])} reads. */
	public static final int THRESHOLD_PREFIX_BYTES = StateFormat.THRESHOLD_PREFIX_BYTES;

	/**
	 * The decision threshold a binary state was accumulated with, read from the first
	 * {@link #THRESHOLD_PREFIX_BYTES} bytes of the state (the rest need not be read).
	 * @param prefix the start of a state written by {@link MetricAccumulator#toBytes()}
	 * @return the threshold, or empty for a regression state
	 * @throws MetricStateException when the bytes do not start an accumulator state
	 */
	public static OptionalDouble threshold(byte[] prefix) {
		return StateFormat.threshold(prefix);
	}

	/**
	 * An accumulator restored from {@link MetricAccumulator#toBytes()}.
	 * @param task the task the state must be of
	 * @param threshold for binary tasks, the threshold the state must have been
	 * accumulated with; ignored for regression and multiclass (whose state holds its
	 * class count)
	 * @param state the stored bytes
	 * @throws MetricStateException when the bytes are corrupt or truncated, of a format
	 * version this code does not read, of the other task, or (binary) of another
	 * threshold
	 */
	public static MetricAccumulator fromBytes(Task task, double threshold, byte[] state) {
		return fromBytes(task, threshold, null, state);
	}

	/**
	 * An accumulator restored from {@link MetricAccumulator#toBytes()} whose result
	 * values the stored counts or errors by {@code value} (not part of the state: the
	 * stored months are valued by the matrix of the day).
	 */
	public static MetricAccumulator fromBytes(Task task, double threshold, ValueMatrix value, byte[] state) {
		Objects.requireNonNull(task, "task");
		return switch (task) {
			case BINARY -> BinaryAccumulator.fromBytes(threshold, value, state);
			case REGRESSION -> RegressionAccumulator.fromBytes(value, state);
			case MULTICLASS -> MulticlassAccumulator.fromBytes(state);
		};
	}

}
