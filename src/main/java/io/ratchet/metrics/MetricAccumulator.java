package io.ratchet.metrics;

import io.ratchet.data.Task;

/**
 * Collects the metrics of one model over one partition in a single pass, and merges with
 * the accumulators of other partitions so that whole-period figures come from what the
 * partitions stored. Built by {@link Accumulators}. Implementations are not thread-safe:
 * use one per partition and model.
 */
public interface MetricAccumulator {

	/**
	 * Adds one row.
	 * @param prediction the model's output (a probability for binary tasks); must be
	 * finite for a labelled row, and is ignored for an unlabelled one
	 * @param label 1 or 0 for binary tasks, the value for regression; {@link Double#NaN}
	 * when the row has no label, in which case it is only counted in
	 * {@link #unlabelled()} and excluded from every metric
	 * @throws IllegalArgumentException when the prediction is not finite or a binary
	 * label is neither 0 nor 1
	 */
	void add(double prediction, double label);

	/**
	 * Adds one row with its identity ({@link RowKey#of}), which fixes its weights in a
	 * regression accumulator's bootstrap replicates, so that its intervals merge exactly;
	 * other accumulators ignore it.
	 */
	default void add(double prediction, double label, long rowKey) {
		add(prediction, label);
	}

	/**
	 * Whether {@link #add(double, double, long)} uses the row's key: only then need a
	 * caller compute it ({@link RowKey#of}, a hash per row); the others may pass any key.
	 */
	default boolean usesRowKeys() {
		return false;
	}

	/**
	 * Adds another accumulator's rows to this one; afterwards this accumulator gives what
	 * a single pass over both inputs would have given. {@code other} is left unchanged
	 * (unless it is this accumulator).
	 * @throws IllegalArgumentException when {@code other} is of another task or (binary)
	 * threshold
	 */
	void merge(MetricAccumulator other);

	/**
	 * The metrics of the rows added so far; may be called any number of times, also
	 * between additions and merges. With no labelled rows only {@link Metric#N} (0) is
	 * present.
	 */
	MetricValues result();

	/** Rows with a label, the ones behind every metric. */
	long labelled();

	/** Rows without a label, counted but excluded from every metric. */
	long unlabelled();

	/** The task this accumulator computes metrics for. */
	Task task();

	/**
	 * The full state in a compact binary form (with a format version and a checksum), to
	 * be stored and read back with {@link Accumulators#fromBytes(Task, double, byte[])}.
	 * Binary states keep every labelled score (8 bytes each) up to 2^18 of them, then a
	 * histogram of scores, a few bytes per used bin; regression state has a fixed size.
	 * So the state, and the memory of a merge, is bounded whatever the number of rows.
	 */
	byte[] toBytes();

}
