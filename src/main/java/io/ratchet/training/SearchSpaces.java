package io.ratchet.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.ratchet.config.ConfigException;
import io.ratchet.config.ConfigFormat;
import io.ratchet.config.ConfigNode;
import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigNode.Scalar;
import io.ratchet.config.ConfigNode.Sequence;
import io.ratchet.config.ConfigTree;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Feature;

/**
 * Reads search spaces, {@code config/search/<dataset>.yml}, strictly: every problem (YAML
 * syntax, unknown, duplicate or missing key, a value of the wrong shape, an unknown
 * feature, an algorithm that does not fit the dataset's task, a penalty or window that is
 * not above 0, an empty space) is a {@link SearchSpaceException} naming the file and
 * line. <pre>
 * algorithm: logistic            # logistic (binary datasets) | ridge (regression datasets)
 * penalty: [0.1, 1, 10]          # C (logistic) or alpha (ridge); one value or a list
 * features:                      # named subsets: "all" or a list of the dataset's features
 *   all: all
 *   no-region: [tenure_months, monthly_charges]
 * window-months: [6, 12]         # training-window lengths; one value or a list
 * evaluation-months: 2           # months at the end kept for evaluation
 * search: grid                   # grid (default) | random
 * samples: 8                     # random only: combinations drawn
 * seed: 7                        # random only: seed of the draw (default 1)
 * tune-threshold: f1             # binary only: tune each candidate's threshold on its window (f1 | accuracy)
 * </pre>
 */
public final class SearchSpaces {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private static final List<String> KEYS = List.of("algorithm", "penalty", "features", "window-months",
			"evaluation-months", "search", "samples", "seed", "tune-threshold");

	private SearchSpaces() {
	}

	/**
	 * The file of a dataset's search space, {@code <configDir>/search/<dataset>.yml}
	 * (which may not exist).
	 */
	public static Path fileOf(Path configDir, String dataset) {
		if (dataset == null || !NAME.matcher(dataset).matches()) {
			throw new IllegalArgumentException("invalid dataset name \"" + dataset + "\"");
		}
		return configDir.resolve("search").resolve(dataset + ".yml");
	}

	/**
	 * Loads {@code <configDir>/search/<dataset>.yml}, checked against
	 * {@code <configDir>/datasets/<dataset>.yml}.
	 * @throws SearchSpaceException naming the file and line of the first problem (or the
	 * missing file)
	 * @throws io.ratchet.data.DataFileException when the dataset's own configuration is
	 * missing or bad
	 */
	public static SearchSpace load(Path configDir, String dataset) {
		DatasetConfig config = DatasetConfigs.load(configDir, dataset);
		return load(fileOf(configDir, dataset), config);
	}

	/**
	 * Loads a search-space file for a dataset.
	 * @throws SearchSpaceException naming the file and line of the first problem
	 */
	public static SearchSpace load(Path file, DatasetConfig dataset) {
		if (!Files.exists(file)) {
			throw new SearchSpaceException(file, 0, "file not found: dataset \"" + dataset.name()
					+ "\" has no search space (write one: see io/ratchet/training/README.md)");
		}
		try {
			ConfigNode root = ConfigTree.read(file, ConfigFormat.YAML)
				.orElseThrow(() -> new ConfigException(file, 0, "empty file: the search space is empty"));
			return new Binder(file, dataset).space(root);
		}
		catch (ConfigException ex) {
			throw new SearchSpaceException(ex.file(), ex.line(), ex.reason(), ex);
		}
	}

	/** Binds the tree to a {@link SearchSpace}, checking every key. */
	private static final class Binder {

		private final Path file;

		private final DatasetConfig dataset;

		Binder(Path file, DatasetConfig dataset) {
			this.file = file;
			this.dataset = dataset;
		}

		SearchSpace space(ConfigNode root) {
			Mapping mapping = root.mapping("a mapping of keys (" + String.join(", ", KEYS) + ")");
			mapping.allowOnly("", KEYS.toArray(String[]::new));
			Field algorithmField = mapping.required("", "algorithm");
			Algorithm algorithm;
			try {
				algorithm = Algorithm.parse(algorithmField.text("algorithm"));
			}
			catch (IllegalArgumentException ex) {
				throw error(algorithmField.line(), "algorithm: " + ex.getMessage());
			}
			if (algorithm.task() != this.dataset.task()) {
				throw error(algorithmField.line(),
						"algorithm " + algorithm.key() + " fits " + algorithm.task().key() + " datasets, but dataset \""
								+ this.dataset.name() + "\" is " + this.dataset.task().key() + " (use "
								+ ((this.dataset.task() == io.ratchet.data.Task.BINARY) ? "logistic" : "ridge") + ")");
			}
			List<Double> penalties = new ArrayList<>();
			for (Scalar value : values(mapping.required("", "penalty"), "penalty")) {
				double penalty = number(value, "penalty (" + algorithm.penaltyName() + ")");
				if (!(penalty > 0) || Double.isInfinite(penalty)) {
					throw error(value.line(), "penalty (" + algorithm.penaltyName() + ") must be a finite number"
							+ " above 0, not " + value.text());
				}
				if (penalties.contains(penalty)) {
					throw error(value.line(), "penalty " + value.text() + " is listed twice");
				}
				penalties.add(penalty);
			}
			Map<String, List<String>> featureSets = featureSets(mapping.required("", "features"));
			List<Integer> windows = new ArrayList<>();
			for (Scalar value : values(mapping.required("", "window-months"), "window-months")) {
				int months = positiveInteger(value, "window-months");
				if (windows.contains(months)) {
					throw error(value.line(), "window-months " + months + " is listed twice");
				}
				windows.add(months);
			}
			Field evaluationField = mapping.required("", "evaluation-months");
			int evaluation = positiveInteger(evaluationField.scalar("evaluation-months"), "evaluation-months");
			SearchSpace.Search search = SearchSpace.Search.GRID;
			Field searchField = mapping.get("search");
			if (searchField != null) {
				String searchText = searchField.text("search").trim().toLowerCase(Locale.ROOT);
				search = switch (searchText) {
					case "grid" -> SearchSpace.Search.GRID;
					case "random" -> SearchSpace.Search.RANDOM;
					default -> throw error(searchField.line(),
							"search must be grid or random, not \"" + searchField.text("search") + "\"");
				};
			}
			Field samplesField = mapping.get("samples");
			Field seedField = mapping.get("seed");
			int samples = 0;
			long seed = 1;
			if (search == SearchSpace.Search.GRID) {
				for (Field randomOnly : new Field[] { samplesField, seedField }) {
					if (randomOnly != null) {
						throw error(randomOnly.line(), "\"" + randomOnly.key() + "\" is for search: random only"
								+ " (a grid search tries every combination)");
					}
				}
			}
			else {
				samples = positiveInteger(mapping.required("", "samples").scalar("samples"), "samples");
				if (seedField != null) {
					try {
						seed = Long.parseLong(seedField.text("seed").trim());
					}
					catch (NumberFormatException ex) {
						throw error(seedField.line(),
								"seed must be a whole number, not \"" + seedField.text("seed") + "\"");
					}
				}
			}
			return new SearchSpace(this.dataset.name(), this.file, algorithm, penalties, featureSets, windows,
					evaluation, search, samples, seed, tuneThreshold(mapping.get("tune-threshold")));
		}

