package io.ratchet.metrics;

import java.util.Arrays;

/**
 * A growable array of primitive doubles (the scores a ranking metric needs), doubled in
 * size when full. Sorting happens on demand, in place, and is remembered until the next
 * addition. Not thread-safe.
 */
final class ScoreBuffer {

	private static final int INITIAL_CAPACITY = 16;

	private double[] values;

	private int size;

	private boolean sorted = true;

	ScoreBuffer() {
		this.values = new double[INITIAL_CAPACITY];
	}

	ScoreBuffer(double[] values) {
		this.values = (values.length > 0) ? values : new double[INITIAL_CAPACITY];
		this.size = values.length;
		this.sorted = false;
	}

	void add(double value) {
		ensureCapacity(this.size + 1);
		this.values[this.size++] = value;
		this.sorted = false;
	}

	/**
	 * Appends every value of another buffer (works when {@code other} is this buffer).
	 */
	void addAll(ScoreBuffer other) {
		int count = other.size;
		double[] source = other.values;
		if (count == 0) {
			return;
		}
		ensureCapacity(this.size + count);
		System.arraycopy(source, 0, this.values, this.size, count);
		this.size += count;
		this.sorted = false;
	}

	int size() {
		return this.size;
	}

	/**
	 * The backing array; only its first {@link #size()} entries are values. The caller
	 * must not modify it.
	 */
	double[] values() {
		return this.values;
	}

	double get(int index) {
		return this.values[index];
	}

	/**
	 * Sorts the values in ascending order ({@link ScoreSort}: the order and bits of
	 * {@code Arrays.sort}) and returns the backing array; only its first {@link #size()}
	 * entries are values. The caller must not modify it.
	 */
	double[] sorted() {
		if (!this.sorted) {
			ScoreSort.sort(this.values, this.size);
			this.sorted = true;
		}
		return this.values;
	}

	private void ensureCapacity(int needed) {
		if (needed < 0) {
			throw new IllegalStateException("too many scores for one accumulator");
		}
		if (needed > this.values.length) {
			long doubled = Math.max((long) this.values.length * 2, needed);
			int capacity = (int) Math.min(doubled, Integer.MAX_VALUE - 8);
			if (capacity < needed) {
				throw new IllegalStateException("too many scores for one accumulator");
			}
			this.values = Arrays.copyOf(this.values, capacity);
		}
	}

}
