package io.ratchet.metrics;

import java.nio.ByteBuffer;

/**
 * Bounded-memory ranking metrics: the count of positive and of negative scores per bin of
 * a fine fixed grid in log-odds, used by {@link BinaryAccumulator} once it holds more
 * scores than it keeps exactly.
 *
 * <p>
 * A score {@code s} falls in bin {@code floor((logit(s) + L) / 2L * BINS)}, clamped to
 * the grid, with {@code L = }{@value #LOGIT_RANGE} and {@code BINS = 2^}{@value #BITS} (a
 * bin is about 6.9e-5 wide in log-odds, 1.7e-5 in probability around 0.5; scores outside
 * {@code (0, 1)} or beyond {@code |logit| > L} share the two end bins). The map is
 * monotone, so a higher bin always means a higher score, and equal scores always share a
 * bin: the histogram gives ROC AUC and average precision exactly as if every score in a
 * bin were tied. The error of that is bounded, and the bounds are computed from the
 * histogram itself ({@link #rocAucErrorBound()}, {@link #averagePrecisionErrorBound()}):
 * <ul>
 * <li>ROC AUC: a positive-negative pair in the same bin counts one half, where the exact
 * figure counts it 0, 1/2 or 1, so
 * {@code |AUC_hist - AUC_exact| <= sum_b p_b n_b / (2 P N)};</li>
 * <li>average precision: each positive of bin {@code b} gets the bin's precision
 * {@code (TP + p_b) / (D + p_b + n_b)} ({@code TP}, {@code D}: positives and rows in
 * higher bins) where its exact precision lies between {@code (TP + 1) / (D + 1 + n_b)}
 * and {@code (TP + p_b) / (D + p_b)}, so the error is at most the sum over bins of
 * {@code p_b / P} times the larger distance from the bin's precision to those two.</li>
 * </ul>
 * On two million well-spread scores both bounds are of the order of 1e-5 and the actual
 * errors far smaller. The bounds are conservative when many scores are genuinely equal (a
 * model with few distinct outputs): such a group is one threshold for the exact figure
 * too, so its actual error is 0 while the bound counts it as a spread-out bin.
 */
final class ScoreHistogram {

	/** log2 of the number of bins. */
	static final int BITS = 20;

	static final int BINS = 1 << BITS;

	/** Half the width of the log-odds grid. */
	static final double LOGIT_RANGE = 36.0;

	private static final double SCALE = BINS / (2 * LOGIT_RANGE);

	private final long[] positives = new long[BINS];

	private final long[] negatives = new long[BINS];

	/** The bin of a score; monotone non-decreasing in the score. */
	static int bin(double score) {
		if (!(score > 0)) {
			return 0;
		}
		if (score >= 1) {
			return BINS - 1;
		}
		double logit = Math.log(score) - Math.log1p(-score);
		double position = Math.floor((logit + LOGIT_RANGE) * SCALE);
		if (position < 0) {
			return 0;
		}
		return (position >= BINS - 1) ? BINS - 1 : (int) position;
	}

	void add(double score, boolean positive) {
		if (positive) {
			this.positives[bin(score)]++;
		}
		else {
			this.negatives[bin(score)]++;
		}
	}

	void addAll(ScoreBuffer scores, boolean positive) {
		for (int i = 0; i < scores.size(); i++) {
			add(scores.get(i), positive);
		}
	}

	void addAll(ScoreHistogram other) {
		for (int b = 0; b < BINS; b++) {
			this.positives[b] += other.positives[b];
			this.negatives[b] += other.negatives[b];
		}
	}

	long positives() {
		long sum = 0;
		for (long count : this.positives) {
			sum += count;
		}
		return sum;
	}

	long negatives() {
		long sum = 0;
		for (long count : this.negatives) {
			sum += count;
		}
		return sum;
	}

	/** Each used bin from the highest down, with the score at the bin's centre. */
	void forEachBin(BinaryAccumulator.ScoreGroupAction action) {
		for (int b = BINS - 1; b >= 0; b--) {
			if (this.positives[b] != 0 || this.negatives[b] != 0) {
				double logit = (b + 0.5) / SCALE - LOGIT_RANGE;
				action.accept(1 / (1 + Math.exp(-logit)), this.positives[b], this.negatives[b]);
			}
		}
	}

	/**
	 * ROC AUC and average precision with every bin's scores taken as tied; both classes
	 * must be present.
	 */
	Ranking ranking() {
		return sweep(false);
	}

	/**
	 * The largest possible {@code |AUC_hist - AUC_exact|} for the scores behind this
	 * histogram.
	 */
	double rocAucErrorBound() {
		return sweep(true).rocAuc();
	}

