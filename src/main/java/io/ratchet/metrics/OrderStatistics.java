package io.ratchet.metrics;

import java.util.Arrays;

/**
 * The order statistics of an array of doubles near its two ends (the few smallest and the
 * few largest values), found in one pass without sorting the rest: what a percentile near
 * 0% or 100% reads. The order is {@link Arrays#sort(double[])}'s ({@link Double#compare}:
 * −0.0 before 0.0), so {@link #get(int)} returns exactly the value a full sort puts at
 * that position. When the two ends would meet, the values are sorted whole.
 */
final class OrderStatistics {

	/** The {@code tail} smallest values, ascending (or, when sorted whole, all). */
	private final double[] smallest;

	/** The {@code tail} largest values, ascending (empty when sorted whole). */
	private final double[] largest;

	/** How many values there are. */
	private final int count;

	private OrderStatistics(double[] smallest, double[] largest, int count) {
		this.smallest = smallest;
		this.largest = largest;
		this.count = count;
	}

	/**
	 * The {@code tail} smallest and largest of the first {@code count} values (none of
	 * them NaN), or all of them sorted when {@code 2 * tail >= count}; {@code values} is
	 * left as it was unless it is sorted whole.
	 */
	static OrderStatistics ends(double[] values, int count, int tail) {
		if (2 * tail >= count) {
			Arrays.sort(values, 0, count);
			return new OrderStatistics(values, new double[0], count);
		}
		double[] smallest = new double[tail];
		double[] largest = new double[tail];
		for (int i = 0; i < count; i++) {
			double value = values[i];
			if (i < tail) {
				insertAscending(smallest, i, value);
				insertAscending(largest, i, value);
				continue;
			}
			if (Double.compare(value, smallest[tail - 1]) < 0) {
				// the largest of the smallest drops out
				insertAscending(smallest, tail - 1, value);
			}
			if (Double.compare(value, largest[0]) > 0) {
				// the smallest of the largest drops out
				System.arraycopy(largest, 1, largest, 0, tail - 1);
				insertAscending(largest, tail - 1, value);
			}
		}
		return new OrderStatistics(smallest, largest, count);
	}

	/**
	 * The value at {@code position} (0 is the smallest) of the values in ascending order;
	 * only the positions within the tails (or any when sorted whole) are kept.
	 */
	double get(int position) {
		if (position < this.smallest.length) {
			return this.smallest[position];
		}
		int fromLargest = position - (this.count - this.largest.length);
		if (fromLargest < 0 || fromLargest >= this.largest.length) {
			throw new IllegalArgumentException(
					"position " + position + " of " + this.count + " values is not at either end");
		}
		return this.largest[fromLargest];
	}

	/**
	 * Puts {@code value} among the first {@code filled} values of {@code sorted}
	 * (ascending), which then holds {@code filled + 1}.
	 */
	private static void insertAscending(double[] sorted, int filled, double value) {
		int at = filled;
		while (at > 0 && Double.compare(sorted[at - 1], value) > 0) {
			sorted[at] = sorted[at - 1];
			at--;
		}
		sorted[at] = value;
	}

}
