package io.ratchet.metrics;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

import io.ratchet.data.Task;

/**
 * Metrics of a binary classifier: counts, calibration (mean score, log loss, Brier), the confusion matrix at a
 * threshold (a row is predicted positive when its score is at least the threshold), and the exact ranking metrics
 * (ROC AUC and average precision), which need every labelled score: they are kept in two primitive arrays, one per
 * class, and sorted only when a result is asked for. Definitions follow scikit-learn 1.2.
 */
final class BinaryAccumulator implements MetricAccumulator {

	/** scikit-learn 1.2's default {@code eps} for {@code log_loss}. */
	static final double LOG_LOSS_EPSILON = 1e-15;

	private final double threshold;

	private long unlabelled;

	private long truePositives;

	private long falsePositives;

	private long trueNegatives;

	private long falseNegatives;

	private final CompensatedSum scoreSum;

	private final CompensatedSum logLossSum;

	private final CompensatedSum brierSum;

	private final ScoreBuffer positiveScores;

	private final ScoreBuffer negativeScores;

	BinaryAccumulator(double threshold) {
		this(checkThreshold(threshold), 0, new long[4], new CompensatedSum(), new CompensatedSum(), new CompensatedSum(),
				new ScoreBuffer(), new ScoreBuffer());
	}

	private BinaryAccumulator(double threshold, long unlabelled, long[] confusion, CompensatedSum scoreSum,
			CompensatedSum logLossSum, CompensatedSum brierSum, ScoreBuffer positiveScores,
			ScoreBuffer negativeScores) {
		this.threshold = threshold;
		this.unlabelled = unlabelled;
		this.truePositives = confusion[0];
		this.falsePositives = confusion[1];
		this.trueNegatives = confusion[2];
		this.falseNegatives = confusion[3];
		this.scoreSum = scoreSum;
		this.logLossSum = logLossSum;
		this.brierSum = brierSum;
		this.positiveScores = positiveScores;
		this.negativeScores = negativeScores;
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
			this.positiveScores.add(prediction);
			this.logLossSum.add(-Math.log(clipped));
			if (predictedPositive) {
				this.truePositives++;
			}
			else {
				this.falseNegatives++;
			}
		}
		else if (label == 0.0) {
			this.negativeScores.add(prediction);
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

	@Override
	public void merge(MetricAccumulator other) {
		if (!(other instanceof BinaryAccumulator that)) {
			throw new IllegalArgumentException("cannot merge a " + other.task().key() + " accumulator into a binary one");
		}
		if (Double.compare(that.threshold, this.threshold) != 0) {
			throw new IllegalArgumentException("cannot merge accumulators with thresholds " + this.threshold + " and "
					+ that.threshold);
		}
		this.unlabelled += that.unlabelled;
		this.truePositives += that.truePositives;
		this.falsePositives += that.falsePositives;
		this.trueNegatives += that.trueNegatives;
		this.falseNegatives += that.falseNegatives;
		this.scoreSum.add(that.scoreSum);
		this.logLossSum.add(that.logLossSum);
		this.brierSum.add(that.brierSum);
		this.positiveScores.addAll(that.positiveScores);
		this.negativeScores.addAll(that.negativeScores);
	}

	@Override
	public MetricValues result() {
		long n = labelled();
		Map<Metric, Double> values = new EnumMap<>(Metric.class);
		values.put(Metric.N, (double) n);
		if (n == 0) {
			return new MetricValues(values);
		}
		int positives = this.positiveScores.size();
		int negatives = this.negativeScores.size();
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
			Ranking ranking = Ranking.of(this.positiveScores.sorted(), positives, this.negativeScores.sorted(),
					negatives);
			values.put(Metric.ROC_AUC, ranking.rocAuc());
			values.put(Metric.AVERAGE_PRECISION, ranking.averagePrecision());
		}
		return new MetricValues(values);
	}

