package io.ratchet.metrics;

import java.util.Locale;

/**
 * Every built-in metric Ratchet computes. The key is the name used in files, the database
 * and reports ({@code roc_auc}). Metrics a dataset defines in its file are
 * {@link DatasetMetric}s; both are {@link MetricId}s.
 */
public enum Metric implements MetricId {

	/** Labelled rows. */
	N(Direction.NONE),
	/** Labelled rows of the positive class (binary). */
	POSITIVES(Direction.NONE),
	/** Mean predicted probability (binary). */
	MEAN_SCORE(Direction.NONE), ROC_AUC(Direction.HIGHER_IS_BETTER), AVERAGE_PRECISION(Direction.HIGHER_IS_BETTER),
	LOG_LOSS(Direction.LOWER_IS_BETTER), BRIER(Direction.LOWER_IS_BETTER), ACCURACY(Direction.HIGHER_IS_BETTER),
	PRECISION(Direction.HIGHER_IS_BETTER), RECALL(Direction.HIGHER_IS_BETTER), F1(Direction.HIGHER_IS_BETTER),
	/** True positives at the threshold: positive rows scored at least the threshold. */
	TP(Direction.HIGHER_IS_BETTER, true),
	/** False positives at the threshold: negative rows scored at least the threshold. */
	FP(Direction.LOWER_IS_BETTER, true),
	/** True negatives at the threshold. */
	TN(Direction.HIGHER_IS_BETTER, true),
	/** False negatives at the threshold. */
	FN(Direction.LOWER_IS_BETTER, true),
	/** fp / (fp + tn); absent without negatives. */
	FALSE_POSITIVE_RATE(Direction.LOWER_IS_BETTER, true),
	/** fn / (fn + tp); absent without positives. */
	FALSE_NEGATIVE_RATE(Direction.LOWER_IS_BETTER, true),
	/** tn / (tn + fp); absent without negatives. */
	SPECIFICITY(Direction.HIGHER_IS_BETTER, true),
	/** (recall + specificity) / 2; absent unless both classes are present. */
	BALANCED_ACCURACY(Direction.HIGHER_IS_BETTER, true),
	/** Matthews correlation coefficient; 0 when undefined, as scikit-learn. */
	MCC(Direction.HIGHER_IS_BETTER, true),
	/**
	 * Precision among the top 5% of rows by score (ties at the cut included); see
	 * {@link TopShare}.
	 */
	PRECISION_TOP5PCT(Direction.HIGHER_IS_BETTER, true),
	/** Share of all positives found among the top 5% of rows by score. */
	RECALL_TOP5PCT(Direction.HIGHER_IS_BETTER, true),
	/** Precision among the top 5% divided by the share of positives. */
	LIFT_TOP5PCT(Direction.HIGHER_IS_BETTER, true),
	/** Precision among the top 10% of rows by score (ties at the cut included). */
	PRECISION_TOP10PCT(Direction.HIGHER_IS_BETTER, true),
	/** Share of all positives found among the top 10% of rows by score. */
	RECALL_TOP10PCT(Direction.HIGHER_IS_BETTER, true),
	/** Precision among the top 10% divided by the share of positives. */
	LIFT_TOP10PCT(Direction.HIGHER_IS_BETTER, true),
	/**
	 * One-vs-rest ROC AUC averaged over the classes (multiclass), as scikit-learn's
	 * {@code roc_auc_score(multi_class='ovr', average='macro')}.
	 */
	ROC_AUC_OVR_MACRO(Direction.HIGHER_IS_BETTER),
	/** One-vs-rest ROC AUC averaged with each class weighted by its rows (multiclass). */
	ROC_AUC_OVR_WEIGHTED(Direction.HIGHER_IS_BETTER),
	/** F1 of each class averaged over the classes (multiclass). */
	F1_MACRO(Direction.HIGHER_IS_BETTER),
	/** Mean label (regression). */
	MEAN_LABEL(Direction.NONE),
	/** Mean prediction (regression). */
	MEAN_PREDICTION(Direction.NONE), MAE(Direction.LOWER_IS_BETTER), RMSE(Direction.LOWER_IS_BETTER),
	R2(Direction.HIGHER_IS_BETTER),
	/** Mean of prediction minus label (regression); good when close to zero. */
	BIAS(Direction.NONE), MAPE(Direction.LOWER_IS_BETTER),
	/**
	 * The period's value by the dataset's value matrix
	 * ({@link io.ratchet.data.ValueMatrix}): the sum over its rows; absent when the
	 * dataset has none.
	 */
	BUSINESS_VALUE(Direction.HIGHER_IS_BETTER, true),
	/** {@link #BUSINESS_VALUE} divided by the labelled rows. */
	BUSINESS_VALUE_PER_ROW(Direction.HIGHER_IS_BETTER, true);

