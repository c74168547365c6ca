package io.ratchet.nowtest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;

/**
 * The levels each categorical feature took over the drift reference, to tell the window's
 * rows with a level never seen there. Memory: one set of levels per categorical feature.
 */
final class KnownLevels {

	private final DatasetConfig dataset;

	private final List<Set<String>> levels = new ArrayList<>();

	private long rows;

	KnownLevels(DatasetConfig dataset) {
		this.dataset = dataset;
		dataset.features()
			.forEach((feature) -> this.levels
				.add((feature.type() == FeatureType.CATEGORICAL) ? new HashSet<>() : Set.of()));
	}

	/** Adds a reference row's levels. */
	void add(Row row) {
		this.rows++;
		for (int i = 0; i < this.levels.size(); i++) {
			String level = row.levels()[i];
			if (level != null && this.dataset.features().get(i).type() == FeatureType.CATEGORICAL) {
				this.levels.get(i).add(level);
			}
		}
	}

	/** Whether any reference row was added (without one, no level is known). */
	boolean any() {
		return this.rows > 0;
	}

	/**
	 * A window row's levels the reference never had, as {@code feature=level} in feature
	 * order (a missing value is not unseen).
	 */
	List<String> unseen(Row row) {
		List<String> unseen = new ArrayList<>();
		for (int i = 0; i < this.levels.size(); i++) {
			String level = row.levels()[i];
			if (level != null && this.dataset.features().get(i).type() == FeatureType.CATEGORICAL
					&& !this.levels.get(i).contains(level)) {
				unseen.add(this.dataset.features().get(i).name() + "=" + level);
			}
		}
		return unseen;
	}

}