	/**
	 * The largest possible {@code |AP_hist - AP_exact|} for the scores behind this
	 * histogram.
	 */
	double averagePrecisionErrorBound() {
		return sweep(true).averagePrecision();
	}

	/**
	 * One pass from the highest bin down: the metrics, or (when {@code bounds}) their
	 * error bounds.
	 */
	private Ranking sweep(boolean bounds) {
		long positiveCount = positives();
		long negativeCount = negatives();
		if (positiveCount == 0 || negativeCount == 0) {
			throw new IllegalArgumentException("ranking metrics need both classes");
		}
		long negativesBelow = negativeCount;
		long truePositives = 0;
		long falsePositives = 0;
		double twiceU = 0;
		double tiedPairs = 0;
		CompensatedSum averagePrecision = new CompensatedSum();
		CompensatedSum precisionError = new CompensatedSum();
		for (int b = BINS - 1; b >= 0; b--) {
			long p = this.positives[b];
			long n = this.negatives[b];
			if (p == 0 && n == 0) {
				continue;
			}
			negativesBelow -= n;
			twiceU += 2.0 * p * negativesBelow + (double) p * n;
			tiedPairs += (double) p * n;
			if (p > 0) {
				long rowsAbove = truePositives + falsePositives;
				double precision = (double) (truePositives + p) / (rowsAbove + p + n);
				averagePrecision.add((double) p / positiveCount * precision);
				double highest = (double) (truePositives + p) / (rowsAbove + p);
				double lowest = (double) (truePositives + 1) / (rowsAbove + 1 + n);
				precisionError.add((double) p / positiveCount * Math.max(highest - precision, precision - lowest));
			}
			truePositives += p;
			falsePositives += n;
		}
		double pairs = (double) positiveCount * negativeCount;
		if (bounds) {
			return new Ranking(tiedPairs / (2 * pairs), precisionError.value());
		}
		return new Ranking(twiceU / (2 * pairs), averagePrecision.value());
	}

	/**
	 * Bytes {@link #write} needs: an int count of used bins, then per used bin the
	 * distance from the previous used bin and both counts, each as an unsigned LEB128
	 * varint (so a month's histogram is a few bytes per used bin).
	 */
	int serialisedSize() {
		long size = Integer.BYTES;
		int previous = -1;
		for (int b = 0; b < BINS; b++) {
			if (this.positives[b] != 0 || this.negatives[b] != 0) {
				size += varintSize(b - previous) + varintSize(this.positives[b]) + varintSize(this.negatives[b]);
				previous = b;
			}
		}
		return Math.toIntExact(size);
	}

	private int usedBins() {
		int used = 0;
		for (int b = 0; b < BINS; b++) {
			if (this.positives[b] != 0 || this.negatives[b] != 0) {
				used++;
			}
		}
		return used;
	}

	void write(ByteBuffer buffer) {
		buffer.putInt(usedBins());
		int previous = -1;
		for (int b = 0; b < BINS; b++) {
			if (this.positives[b] != 0 || this.negatives[b] != 0) {
				putVarint(buffer, b - previous);
				putVarint(buffer, this.positives[b]);
				putVarint(buffer, this.negatives[b]);
				previous = b;
			}
		}
	}

	static ScoreHistogram read(ByteBuffer payload) {
		int used = payload.getInt();
		if (used < 0 || used > BINS || (long) used * 3 > payload.remaining()) {
			throw new MetricStateException("corrupt metric state: " + used + " histogram bins announced");
		}
		ScoreHistogram histogram = new ScoreHistogram();
		long b = -1;
		for (int i = 0; i < used; i++) {
			long step = getVarint(payload);
			b += step;
			long p = getVarint(payload);
			long n = getVarint(payload);
			if (step < 1 || b >= BINS || p < 0 || n < 0 || (p == 0 && n == 0)) {
				throw new MetricStateException("corrupt metric state: bad histogram bin " + b);
			}
			histogram.positives[(int) b] = p;
			histogram.negatives[(int) b] = n;
		}
		return histogram;
	}

	private static int varintSize(long value) {
		int size = 1;
		while ((value >>>= 7) != 0) {
			size++;
		}
		return size;
	}

	private static void putVarint(ByteBuffer buffer, long value) {
		while ((value & ~0x7FL) != 0) {
			buffer.put((byte) ((value & 0x7F) | 0x80));
			value >>>= 7;
		}
		buffer.put((byte) value);
	}

	private static long getVarint(ByteBuffer buffer) {
		long value = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			byte b = buffer.get();
			value |= (long) (b & 0x7F) << shift;
			if (b >= 0) {
				return value;
			}
		}
		throw new MetricStateException("corrupt metric state: bad histogram count");
	}

}
