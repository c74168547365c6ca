package io.ratchet.metrics;

import java.nio.ByteBuffer;

/**
 * The labelled scores of a {@link BinaryAccumulator}, kept for its ranking metrics (ROC
 * AUC, average precision). While there are at most {@code exactLimit} of them they are
 * kept exactly, in two primitive arrays, one per class, sorted only when a result is
 * asked for; past that they move, for good, into a {@link ScoreHistogram} of fixed size.
 * Owned by one accumulator; not thread-safe.
 */
final class LabelledScores {

	private final int exactLimit;

	private ScoreBuffer positiveScores;

	private ScoreBuffer negativeScores;

	/** {@code null} while the scores are exact. */
	private ScoreHistogram histogram;

	/** No scores yet, kept exactly up to {@code exactLimit}. */
	LabelledScores(int exactLimit) {
		this(exactLimit, new ScoreBuffer(), new ScoreBuffer(), null);
	}

	private LabelledScores(int exactLimit, ScoreBuffer positiveScores, ScoreBuffer negativeScores,
			ScoreHistogram histogram) {
		this.exactLimit = exactLimit;
		this.positiveScores = positiveScores;
		this.negativeScores = negativeScores;
		this.histogram = histogram;
	}

	void add(double score, boolean positive) {
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

	/** Adds the scores of another accumulator (or this one's own, twice over). */
	void addAll(LabelledScores that) {
		if (that == this) {
			if (this.histogram != null) {
				this.histogram.addAll(this.histogram);
				return;
			}
			this.positiveScores.addAll(this.positiveScores);
			this.negativeScores.addAll(this.negativeScores);
		}
		else {
			if (this.histogram == null && that.histogram == null
					&& (long) this.positiveScores.size() + this.negativeScores.size() + that.positiveScores.size()
							+ that.negativeScores.size() > this.exactLimit) {
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

	/** Whether the scores are exact (no histogram yet). */
	boolean exact() {
		return this.histogram == null;
	}

	/** ROC AUC and average precision of the scores; both classes must be present. */
	Ranking ranking() {
		return (this.histogram != null) ? this.histogram.ranking() : Ranking.of(this.positiveScores.sorted(),
				this.positiveScores.size(), this.negativeScores.sorted(), this.negativeScores.size());
	}

	/** The largest possible error of {@link #ranking()}: 0 while the scores are exact. */
	Ranking errorBounds() {
		if (this.histogram == null) {
			return new Ranking(0, 0);
		}
		return new Ranking(this.histogram.rocAucErrorBound(), this.histogram.averagePrecisionErrorBound());
	}

	/** See {@link BinaryAccumulator#forEachScoreGroup}. */
	void forEachScoreGroup(BinaryAccumulator.ScoreGroupAction action) {
		forEachScoreGroup(action, Long.MAX_VALUE);
	}

	/**
	 * As {@link #forEachScoreGroup(BinaryAccumulator.ScoreGroupAction)}, stopping once
	 * the groups handed on hold at least {@code rows} scores (the top k% need only the
	 * top of the scores); a histogram hands on every bin.
	 */
	void forEachScoreGroup(BinaryAccumulator.ScoreGroupAction action, long rows) {
		if (this.histogram != null) {
			this.histogram.forEachBin(action);
			return;
		}
		double[] positives = this.positiveScores.sorted();
		double[] negatives = this.negativeScores.sorted();
		int p = this.positiveScores.size() - 1;
		int n = this.negativeScores.size() - 1;
		long handed = 0;
		while ((p >= 0 || n >= 0) && handed < rows) {
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
			handed += pc + nc;
		}
	}

	/**
	 * The form a stored state keeps: these scores, or, when there are more than
	 * {@code stateExactLimit} exact ones, a histogram made of them (this accumulator
	 * keeps its exact scores).
	 */
	LabelledScores forState(int stateExactLimit) {
		if (this.histogram == null
				&& (long) this.positiveScores.size() + this.negativeScores.size() > stateExactLimit) {
			ScoreHistogram stored = new ScoreHistogram();
			stored.addAll(this.positiveScores, true);
			stored.addAll(this.negativeScores, false);
			return new LabelledScores(this.exactLimit, new ScoreBuffer(), new ScoreBuffer(), stored);
		}
		return this;
	}

	/** The bytes {@link #write} writes. */
	long serialisedSize() {
		return (this.histogram != null) ? Integer.BYTES + this.histogram.serialisedSize()
				: 2L * Integer.BYTES + ((long) this.positiveScores.size() + this.negativeScores.size()) * Double.BYTES;
	}

	/**
	 * Writes the positive scores and the negative scores, each as an int count followed
	 * by the doubles; or, once they are in a histogram, the int
	 * {@link BinaryAccumulator#HISTOGRAM_MARK} followed by the histogram's used bins.
	 */
	void write(ByteBuffer buffer) {
		if (this.histogram != null) {
			buffer.putInt(BinaryAccumulator.HISTOGRAM_MARK);
			this.histogram.write(buffer);
		}
		else {
			putScores(buffer, this.positiveScores);
			putScores(buffer, this.negativeScores);
		}
	}

	private static void putScores(ByteBuffer buffer, ScoreBuffer scores) {
		int size = scores.size();
		buffer.putInt(size);
		buffer.asDoubleBuffer().put(scores.values(), 0, size);
		buffer.position(buffer.position() + size * Double.BYTES);
	}

	/**
	 * Reads the scores {@link #write} wrote, up to the end of the state, checking that
	 * they agree with the confusion matrix (true positives, false positives, true
	 * negatives, false negatives) at the threshold.
	 */
	static LabelledScores read(ByteBuffer payload, double threshold, long[] confusion, int exactLimit) {
		payload.mark();
		if (payload.getInt() == BinaryAccumulator.HISTOGRAM_MARK) {
			ScoreHistogram histogram = ScoreHistogram.read(payload);
			StateFormat.close(payload);
			if (histogram.positives() != confusion[0] + confusion[3]
					|| histogram.negatives() != confusion[1] + confusion[2]) {
				throw new MetricStateException(
						"corrupt metric state: the confusion matrix does not agree with the stored histogram");
			}
			return new LabelledScores(exactLimit, new ScoreBuffer(), new ScoreBuffer(), histogram);
		}
		payload.reset();
		double[] positives = getScores(payload, "positive");
		double[] negatives = getScores(payload, "negative");
		StateFormat.close(payload);
		long truePositives = countAtLeast(positives, threshold);
		long falsePositives = countAtLeast(negatives, threshold);
		if (confusion[0] != truePositives || confusion[3] != positives.length - truePositives
				|| confusion[1] != falsePositives || confusion[2] != negatives.length - falsePositives) {
			throw new MetricStateException(
					"corrupt metric state: the confusion matrix does not agree with the stored scores");
		}
		return new LabelledScores(exactLimit, new ScoreBuffer(positives), new ScoreBuffer(negatives), null);
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
