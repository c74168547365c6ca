package io.ratchet.metrics;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

import io.ratchet.data.MetricDefinitions;
import io.ratchet.data.Task;
import io.ratchet.data.ValueMatrix;

/**
 * Metrics of a binary classifier: counts, calibration (mean score, log loss, Brier), the
 * confusion matrix at a threshold (a row is predicted positive when its score is at least
 * the threshold) with its counts and rates, the business value of that matrix when a
 * {@link ValueMatrix} is given, the ranking metrics (ROC AUC and average precision) and
 * the top k% ({@link TopShare}), both from the kept scores. Definitions follow
 * scikit-learn 1.2.
 *
 * <p>
 * Ranking metrics are exact while the accumulator holds at most {@link #EXACT_LIMIT}
 * labelled scores: its {@link LabelledScores} keep them in two primitive arrays, one per
 * class, sorted only when a result is asked for. Past that (a month of more than two
 * million labelled rows, or the whole-period merge of a long history) the scores move
 * into a {@link ScoreHistogram} of fixed size, so memory stays flat however many rows
 * there are; its error is bounded and documented there, and {@link #rankingErrorBounds()}
 * computes the bound for the scores at hand. Every other metric stays exact. A stored
 * state ({@link #toBytes()}) keeps scores exactly only up to {@link #STATE_EXACT_LIMIT};
 * a larger one is stored as its histogram, so that the state of a big month is small (and
 * the database's write buffers with it).
 */
final class BinaryAccumulator implements MetricAccumulator {

	/** scikit-learn 1.2's default {@code eps} for {@code log_loss}. */
	static final double LOG_LOSS_EPSILON = 1e-15;

	private final double threshold;

	/** What the decisions are worth, or {@code null}: not part of the state. */
	private final ValueMatrix value;

	/** The dataset's own top-k shares and formulas: not part of the state. */
	private final MetricDefinitions definitions;

	private long unlabelled;

	private long truePositives;

	private long falsePositives;

	private long trueNegatives;

	private long falseNegatives;

	private final CompensatedSum scoreSum;

	private final CompensatedSum logLossSum;

	private final CompensatedSum brierSum;

	/**
	 * Labelled scores kept exactly before they move into a histogram (16 MiB of doubles).
	 */
	static final int EXACT_LIMIT = 1 << 21;

	/**
	 * Labelled scores a stored state keeps exactly; a larger accumulator is stored as its
	 * histogram (a few bytes per used bin instead of 8 per score), so a month's state
	 * stays small and a whole period merged from such months is within the histogram's
	 * bound. The month's own figures are computed before it is stored, so they stay
	 * exact.
	 */
	static final int STATE_EXACT_LIMIT = 1 << 18;

	/** The labelled scores, for the ranking metrics. */
	private final LabelledScores scores;

	BinaryAccumulator(double threshold) {
		this(threshold, null, EXACT_LIMIT);
	}

	/**
	 * An accumulator that keeps at most {@code exactLimit} scores exactly (tests use
	 * small limits).
	 */
	BinaryAccumulator(double threshold, int exactLimit) {
		this(threshold, null, exactLimit);
	}

	/**
	 * An accumulator that also gives {@link Metric#BUSINESS_VALUE} by that matrix (none
	 * when {@code null}), keeping at most {@code exactLimit} scores exactly (tests use
	 * small limits).
	 */
	BinaryAccumulator(double threshold, ValueMatrix value, int exactLimit) {
		this(threshold, value, MetricDefinitions.NONE, exactLimit);
	}

	/**
	 * An accumulator that also gives the dataset's own metrics ({@code definitions}).
	 */
	BinaryAccumulator(double threshold, ValueMatrix value, MetricDefinitions definitions, int exactLimit) {
		this(checkThreshold(threshold), value, definitions, 0, new long[4], new CompensatedSum(), new CompensatedSum(),
				new CompensatedSum(), new LabelledScores(exactLimit));
	}

