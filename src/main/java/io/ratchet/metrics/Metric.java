package io.ratchet.metrics;

import java.util.Locale;

/**
 * Every metric Ratchet computes. The key is the name used in files, the database and
 * reports ({@code roc_auc}).
 */
public enum Metric {

	/** Labelled rows. */
	N(Direction.NONE),
	/** Labelled rows of the positive class (binary). */
	POSITIVES(Direction.NONE),
	/** Mean predicted probability (binary). */
	MEAN_SCORE(Direction.NONE), ROC_AUC(Direction.HIGHER_IS_BETTER), AVERAGE_PRECISION(Direction.HIGHER_IS_BETTER),
	LOG_LOSS(Direction.LOWER_IS_BETTER), BRIER(Direction.LOWER_IS_BETTER), ACCURACY(Direction.HIGHER_IS_BETTER),
	PRECISION(Direction.HIGHER_IS_BETTER), RECALL(Direction.HIGHER_IS_BETTER), F1(Direction.HIGHER_IS_BETTER),
	/** Mean label (regression). */
	MEAN_LABEL(Direction.NONE),
	/** Mean prediction (regression). */
	MEAN_PREDICTION(Direction.NONE), MAE(Direction.LOWER_IS_BETTER), RMSE(Direction.LOWER_IS_BETTER),
	R2(Direction.HIGHER_IS_BETTER),
	/** Mean of prediction minus label (regression); good when close to zero. */
	BIAS(Direction.NONE), MAPE(Direction.LOWER_IS_BETTER);

	/** Which way is better for a metric; {@code NONE} for descriptive figures. */
	public enum Direction {

		HIGHER_IS_BETTER, LOWER_IS_BETTER, NONE

	}

	private final Direction direction;

	Metric(Direction direction) {
		this.direction = direction;
	}

	public Direction direction() {
		return this.direction;
	}

	/** Every metric computed for a task, in the order people read them. */
	public static java.util.List<Metric> forTask(io.ratchet.data.Task task) {
		return switch (task) {
			case BINARY -> java.util.List.of(N, POSITIVES, MEAN_SCORE, ROC_AUC, AVERAGE_PRECISION, LOG_LOSS, BRIER,
					ACCURACY, PRECISION, RECALL, F1);
			case REGRESSION -> java.util.List.of(N, MEAN_LABEL, MEAN_PREDICTION, MAE, RMSE, R2, BIAS, MAPE);
		};
	}

	/** The name used in files and the database, e.g. {@code roc_auc}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The metric with that key; throws with the list of known keys otherwise. */
	public static Metric fromKey(String key) {
		for (Metric metric : values()) {
			if (metric.key().equals(key)) {
				return metric;
			}
		}
		throw new IllegalArgumentException("unknown metric '" + key + "' (known: "
				+ java.util.Arrays.stream(values()).map(Metric::key).toList() + ")");
	}

}
