package io.ratchet.report;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;

/**
 * The mean of every numeric feature over the rows it is given (missing values counted
 * apart), in constant memory: a job adds each row it reads anyway and stores the result
 * with {@link FeatureMeanStore}. Not thread-safe.
 */
public final class FeatureMeans {

	private final List<String> names = new ArrayList<>();

	private final int[] indexes;

	private final double[] sums;

	private final long[] counts;

	private final long[] missing;

	public FeatureMeans(DatasetConfig dataset) {
		List<Integer> numeric = new ArrayList<>();
		for (int i = 0; i < dataset.features().size(); i++) {
			if (dataset.features().get(i).type() == FeatureType.NUMERIC) {
				numeric.add(i);
				this.names.add(dataset.features().get(i).name());
			}
		}
		this.indexes = numeric.stream().mapToInt(Integer::intValue).toArray();
		this.sums = new double[this.indexes.length];
		this.counts = new long[this.indexes.length];
		this.missing = new long[this.indexes.length];
	}

	public void add(Row row) {
		double[] numbers = row.numbers();
		for (int i = 0; i < this.indexes.length; i++) {
			double value = numbers[this.indexes[i]];
			if (Double.isNaN(value)) {
				this.missing[i]++;
			}
			else {
				this.sums[i] += value;
				this.counts[i]++;
			}
		}
	}

	/**
	 * The sums and counts as bytes, so that the means of parts of a month (row-range
	 * partitions) can be stored and merged ({@link #merge}).
	 */
	public byte[] toBytes() {
		ByteBuffer out = ByteBuffer.allocate(this.indexes.length * 24);
		for (int i = 0; i < this.indexes.length; i++) {
			out.putDouble(this.sums[i]).putLong(this.counts[i]).putLong(this.missing[i]);
		}
		return out.array();
	}

	/**
	 * Adds the sums and counts {@link #toBytes} gave for other rows of the same dataset:
	 * the counts are exact, the sums are added in another order than one pass would (the
	 * means agree to the last few bits of a double).
	 */
	public void merge(byte[] state) {
		ByteBuffer in = ByteBuffer.wrap(state);
		if (in.remaining() != this.indexes.length * 24) {
			throw new IllegalArgumentException("feature means of " + in.remaining() / 24 + " features, not "
					+ this.indexes.length + ": not of this dataset");
		}
		for (int i = 0; i < this.indexes.length; i++) {
			this.sums[i] += in.getDouble();
			this.counts[i] += in.getLong();
			this.missing[i] += in.getLong();
		}
	}

	/**
	 * One mean per numeric feature, in the dataset's order; {@code mean} is {@code null}
	 * when no value was seen.
	 */
	public List<Mean> means() {
		List<Mean> means = new ArrayList<>();
		for (int i = 0; i < this.indexes.length; i++) {
			means.add(new Mean(this.names.get(i), (this.counts[i] > 0) ? this.sums[i] / this.counts[i] : null,
					this.counts[i], this.missing[i]));
		}
		return means;
	}

	/** A feature's mean over the rows that had a value. */
	public record Mean(String feature, Double mean, long rows, long missing) {
	}

}
