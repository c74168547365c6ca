package io.ratchet.metrics;

import java.util.Arrays;

/**
 * Sorts scores ascending exactly as {@link Arrays#sort(double[], int, int)} does (by
 * {@link Double#compare}: {@code -0.0} before {@code 0.0}), in linear time: a
 * least-significant-byte-first radix sort of each double's bits made to order as unsigned
 * numbers, eight passes at most (a pass whose byte is the same in every score is
 * skipped), through one scratch array. A sorted array of doubles is the same whatever
 * sorts it, so every figure computed from it stays the same to the bit.
 *
 * <p>
 * Why: every ranking metric of a month sorts its scores, once for the model and once more
 * for each segment level the rows fall in (twice the model's sort with two segment
 * columns); a comparison sort of random scores costs some 14 comparisons a score at that
 * size, the radix sort nine reads and eight writes. Small arrays (fewer than
 * {@link #RADIX_MIN} scores), arrays with a NaN and arrays already made of a few sorted
 * runs (a whole period concatenated from its months' sorted states, which
 * {@link Arrays#sort} merges) are left to {@link Arrays#sort}.
 */
final class ScoreSort {

	/** Fewer scores than this are sorted by {@link Arrays#sort}. */
	static final int RADIX_MIN = 1 << 10;

	/**
	 * Scores with at most this many descents (so at most one more ascending runs) are
	 * left to {@link Arrays#sort}, which merges the runs.
	 */
	static final int FEW_RUNS = 64;

	private static final int BYTES = Long.BYTES;

	private ScoreSort() {
	}

	/** Sorts {@code values[0, size)} ascending in place. */
	static void sort(double[] values, int size) {
		if (size < RADIX_MIN) {
			Arrays.sort(values, 0, size);
			return;
		}
		if (fewRuns(values, size)) {
			Arrays.sort(values, 0, size);
			return;
		}
		int[][] counts = new int[BYTES][256];
		for (int i = 0; i < size; i++) {
			double value = values[i];
			if (value != value) {
				Arrays.sort(values, 0, size);
				return;
			}
			long key = key(value);
			for (int b = 0; b < BYTES; b++) {
				counts[b][(int) (key >>> (b * 8)) & 0xFF]++;
			}
		}
		double[] from = values;
		double[] to = new double[size];
		for (int b = 0; b < BYTES; b++) {
			int shift = b * 8;
			int[] starts = counts[b];
			if (starts[(int) (key(from[0]) >>> shift) & 0xFF] == size) {
				continue;
			}
			int start = 0;
			for (int digit = 0; digit < starts.length; digit++) {
				int count = starts[digit];
				starts[digit] = start;
				start += count;
			}
			for (int i = 0; i < size; i++) {
				double value = from[i];
				to[starts[(int) (key(value) >>> shift) & 0xFF]++] = value;
			}
			double[] swap = from;
			from = to;
			to = swap;
		}
		if (from != values) {
			System.arraycopy(from, 0, values, 0, size);
		}
	}

	/**
	 * Whether {@code values[0, size)} has at most {@link #FEW_RUNS} descents. Counted
	 * before the radix sort's byte counts, and stopped at the first descent too many: a
	 * whole period concatenated from sorted months is found so in one plain pass (the
	 * byte counts of all its scores, made for nothing, took a fifth of its sort), while
	 * shuffled scores pass a descent every other score or so and stop within a few
	 * hundred.
	 */
	static boolean fewRuns(double[] values, int size) {
		int descents = 0;
		for (int i = 1; i < size; i++) {
			if (values[i] < values[i - 1] && ++descents > FEW_RUNS) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The double's bits, ordered as unsigned numbers as {@link Double#compare} orders the
	 * doubles (NaN aside): a positive number's sign bit set, a negative number's every
	 * bit flipped.
	 */
	static long key(double value) {
		long bits = Double.doubleToRawLongBits(value);
		return bits ^ ((bits >> 63) | Long.MIN_VALUE);
	}

}