	private BinaryAccumulator(double threshold, ValueMatrix value, MetricDefinitions definitions, long unlabelled,
			long[] confusion, CompensatedSum scoreSum, CompensatedSum logLossSum, CompensatedSum brierSum,
			LabelledScores scores) {
		if (value != null && value.task() != Task.BINARY) {
			throw new IllegalArgumentException("a regression value matrix cannot value binary decisions");
		}
		this.threshold = threshold;
		this.value = value;
		this.definitions = definitions;
		this.unlabelled = unlabelled;
		this.truePositives = confusion[0];
		this.falsePositives = confusion[1];
		this.trueNegatives = confusion[2];
		this.falseNegatives = confusion[3];
		this.scoreSum = scoreSum;
		this.logLossSum = logLossSum;
		this.brierSum = brierSum;
		this.scores = scores;
	}

	private static double checkThreshold(double threshold) {
		if (!Double.isFinite(threshold)) {
			throw new IllegalArgumentException("threshold must be a finite number, not " + threshold);
		}
		return threshold;
	}

	double threshold() {
		return this.threshold;
	}

	/** The value matrix of {@link Metric#BUSINESS_VALUE}, or {@code null}. */
	ValueMatrix valueMatrix() {
		return this.value;
	}

	/** The dataset's own metrics this accumulator gives. */
	MetricDefinitions definitions() {
		return this.definitions;
	}

	/** The labelled scores (read-only use: the intervals' top-k counts). */
	LabelledScores scores() {
		return this.scores;
	}