	/** A ratio that is 0 when its denominator is 0, as scikit-learn's {@code zero_division=0}. */
	private static double ratio(long numerator, long denominator) {
		return (denominator == 0) ? 0.0 : (double) numerator / denominator;
	}

	@Override
	public long labelled() {
		return (long) this.positiveScores.size() + this.negativeScores.size();
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
	 * Payload: threshold, unlabelled count, TP, FP, TN, FN, three compensated sums (score, log loss, Brier), then the
	 * positive scores and the negative scores, each as an int count followed by the doubles.
	 */
	@Override
	public byte[] toBytes() {
		int positives = this.positiveScores.size();
		int negatives = this.negativeScores.size();
		long payload = Double.BYTES + 5L * Long.BYTES + 3L * 2 * Double.BYTES + 2L * Integer.BYTES
				+ ((long) positives + negatives) * Double.BYTES;
		if (payload > Integer.MAX_VALUE - 64) {
			throw new IllegalStateException("accumulator state too large to serialise (" + labelled() + " scores)");
		}
		ByteBuffer buffer = StateFormat.start(StateFormat.BINARY, (int) payload);
		buffer.putDouble(this.threshold);
		buffer.putLong(this.unlabelled);
		buffer.putLong(this.truePositives);
		buffer.putLong(this.falsePositives);
		buffer.putLong(this.trueNegatives);
		buffer.putLong(this.falseNegatives);
		StateFormat.putSum(buffer, this.scoreSum);
		StateFormat.putSum(buffer, this.logLossSum);
		StateFormat.putSum(buffer, this.brierSum);
		putScores(buffer, this.positiveScores);
		putScores(buffer, this.negativeScores);
		return StateFormat.finish(buffer);
	}

	private static void putScores(ByteBuffer buffer, ScoreBuffer scores) {
		buffer.putInt(scores.size());
		for (int i = 0; i < scores.size(); i++) {
			buffer.putDouble(scores.get(i));
		}
	}

	/**
	 * Reads a state written by {@link #toBytes()}, checking that it is consistent (the confusion matrix agrees with the
	 * stored scores) and that it was accumulated with the expected threshold.
	 */
	static BinaryAccumulator fromBytes(double expectedThreshold, byte[] state) {
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
			double[] positives = getScores(payload, "positive");
			double[] negatives = getScores(payload, "negative");
			StateFormat.close(payload);
			long truePositives = countAtLeast(positives, threshold);
			long falsePositives = countAtLeast(negatives, threshold);
			if (confusion[0] != truePositives || confusion[3] != positives.length - truePositives
					|| confusion[1] != falsePositives
					|| confusion[2] != negatives.length - falsePositives) {
				throw new MetricStateException(
						"corrupt metric state: the confusion matrix does not agree with the stored scores");
			}
			return new BinaryAccumulator(threshold, unlabelled, confusion, scoreSum, logLossSum, brierSum,
					new ScoreBuffer(positives), new ScoreBuffer(negatives));
		}
		catch (BufferUnderflowException ex) {
			throw StateFormat.truncated();
		}
	}

	private static double[] getScores(ByteBuffer payload, String kind) {
		int count = payload.getInt();
		if (count < 0 || (long) count * Double.BYTES > payload.remaining()) {
			throw new MetricStateException("corrupt metric state: " + count + " " + kind + " scores announced, "
					+ payload.remaining() / Double.BYTES + " at most present");
		}
		double[] scores = new double[count];
		for (int i = 0; i < count; i++) {
			scores[i] = payload.getDouble();
			if (!Double.isFinite(scores[i])) {
				throw new MetricStateException("corrupt metric state: " + kind + " score " + scores[i]);
			}
		}
		return scores;
	}

	private static long countAtLeast(double[] scores, double threshold) {
		long count = 0;
		for (double score : scores) {
			if (score >= threshold) {
				count++;
			}
		}
		return count;
	}

}
