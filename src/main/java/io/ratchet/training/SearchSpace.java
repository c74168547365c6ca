package io.ratchet.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A dataset's search space, as read from {@code config/search/<dataset>.yml} by
 * {@link SearchSpaces}: the algorithm, the penalties, named feature subsets and
 * training-window lengths to try, and how many months at the end of the data are kept for
 * evaluation (never trained on).
 *
 * @param dataset the dataset's name
 * @param source the file it was read from, or {@code null} when built in code
 * @param algorithm logistic (binary datasets) or ridge (regression datasets)
 * @param penalties {@code C} or {@code alpha} values, each above 0, no repeats
 * @param featureSets named feature lists, in file order, each resolved against the
 * dataset
 * @param windowMonths training-window lengths in months, each above 0, no repeats
 * @param evaluationMonths the months at the end of the data that candidates are evaluated
 * on, above 0
 * @param search grid (every combination) or random (a seeded sample of them)
 * @param samples for random search: how many combinations to draw (all of them when there
 * are fewer)
 * @param seed for random search: the seed of the draw
 * @param tuneThreshold the key of the {@link ThresholdObjective} each candidate's
 * decision threshold is tuned for on its training window, or {@code null} for no tuning
 * (the configured default threshold applies)
 */
public record SearchSpace(String dataset, Path source, Algorithm algorithm, List<Double> penalties,
		Map<String, List<String>> featureSets, List<Integer> windowMonths, int evaluationMonths, Search search,
		int samples, long seed, String tuneThreshold) {

	/** How the combinations are chosen. */
	public enum Search {

		/** Every combination. */
		GRID,

		/**
		 * {@code samples} combinations drawn without replacement with
		 * {@code java.util.Random(seed)}.
		 */
		RANDOM

	}

	public SearchSpace {
		penalties = List.copyOf(penalties);
		windowMonths = List.copyOf(windowMonths);
		Map<String, List<String>> sets = new LinkedHashMap<>();
		featureSets.forEach((name, features) -> sets.put(name, List.copyOf(features)));
		featureSets = Collections.unmodifiableMap(sets);
		if (penalties.isEmpty() || featureSets.isEmpty() || windowMonths.isEmpty()) {
			throw new IllegalArgumentException("the search space is empty: it needs at least one penalty, one feature"
					+ " set and one window length");
		}
	}

	/**
	 * The candidates to train: the whole grid (feature sets, then window lengths, then
	 * penalties, each in file order) or, for a random search, {@code samples} of its
	 * combinations drawn with the seed, kept in grid order. The same file gives the same
	 * list on any JVM.
	 */
	public List<TrainingSpec> specs() {
		List<TrainingSpec> grid = new ArrayList<>();
		this.featureSets.forEach((name, features) -> {
			for (int window : this.windowMonths) {
				for (double penalty : this.penalties) {
					grid.add(new TrainingSpec(this.algorithm, penalty, name, features, window));
				}
			}
		});
		if (this.search == Search.GRID || this.samples >= grid.size()) {
			return List.copyOf(grid);
		}
		int[] order = new int[grid.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Random random = new Random(this.seed);
		for (int i = order.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		int[] chosen = java.util.Arrays.copyOf(order, this.samples);
		java.util.Arrays.sort(chosen);
		List<TrainingSpec> sample = new ArrayList<>();
		for (int index : chosen) {
			sample.add(grid.get(index));
		}
		return List.copyOf(sample);
	}

}
