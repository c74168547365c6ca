package io.ratchet.drift;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The values of one numeric column in a reference or a window: every count exactly, and
 * the non-missing values themselves up to a capacity. Beyond it the values kept are a
 * uniform reservoir sample (Vitter's algorithm R) drawn with a fixed seed, so a run is
 * repeatable and memory stays at {@code 8 · capacity} bytes per column however many rows
 * are read; quantile cuts, bucket shares and the KS statistic are then estimates from
 * that sample. Below the capacity everything is exact. Not thread-safe.
 */
public final class NumericSample {

	/**
	 * The default number of values kept: enough for months of daily data to stay exact.
	 */
	public static final int DEFAULT_CAPACITY = 200_000;

	private final int capacity;

	private final SplittableRandom random;

	private double[] values = new double[16];

	private int kept;

	private long count;

	private long missing;

	private long seen;

	/**
	 * @param capacity the most values kept (at least 1)
	 * @param seed the seed of the reservoir sampling
	 */
	public NumericSample(int capacity, long seed) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
		}
		this.capacity = capacity;
		this.random = new SplittableRandom(seed);
	}

	/** A sample that keeps up to {@link #DEFAULT_CAPACITY} values, seed 42. */
	public NumericSample() {
		this(DEFAULT_CAPACITY, 42);
	}

	/** Adds one value; {@link Double#NaN} is a missing value. */
	public void add(double value) {
		this.count++;
		if (Double.isNaN(value)) {
			this.missing++;
			return;
		}
		this.seen++;
		if (this.kept < this.capacity) {
			if (this.kept == this.values.length) {
				this.values = Arrays.copyOf(this.values, Math.min(this.capacity, this.values.length * 2));
			}
			this.values[this.kept++] = value;
			return;
		}
		long slot = this.random.nextLong(this.seen);
		if (slot < this.capacity) {
			this.values[(int) slot] = value;
		}
	}

	/** Values added, missing ones included. */
	public long count() {
		return this.count;
	}

	/** Missing values added. */
	public long missing() {
		return this.missing;
	}

	/** The share of missing values, {@link Double#NaN} when nothing was added. */
	public double missingRate() {
		return (this.count == 0) ? Double.NaN : (double) this.missing / this.count;
	}

	/**
	 * The non-missing values kept: all of them, or a uniform sample of {@link #capacity}
	 * of them.
	 */
	public double[] values() {
		return Arrays.copyOf(this.values, this.kept);
	}

	/** Whether every non-missing value added is kept (statistics are exact). */
	public boolean exact() {
		return this.seen == this.kept;
	}

}
