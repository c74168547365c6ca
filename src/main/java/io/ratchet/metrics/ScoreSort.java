package io.ratchet.metrics;

import java.util.Arrays;

/**
 * Sorts a month's scores for the ranking metrics: an LSD radix sort of the doubles' bits,
 * 11 bits a pass, passes whose digit is the same for every score skipped (scores in (0,
 * 1) share their top bits). For 100,000 scores it takes a fraction of
 * {@link Arrays#sort(double[], int, int)}'s time, and it gives the same array to the bit:
 * the bits are mapped so that their order as unsigned numbers is {@link Double#compare}'s
 * (so -0.0 before 0.0, as {@code Arrays.sort}). Small arrays, and arrays holding a NaN
 * (whose bit patterns {@code Arrays.sort} orders otherwise), go to {@code Arrays.sort}.
 */
final class ScoreSort {

	/** Below this many values {@code Arrays.sort} is as fast. */
	static final int RADIX_FROM = 1024;

	private static final int BITS = 11;

	private static final int BUCKETS = 1 << BITS;

	private static final int PASSES = (Long.SIZE + BITS - 1) / BITS;

	private ScoreSort() {
	}

	/** Sorts {@code values[0, size)} in ascending order, as {@code Arrays.sort} does. */
	static void sort(double[] values, int size) {
		if (size < RADIX_FROM) {
			Arrays.sort(values, 0, size);
			return;
		}
		long[] keys = new long[size];
		int[][] counts = new int[PASSES][BUCKETS];
		for (int i = 0; i < size; i++) {
			double value = values[i];
			if (Double.isNaN(value)) {
				Arrays.sort(values, 0, size);
				return;
			}
			long key = key(value);
			keys[i] = key;
			for (int pass = 0; pass < PASSES; pass++) {
				counts[pass][(int) (key >>> (pass * BITS)) & (BUCKETS - 1)]++;
			}
		}
		long[] other = new long[size];
		for (int pass = 0; pass < PASSES; pass++) {
			int[] count = counts[pass];
			int shift = pass * BITS;
			if (count[(int) (keys[0] >>> shift) & (BUCKETS - 1)] == size) {
				// every key has this digit: the pass would not move one
				continue;
			}
			int at = 0;
			for (int digit = 0; digit < BUCKETS; digit++) {
				int n = count[digit];
				count[digit] = at;
				at += n;
			}
			for (int i = 0; i < size; i++) {
				long key = keys[i];
				other[count[(int) (key >>> shift) & (BUCKETS - 1)]++] = key;
			}
			long[] swap = keys;
			keys = other;
			other = swap;
		}
		for (int i = 0; i < size; i++) {
			values[i] = value(keys[i]);
		}
	}

	/**
	 * The bits of a double, mapped so that unsigned order is numeric order: a negative
	 * value's bits all flipped, a positive one's sign bit set.
	 */
	private static long key(double value) {
		long bits = Double.doubleToRawLongBits(value);
		return bits ^ ((bits >> 63) | Long.MIN_VALUE);
	}

	private static double value(long key) {
		return Double.longBitsToDouble(key ^ ((~key >> 63) | Long.MIN_VALUE));
	}

}