	@Override
	public void add(double prediction, double label) {
		if (Double.isNaN(label)) {
			this.unlabelled++;
			return;
		}
		if (!Double.isFinite(prediction)) {
			throw new IllegalArgumentException("prediction must be a finite number, not " + prediction);
		}
		boolean predictedPositive = prediction >= this.threshold;
		double clipped = Math.min(Math.max(prediction, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
		if (label == 1.0) {
			this.scores.add(prediction, true);
			this.logLossSum.add(-Math.log(clipped));
			if (predictedPositive) {
				this.truePositives++;
			}
			else {
				this.falseNegatives++;
			}
		}
		else if (label == 0.0) {
			this.scores.add(prediction, false);
			this.logLossSum.add(-Math.log(1 - clipped));
			if (predictedPositive) {
				this.falsePositives++;
			}
			else {
				this.trueNegatives++;
			}
		}
		else {
			throw new IllegalArgumentException("binary label must be 1, 0 or NaN (unlabelled), not " + label);
		}
		this.scoreSum.add(prediction);
		double error = prediction - label;
		this.brierSum.add(error * error);
	}

	/**
	 * The confusion matrix at the threshold: true positives, false positives, true
	 * negatives, false negatives.
	 */
	long[] confusion() {
		return new long[] { this.truePositives, this.falsePositives, this.trueNegatives, this.falseNegatives };
	}

	/**
	 * The labelled scores as groups of equal score, highest first: each group's score and
	 * its positive and negative counts. Exact scores give one group per distinct score; a
	 * histogram gives one group per used bin, at the bin's centre. Read-only (the curves
	 * of a report are drawn from it).
	 */
	void forEachScoreGroup(ScoreGroupAction action) {
		this.scores.forEachScoreGroup(action);
	}

	/** Receives one group of equal scores. */
	@FunctionalInterface
	interface ScoreGroupAction {

		void accept(double score, long positives, long negatives);

	}

	/** Whether ROC AUC and average precision are exact (no histogram yet). */
	boolean exactRanking() {
		return this.scores.exact();
	}

	/**
	 * The largest possible error of ROC AUC and of average precision as {@link #result()}
	 * gives them: both 0 while the ranking is exact; {@code null} when they are undefined
	 * (one class only).
	 */
	Ranking rankingErrorBounds() {
		if (this.truePositives + this.falseNegatives == 0 || this.trueNegatives + this.falsePositives == 0) {
			return null;
		}
		return this.scores.errorBounds();
	}

	@Override
	public void merge(MetricAccumulator other) {
		if (!(other instanceof BinaryAccumulator that)) {
			throw new IllegalArgumentException(
					"cannot merge a " + other.task().key() + " accumulator into a binary one");
		}
		if (Double.compare(that.threshold, this.threshold) != 0) {
			throw new IllegalArgumentException(
					"cannot merge accumulators with thresholds " + this.threshold + " and " + that.threshold);
		}
		this.unlabelled += that.unlabelled;
		this.truePositives += that.truePositives;
		this.falsePositives += that.falsePositives;
		this.trueNegatives += that.trueNegatives;
		this.falseNegatives += that.falseNegatives;
		this.scoreSum.add(that.scoreSum);
		this.logLossSum.add(that.logLossSum);
		this.brierSum.add(that.brierSum);
		this.scores.addAll(that.scores);
	}

	@Override
	public MetricValues result() {
		long n = labelled();
		Map<Metric, Double> values = new EnumMap<>(Metric.class);
		values.put(Metric.N, (double) n);
		if (n == 0) {
			return new MetricValues(values);
		}
		long positives = this.truePositives + this.falseNegatives;
		long negatives = this.trueNegatives + this.falsePositives;
		values.put(Metric.POSITIVES, (double) positives);
		values.put(Metric.MEAN_SCORE, this.scoreSum.value() / n);
		values.put(Metric.LOG_LOSS, this.logLossSum.value() / n);
		values.put(Metric.BRIER, this.brierSum.value() / n);
		values.put(Metric.ACCURACY, (double) (this.truePositives + this.trueNegatives) / n);
		values.put(Metric.PRECISION, ratio(this.truePositives, this.truePositives + this.falsePositives));
		values.put(Metric.RECALL, ratio(this.truePositives, this.truePositives + this.falseNegatives));
		values.put(Metric.F1,
				ratio(2 * this.truePositives, 2 * this.truePositives + this.falsePositives + this.falseNegatives));
		if (positives > 0 && negatives > 0) {
			Ranking ranking = this.scores.ranking();
			values.put(Metric.ROC_AUC, ranking.rocAuc());
			values.put(Metric.AVERAGE_PRECISION, ranking.averagePrecision());
		}
		putConfusionMetrics(values, positives, negatives);
		TopShare.put(values, this.scores, n, positives);
		if (this.value != null) {
			double total = this.value.ofCounts(this.truePositives, this.falsePositives, this.trueNegatives,
					this.falseNegatives);
			values.put(Metric.BUSINESS_VALUE, total);
			values.put(Metric.BUSINESS_VALUE_PER_ROW, total / n);
		}
		return new MetricValues(values, OwnMetrics.of(this.definitions, values, this.scores));
	}

	/**
	 * The counts and the rates at the threshold; a rate is absent when its denominator is
	 * 0, MCC is 0 when undefined (as scikit-learn's {@code matthews_corrcoef}).
	 */
	private void putConfusionMetrics(Map<Metric, Double> values, long positives, long negatives) {
		long tp = this.truePositives;
		long fp = this.falsePositives;
		long tn = this.trueNegatives;
		long fn = this.falseNegatives;
		values.put(Metric.TP, (double) tp);
		values.put(Metric.FP, (double) fp);
		values.put(Metric.TN, (double) tn);
		values.put(Metric.FN, (double) fn);
		if (negatives > 0) {
			values.put(Metric.FALSE_POSITIVE_RATE, (double) fp / negatives);
			values.put(Metric.SPECIFICITY, (double) tn / negatives);
		}
		if (positives > 0) {
			values.put(Metric.FALSE_NEGATIVE_RATE, (double) fn / positives);
		}
		if (positives > 0 && negatives > 0) {
			values.put(Metric.BALANCED_ACCURACY, ((double) tp / positives + (double) tn / negatives) / 2);
		}
		double denominator = (double) (tp + fp) * positives * negatives * (tn + fn);
		values.put(Metric.MCC,
				(denominator == 0) ? 0.0 : ((double) tp * tn - (double) fp * fn) / Math.sqrt(denominator));
	}

	/**
	 * A ratio that is 0 when its denominator is 0, as scikit-learn's
	 * {@code zero_division=0}.
	 */
	private static double ratio(long numerator, long denominator) {
		return (denominator == 0) ? 0.0 : (double) numerator / denominator;
	}

	@Override
	public long labelled() {
		return this.truePositives + this.falseNegatives + this.trueNegatives + this.falsePositives;
	}

	@Override
	public long unlabelled() {
		return this.unlabelled;
	}

	@Override
	public Task task() {
		return Task.BINARY;
	}

	/**
	 * Payload: threshold, unlabelled count, TP, FP, TN, FN, three compensated sums
	 * (score, log loss, Brier), then the positive scores and the negative scores, each as
	 * an int count followed by the doubles; or, once the scores are in a histogram or
	 * there are more than {@link #STATE_EXACT_LIMIT} of them, the int
	 * {@link #HISTOGRAM_MARK} followed by the histogram's used bins.
	 */
	@Override
	public byte[] toBytes() {
		LabelledScores stored = this.scores.forState(STATE_EXACT_LIMIT);
		long fixed = Double.BYTES + 5L * Long.BYTES + 3L * 2 * Double.BYTES;
		long payload = fixed + stored.serialisedSize();
		ByteBuffer buffer = StateFormat.start(StateFormat.BINARY, payload, labelled());
		buffer.putDouble(this.threshold);
		buffer.putLong(this.unlabelled);
		buffer.putLong(this.truePositives);
		buffer.putLong(this.falsePositives);
		buffer.putLong(this.trueNegatives);
		buffer.putLong(this.falseNegatives);
		StateFormat.putSum(buffer, this.scoreSum);
		StateFormat.putSum(buffer, this.logLossSum);
		StateFormat.putSum(buffer, this.brierSum);
		stored.write(buffer);
		return StateFormat.finish(buffer);
	}

	/**
	 * Where an exact state has its count of positive scores, a histogram state has this
	 * mark.
	 */
	static final int HISTOGRAM_MARK = Integer.MIN_VALUE;

	/**
	 * Reads a state written by {@link #toBytes()}, checking that it is consistent (the
	 * confusion matrix agrees with the stored scores) and that it was accumulated with
	 * the expected threshold. The value matrix is not part of the state: the dataset's
	 * current one values the stored counts.
	 */
	static BinaryAccumulator fromBytes(double expectedThreshold, ValueMatrix value, byte[] state) {
		checkThreshold(expectedThreshold);
		ByteBuffer payload = StateFormat.open(state, StateFormat.BINARY);
		try {
			double threshold = payload.getDouble();
			if (Double.compare(threshold, expectedThreshold) != 0) {
				throw new MetricStateException("metric state was accumulated with threshold " + threshold
						+ ", not the expected " + expectedThreshold);
			}
			long unlabelled = StateFormat.getCount(payload, "unlabelled");
			long[] confusion = new long[4];
			String[] names = { "true positive", "false positive", "true negative", "false negative" };
			for (int i = 0; i < confusion.length; i++) {
				confusion[i] = StateFormat.getCount(payload, names[i]);
			}
			CompensatedSum scoreSum = StateFormat.getSum(payload);
			CompensatedSum logLossSum = StateFormat.getSum(payload);
			CompensatedSum brierSum = StateFormat.getSum(payload);
			LabelledScores scores = LabelledScores.read(payload, threshold, confusion, EXACT_LIMIT);
			return new BinaryAccumulator(threshold, value, MetricDefinitions.NONE, unlabelled, confusion, scoreSum,
					logLossSum, brierSum, scores);
		}
		catch (BufferUnderflowException ex) {
			throw StateFormat.truncated();
		}
	}

}