		private String tuneThreshold(Field field) {
			if (field == null) {
				return null;
			}
			if (this.dataset.task() != io.ratchet.data.Task.BINARY) {
				throw error(field.line(), "tune-threshold: a decision threshold belongs to binary datasets only, and"
						+ " dataset \"" + this.dataset.name() + "\" is " + this.dataset.task().key());
			}
			String key = field.text("tune-threshold").trim();
			try {
				ThresholdObjective.forKey(key, this.dataset.valueMatrix());
			}
			catch (IllegalArgumentException ex) {
				throw error(field.line(), "tune-threshold: " + ex.getMessage());
			}
			return key;
		}

		private Map<String, List<String>> featureSets(Field field) {
			if (!(field.value() instanceof Mapping sets)) {
				throw error(field.line(), "features: expected named feature sets, e.g. {all: all, no-region: [a, b]}");
			}
			if (sets.fields().isEmpty()) {
				throw error(field.line(), "features: no feature set: the search space is empty");
			}
			List<String> all = this.dataset.features().stream().map(Feature::name).toList();
			Map<String, List<String>> result = new LinkedHashMap<>();
			for (Field set : sets.fields().values()) {
				if (!NAME.matcher(set.key()).matches()) {
					throw error(set.line(), "feature set name \"" + set.key() + "\" is not valid (letters, digits, '.',"
							+ " '_' and '-')");
				}
				if (set.value() instanceof Scalar scalar && "all".equals(scalar.text())) {
					result.put(set.key(), all);
					continue;
				}
				if (!(set.value() instanceof Sequence sequence)) {
					throw error(set.line(), "features." + set.key() + ": expected \"all\" or a list of features");
				}
				if (sequence.items().isEmpty()) {
					throw error(set.line(), "features." + set.key() + ": the list is empty (a model needs a feature)");
				}
				Set<String> names = new LinkedHashSet<>();
				for (ConfigNode item : sequence.items()) {
					if (!(item instanceof Scalar scalar) || scalar.isNull()) {
						throw error(item.line(), "features." + set.key() + ": expected a list of feature names");
					}
					if (!all.contains(scalar.text())) {
						throw error(item.line(), "features." + set.key() + ": unknown feature \"" + scalar.text()
								+ "\" (dataset \"" + this.dataset.name() + "\" has " + String.join(", ", all) + ")");
					}
					if (!names.add(scalar.text())) {
						throw error(item.line(),
								"features." + set.key() + ": \"" + scalar.text() + "\" is listed twice");
					}
				}
				result.put(set.key(), List.copyOf(names));
			}
			return result;
		}

		/**
		 * A single value, or every value of a list; an empty list is an empty search
		 * space.
		 */
		private List<Scalar> values(Field field, String what) {
			if (field.value() instanceof Scalar scalar) {
				return List.of(scalar);
			}
			if (!(field.value() instanceof Sequence sequence)) {
				throw error(field.line(), what + ": expected a value or a list of values");
			}
			if (sequence.items().isEmpty()) {
				throw error(field.line(), what + ": the list is empty: the search space is empty");
			}
			List<Scalar> values = new ArrayList<>();
			for (ConfigNode item : sequence.items()) {
				if (!(item instanceof Scalar scalar) || scalar.isNull()) {
					throw error(item.line(), what + ": expected a list of values");
				}
				values.add(scalar);
			}
			return values;
		}

		private double number(Scalar value, String what) {
			try {
				return Double.parseDouble(value.text().trim());
			}
			catch (NumberFormatException ex) {
				throw error(value.line(), what + " must be a number, not \"" + value.text() + "\"");
			}
		}

		private int positiveInteger(Scalar value, String what) {
			int number;
			try {
				number = Integer.parseInt(value.text().trim());
			}
			catch (NumberFormatException ex) {
				throw error(value.line(), what + " must be a whole number above 0, not \"" + value.text() + "\"");
			}
			if (number <= 0) {
				throw error(value.line(), what + " must be a whole number above 0, not " + number);
			}
			return number;
		}

		private ConfigException error(int line, String message) {
			return new ConfigException(this.file, line, message);
		}

	}

}
