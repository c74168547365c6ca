package io.ratchet.drift;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;

/**
 * The values of every feature of a dataset over some rows (a reference or a window), kept
 * for {@link Drift}: a {@link NumericSample} per numeric feature and {@link LevelCounts}
 * per categorical one. Memory: at most {@code capacity} doubles per numeric feature, one
 * counter per level. Not thread-safe.
 */
public final class DatasetProfile {

	private final List<Feature> features;

	private final NumericSample[] numbers;

	private final LevelCounts[] levels;

	private long rows;

	/**
	 * @param dataset the dataset (its features, in order)
	 * @param capacity the most values kept per numeric feature (see
	 * {@link NumericSample})
	 * @param seed the seed of the reservoir sampling
	 */
	public DatasetProfile(DatasetConfig dataset, int capacity, long seed) {
		this.features = dataset.features();
		this.numbers = new NumericSample[this.features.size()];
		this.levels = new LevelCounts[this.features.size()];
		for (int i = 0; i < this.features.size(); i++) {
			if (this.features.get(i).type() == FeatureType.NUMERIC) {
				this.numbers[i] = new NumericSample(capacity, seed + i);
			}
			else {
				this.levels[i] = new LevelCounts();
			}
		}
	}

	/** Adds a row's feature values. */
	public void add(Row row) {
		this.rows++;
		for (int i = 0; i < this.numbers.length; i++) {
			if (this.numbers[i] != null) {
				this.numbers[i].add(row.numbers()[i]);
			}
			else {
				this.levels[i].add(row.levels()[i]);
			}
		}
	}

	/** Rows added. */
	public long rows() {
		return this.rows;
	}

	/**
	 * The drift of every feature, in the dataset's feature order, of this window against
	 * a reference.
	 */
	public List<DriftResult> compare(DatasetProfile reference, int bins) {
		List<DriftResult> results = new ArrayList<>();
		for (int i = 0; i < this.features.size(); i++) {
			String name = this.features.get(i).name();
			results.add((this.numbers[i] != null) ? Drift.numeric(name, reference.numbers[i], this.numbers[i], bins)
					: Drift.categorical(name, reference.levels[i], this.levels[i]));
		}
		return results;
	}

}