	/** Which way is better for a metric; {@code NONE} for descriptive figures. */
	public enum Direction {

		HIGHER_IS_BETTER, LOWER_IS_BETTER, NONE

	}

	private final Direction direction;

	private final boolean business;

	/**
	 * The key, made once: reading a run's figures back looks up a key for every stored
	 * row (160,000 rows for 840 months of 4 models).
	 */
	private final String key;

	Metric(Direction direction) {
		this(direction, false);
	}

	Metric(Direction direction, boolean business) {
		this.direction = direction;
		this.business = business;
		this.key = name().toLowerCase(Locale.ROOT);
	}

	@Override
	public Direction direction() {
		return this.direction;
	}

	/**
	 * Whether the metric speaks the business's terms (counts and rates at the threshold,
	 * top k%, value): reports show these in a table of their own.
	 */
	public boolean business() {
		return this.business;
	}

	/** Every metric computed for a task, in the order people read them. */
	public static java.util.List<Metric> forTask(io.ratchet.data.Task task) {
		return switch (task) {
			case BINARY -> java.util.List.of(N, POSITIVES, MEAN_SCORE, ROC_AUC, AVERAGE_PRECISION, LOG_LOSS, BRIER,
					ACCURACY, PRECISION, RECALL, F1, TP, FP, TN, FN, FALSE_POSITIVE_RATE, FALSE_NEGATIVE_RATE,
					SPECIFICITY, BALANCED_ACCURACY, MCC, PRECISION_TOP5PCT, RECALL_TOP5PCT, LIFT_TOP5PCT,
					PRECISION_TOP10PCT, RECALL_TOP10PCT, LIFT_TOP10PCT, BUSINESS_VALUE, BUSINESS_VALUE_PER_ROW);
			case REGRESSION -> java.util.List.of(N, MEAN_LABEL, MEAN_PREDICTION, MAE, RMSE, R2, BIAS, MAPE,
					BUSINESS_VALUE, BUSINESS_VALUE_PER_ROW);
			case MULTICLASS ->
				java.util.List.of(N, ROC_AUC_OVR_MACRO, ROC_AUC_OVR_WEIGHTED, LOG_LOSS, ACCURACY, F1_MACRO);
		};
	}

	/**
	 * The metric a task's charts and rankings use when nothing else is asked for: ROC AUC
	 * (binary), RMSE (regression), one-vs-rest ROC AUC macro (multiclass).
	 */
	public static Metric headline(io.ratchet.data.Task task) {
		return switch (task) {
			case BINARY -> ROC_AUC;
			case REGRESSION -> RMSE;
			case MULTICLASS -> ROC_AUC_OVR_MACRO;
		};
	}

	/** The name used in files and the database, e.g. {@code roc_auc}. */
	@Override
	public String key() {
		return this.key;
	}

	/** The built-in metric with that key, if there is one. */
	public static java.util.Optional<Metric> find(String key) {
		return java.util.Optional.ofNullable(ByKey.METRICS.get(key));
	}

	/** The metric with that key; throws with the list of known keys otherwise. */
	public static Metric fromKey(String key) {
		Metric metric = ByKey.METRICS.get(key);
		if (metric != null) {
			return metric;
		}
		throw new IllegalArgumentException("unknown metric '" + key + "' (known: "
				+ java.util.Arrays.stream(values()).map(Metric::key).toList() + ")");
	}

	/** The built-in metrics by key (a holder: an enum's constants are made first). */
	private static final class ByKey {

		private static final java.util.Map<String, Metric> METRICS = java.util.Arrays.stream(values())
			.collect(java.util.stream.Collectors.toUnmodifiableMap(Metric::key, (metric) -> metric));

	}

}
