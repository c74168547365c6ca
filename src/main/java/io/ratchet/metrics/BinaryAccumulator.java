package io.ratchet.metrics;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

import io.ratchet.data.Task;

/**
 * Metrics of a binary classifier: counts, calibration (mean score, log loss, Brier), the confusion matrix at a
 * threshold (a row is predicted positive when its score is at least the threshold), and the ranking metrics (ROC AUC
 * and average precision). Definitions follow scikit-learn 1.2.
 *
 * <p>
 * Ranking metrics are exact while the accumulator holds at most {@link #EXACT_LIMIT} labelled scores: they are kept in
 * two primitive arrays, one per class, and sorted only when a result is asked for. Past that (a month of more than two
 * million labelled rows, or the whole-period merge of a long history) the scores move into a {@link ScoreHistogram}
 * of fixed size, so memory stays flat however many rows there are; its error is bounded and documented there, and
 * {@link #rankingErrorBounds()} computes the bound for the scores at hand. Every other metric stays exact. A stored
 * state ({@link #toBytes()}) keeps scores exactly only up to {@link #STATE_EXACT_LIMIT}; a larger one is stored as its
 * histogram, so that the state of a big month is small (and the database's write buffers with it).
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

	/** Labelled scores kept exactly before they move into a histogram (16 MiB of doubles). */
	static final int EXACT_LIMIT = 1 << 21;

	/**
	 * Labelled scores a stored state keeps exactly; a larger accumulator is stored as its histogram (a few bytes per
	 * used bin instead of 8 per score), so a month's state stays small and a whole period merged from such months is
	 * within the histogram's bound. The month's own figures are computed before it is stored, so they stay exact.
	 */
	static final int STATE_EXACT_LIMIT = 1 << 18;

	private final int exactLimit;

	private ScoreBuffer positiveScores;

	private ScoreBuffer negativeScores;

	/** {@code null} while the ranking metrics are exact. */
	private ScoreHistogram histogram;

	BinaryAccumulator(double threshold) {
		this(threshold, EXACT_LIMIT);
	}

	/** An accumulator that keeps at most {@code exactLimit} scores exactly (tests use small limits). */
	BinaryAccumulator(double threshold, int exactLimit) {
		this(checkThreshold(threshold), exactLimit, 0, new long[4], new CompensatedSum(), new CompensatedSum(),
				new CompensatedSum(), new ScoreBuffer(), new ScoreBuffer(), null);
	}

	private BinaryAccumulator(double threshold, long unlabelled, long[] confusion, CompensatedSum scoreSum,
			CompensatedSum logLossSum, CompensatedSum brierSum, ScoreBuffer positiveScores,
			ScoreBuffer negativeScores) {
		this(threshold, EXACT_LIMIT, unlabelled, confusion, scoreSum, logLossSum, brierSum, positiveScores,
				negativeScores, null);
	}

	private BinaryAccumulator(double threshold, int exactLimit, long unlabelled, long[] confusion,
			CompensatedSum scoreSum, CompensatedSum logLossSum, CompensatedSum brierSum, ScoreBuffer positiveScores,
			ScoreBuffer negativeScores, ScoreHistogram histogram) {
		this.threshold = threshold;
		this.exactLimit = exactLimit;
		this.histogram = histogram;
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
			keep(prediction, true);
			this.logLossSum.add(-Math.log(clipped));
			if (predictedPositive) {
				this.truePositives++;
			}
			else {
				this.falseNegatives++;
			}
		}
		else if (label == 0.0) {
			keep(prediction, false);
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

	private void keep(double score, boolean positive) {
		if (this.histogram != null) {
			this.histogram.add(score, positive);
			return;
		}
		(positive ? this.positiveScores : this.negativeScores).add(score);
		if (this.positiveScores.size() + this.negativeScores.size() > this.exactLimit) {
			spill();
		}
	}

	/** Moves the exact scores into a histogram, for good. */
	private void spill() {
		ScoreHistogram spilled = new ScoreHistogram();
		spilled.addAll(this.positiveScores, true);
		spilled.addAll(this.negativeScores, false);
		this.histogram = spilled;
		this.positiveScores = new ScoreBuffer();
		this.negativeScores = new ScoreBuffer();
	}

	/** The confusion matrix at the threshold: true positives, false positives, true negatives, false negatives. */
	long[] confusion() {
		return new long[] { this.truePositives, this.falsePositives, this.trueNegatives, this.falseNegatives };
	}

	/**
	 * The labelled scores as groups of equal score, highest first: each group's score and its positive and negative
	 * counts. Exact scores give one group per distinct score; a histogram gives one group per used bin, at the bin's
	 * centre. Read-only (the curves of a report are drawn from it).
	 */
	void forEachScoreGroup(ScoreGroupAction action) {
		if (this.histogram != null) {
			this.histogram.forEachBin(action);
			return;
		}
		double[] positives = this.positiveScores.sorted();
		double[] negatives = this.negativeScores.sorted();
		int p = this.positiveScores.size() - 1;
		int n = this.negativeScores.size() - 1;
		while (p >= 0 || n >= 0) {
			double score = Math.max((p >= 0) ? positives[p] : Double.NEGATIVE_INFINITY,
					(n >= 0) ? negatives[n] : Double.NEGATIVE_INFINITY);
			long pc = 0;
			long nc = 0;
			while (p >= 0 && positives[p] == score) {
				pc++;
				p--;
			}
			while (n >= 0 && negatives[n] == score) {
				nc++;
				n--;
			}
			action.accept(score, pc, nc);
		}
	}

	/** Receives one group of equal scores. */
	@FunctionalInterface
	interface ScoreGroupAction {

		void accept(double score, long positives, long negatives);

	}

	/** Whether ROC AUC and average precision are exact (no histogram yet). */
	boolean exactRanking() {
		return this.histogram == null;
	}

	/**
	 * The largest possible error of ROC AUC and of average precision as {@link #result()} gives them: both 0 while the
	 * ranking is exact; {@code null} when they are undefined (one class only).
	 */
	Ranking rankingErrorBounds() {
		if (this.truePositives + this.falseNegatives == 0 || this.trueNegatives + this.falsePositives == 0) {
			return null;
		}
		if (this.histogram == null) {
			return new Ranking(0, 0);
		}
		return new Ranking(this.histogram.rocAucErrorBound(), this.histogram.averagePrecisionErrorBound());
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
		if (that == this) {
			if (this.histogram != null) {
				this.histogram.addAll(this.histogram);
				return;
			}
			this.positiveScores.addAll(this.positiveScores);
			this.negativeScores.addAll(this.negativeScores);
		}
		else {
			if (this.histogram == null && that.histogram == null && (long) this.positiveScores.size()
					+ this.negativeScores.size() + that.positiveScores.size() + that.negativeScores.size() > this.exactLimit) {
				spill();
			}
			else if (this.histogram == null && that.histogram != null) {
				spill();
			}
			if (this.histogram != null) {
				this.histogram.addAll(that.positiveScores, true);
				this.histogram.addAll(that.negativeScores, false);
				if (that.histogram != null) {
					this.histogram.addAll(that.histogram);
				}
				return;
			}
			this.positiveScores.addAll(that.positiveScores);
			this.negativeScores.addAll(that.negativeScores);
		}
		if (this.positiveScores.size() + (long) this.negativeScores.size() > this.exactLimit) {
			spill();
		}
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
			Ranking ranking = (this.histogram != null) ? this.histogram.ranking()
					: Ranking.of(this.positiveScores.sorted(), this.positiveScores.size(), this.negativeScores.sorted(),
							this.negativeScores.size());
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
	 * Payload: threshold, unlabelled count, TP, FP, TN, FN, three compensated sums (score, log loss, Brier), then the
	 * positive scores and the negative scores, each as an int count followed by the doubles; or, once the scores are
	 * in a histogram or there are more than {@link #STATE_EXACT_LIMIT} of them, the int {@link #HISTOGRAM_MARK}
	 * followed by the histogram's used bins.
	 */
	@Override
	public byte[] toBytes() {
		int positives = this.positiveScores.size();
		int negatives = this.negativeScores.size();
		ScoreHistogram stored = this.histogram;
		if (stored == null && (long) positives + negatives > STATE_EXACT_LIMIT) {
			stored = new ScoreHistogram();
			stored.addAll(this.positiveScores, true);
			stored.addAll(this.negativeScores, false);
		}
		long fixed = Double.BYTES + 5L * Long.BYTES + 3L * 2 * Double.BYTES;
		long payload = (stored != null) ? fixed + Integer.BYTES + stored.serialisedSize()
				: fixed + 2L * Integer.BYTES + ((long) positives + negatives) * Double.BYTES;
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
		if (stored != null) {
			buffer.putInt(HISTOGRAM_MARK);
			stored.write(buffer);
		}
		else {
			putScores(buffer, this.positiveScores);
			putScores(buffer, this.negativeScores);
		}
		return StateFormat.finish(buffer);
	}

	/** Where an exact state has its count of positive scores, a histogram state has this mark. */
	static final int HISTOGRAM_MARK = Integer.MIN_VALUE;

	private static void putScores(ByteBuffer buffer, ScoreBuffer scores) {
		int size = scores.size();
		buffer.putInt(size);
		buffer.asDoubleBuffer().put(scores.values(), 0, size);
		buffer.position(buffer.position() + size * Double.BYTES);
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
			payload.mark();
			if (payload.getInt() == HISTOGRAM_MARK) {
				ScoreHistogram histogram = ScoreHistogram.read(payload);
				StateFormat.close(payload);
				if (histogram.positives() != confusion[0] + confusion[3]
						|| histogram.negatives() != confusion[1] + confusion[2]) {
					throw new MetricStateException(
							"corrupt metric state: the confusion matrix does not agree with the stored histogram");
				}
				return new BinaryAccumulator(threshold, EXACT_LIMIT, unlabelled, confusion, scoreSum, logLossSum,
						brierSum, new ScoreBuffer(), new ScoreBuffer(), histogram);
			}
			payload.reset();
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
		payload.asDoubleBuffer().get(scores);
		payload.position(payload.position() + count * Double.BYTES);
		for (int i = 0; i < count; i++) {
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
