package io.ratchet.model.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Task;
import io.ratchet.model.Float32Thresholds;
import io.ratchet.model.Link;
import io.ratchet.model.ModelDefinition;
import io.ratchet.model.MulticlassTrees;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.TreeEnsemble;

/**
 * Converts a scikit-learn tree ensemble dumped as {@value #FORMAT} JSON (by
 * {@code src/main/python/export_sklearn_trees.py}: GradientBoosting, RandomForest,
 * ExtraTrees and HistGradientBoosting, classifier or regressor) into a float64
 * {@link TreeEnsemble}:
 * <ul>
 * <li>a numeric node goes left when {@code x <= threshold}; when
 * {@code input.cast_to_float32_before_split} (GradientBoosting, forests) x is cast to
 * float32 first; both become an exact Ratchet {@code x < t}
 * ({@link Float32Thresholds#atMost});</li>
 * <li>a missing x is replaced by {@code preprocessing.impute_missing_with[feature]} when
 * the dump has it (the pipeline's imputer), so it goes where that value goes; otherwise
 * it goes left when {@code missing_go_left};</li>
 * <li>a categorical node ({@code left_categories} not null, HistGradientBoosting with
 * native categories) sends left the codes it lists; a code is the position of the level
 * in {@code categorical_codes[feature]}; a missing or unseen level goes left when
 * {@code missing_go_left};</li>
 * <li>{@code aggregation.type} {@code sum}: {@code init + learning_rate * sum of leaves}
 * (each leaf multiplied by the learning rate, as scikit-learn adds
 * {@code learning_rate * leaf} tree by tree), through the logistic link for a binary
 * model; {@code mean}: the average of the leaves, which for a binary model is the
 * probability itself.</li>
 * </ul>
 * A multiclass dump (task {@code multiclass}, {@code classes}) becomes a
 * {@link MulticlassTrees}: see {@link #multiclass}. Refused, naming the file and the
 * cause: another format, an unknown aggregation, columns the dataset lacks.
 */
final class SklearnTreesImport {

	static final String FORMAT = "zoo-tree-ensemble/1";

	private final Path file;

	private final List<Input> inputs = new ArrayList<>();

	private final Map<String, Double> imputed = new LinkedHashMap<>();

	private boolean float32;

	private SklearnTreesImport(Path file) {
		this.file = file;
	}

	/**
	 * Reads the dump.
	 * @throws ModelFileException naming the file (and where in it) when it cannot be read
	 * or is not supported
	 */
	static ImportedTrees read(Path file, byte[] bytes, DatasetConfig dataset) {
		return new SklearnTreesImport(file).convert(JsonValue.parse(file, bytes), dataset);
	}

	private ImportedTrees convert(JsonValue root, DatasetConfig dataset) {
		JsonValue format = root.get("format");
		if (!FORMAT.equals(format.text())) {
			throw format.error("unsupported format \"" + format.text() + "\" (expected \"" + FORMAT + "\")");
		}
		JsonValue taskJson = root.get("task");
		Task task = switch (taskJson.text()) {
			case "binary" -> Task.BINARY;
			case "regression" -> Task.REGRESSION;
			case "multiclass" -> Task.MULTICLASS;
			default -> throw taskJson.error(
					"not supported: task \"" + taskJson.text() + "\" (expected binary," + " regression or multiclass)");
		};
		readInputs(root, dataset);
		JsonValue aggregation = root.get("aggregation");
		String type = aggregation.get("type").text();
		List<JsonValue> treesJson = root.get("trees").items();
		// each leaf's factor: the learning rate of a sum, NaN for a mean (divide by the
		// tree count)
		double factor;
		if (type.equals("sum")) {
			factor = aggregation.optional("learning_rate").map(JsonValue::number).orElse(1.0);
		}
		else if (type.equals("mean")) {
			factor = Double.NaN;
		}
		else {
			throw aggregation.get("type").error("not supported: aggregation \"" + type + "\" (expected sum or mean)");
		}
		ModelDefinition model;
		if (task == Task.MULTICLASS) {
			model = multiclass(root, aggregation, treesJson, factor);
		}
		else {
			List<TreeEnsemble.Tree> trees = new ArrayList<>();
			for (JsonValue tree : treesJson) {
				trees.add(new SkTree(tree, factor, treesJson.size(), -1).convert());
			}
			Link link = (Double.isNaN(factor) || task != Task.BINARY) ? Link.IDENTITY : Link.LOGISTIC;
			model = new TreeEnsemble(link, aggregation.get("init").number(), trees, Map.of());
		}
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("library", root.optional("library").map(JsonValue::text).orElse("scikit-learn"));
		source.put("estimator", root.optional("estimator").map(JsonValue::text).orElse("unknown"));
		source.put("objective", root.optional("estimator").map(JsonValue::text).orElse(type) + " (" + task.key() + ")");
		source.put("trees", treesJson.size());
		return new ImportedTrees(model, task, source);
	}

	/**
	 * A multiclass dump: {@code classes} in the order of {@code predict_proba}'s columns.
	 * A sum (gradient boosting, k trees per stage) has one {@code init} per class and
	 * each tree names its {@code class} (an index): class c's sum is its init plus its
	 * trees' leaves times the learning rate, in stage order, the probabilities their
	 * softmax. A mean (a forest) has per leaf one fraction per class in {@code value}:
	 * class c's sum is the average of its fractions over the trees (identity link).
	 */
	private MulticlassTrees multiclass(JsonValue root, JsonValue aggregation, List<JsonValue> treesJson,
			double factor) {
		List<String> classes = new ArrayList<>();
		root.get("classes").items().forEach((name) -> classes.add(name.text()));
		int k = classes.size();
		List<List<TreeEnsemble.Tree>> perClass = new ArrayList<>();
		for (int c = 0; c < k; c++) {
			perClass.add(new ArrayList<>());
		}
		double[] bases = new double[k];
		if (Double.isNaN(factor)) {
			for (int c = 0; c < k; c++) {
				for (JsonValue tree : treesJson) {
					perClass.get(c).add(new SkTree(tree, factor, treesJson.size(), c).convert());
				}
			}
		}
		else {
			List<JsonValue> init = aggregation.get("init").items();
			if (init.size() != k) {
				throw aggregation.get("init").error("has " + init.size() + " values for " + k + " classes");
			}
			for (int c = 0; c < k; c++) {
				bases[c] = init.get(c).number();
			}
			for (JsonValue tree : treesJson) {
				JsonValue index = tree.get("class");
				int c = index.integer();
				if (c < 0 || c >= k) {
					throw index.error("class " + c + " is not one of the " + k + " classes (0 to " + (k - 1) + ")");
				}
				perClass.get(c).add(new SkTree(tree, factor, treesJson.size(), -1).convert());
			}
		}
		List<TreeEnsemble> sums = new ArrayList<>();
		for (int c = 0; c < k; c++) {
			sums.add(new TreeEnsemble(Link.IDENTITY, bases[c], perClass.get(c), Map.of()));
		}
		return new MulticlassTrees(classes, Double.isNaN(factor) ? Link.IDENTITY : Link.SOFTMAX, sums, Map.of());
	}

	private void readInputs(JsonValue root, DatasetConfig dataset) {
		JsonValue input = root.get("input");
		this.float32 = input.optional("cast_to_float32_before_split").map(JsonValue::flag).orElse(false);
		Map<String, List<String>> codes = new LinkedHashMap<>();
		root.optional("categorical_codes").ifPresent((all) -> all.node().propertyNames().forEach((feature) -> {
			List<String> levels = new ArrayList<>();
			all.get(feature).items().forEach((level) -> levels.add(level.text()));
			codes.put(feature, levels);
		}));
		root.optional("preprocessing")
			.flatMap((pre) -> pre.optional("impute_missing_with"))
			.ifPresent((impute) -> impute.node()
				.propertyNames()
				.forEach((feature) -> this.imputed.put(feature, impute.get(feature).number())));
		for (JsonValue column : input.get("features").items()) {
			String name = column.text();
			this.inputs.add(Input.resolve(this.file, name, codes.containsKey(name), codes.get(name), dataset));
		}
	}

	/**
	 * {@code x <= threshold} (after the float32 cast when the dump says so) as Ratchet's
	 * {@code x < t}.
	 */
	private double lessThan(double threshold) {
		return this.float32 ? Float32Thresholds.atMost(threshold) : Math.nextUp(threshold);
	}

	/** One tree: parallel arrays indexed by node id, root 0; a leaf has feature -1. */
	private final class SkTree {

		private final JsonValue json;

		private final List<JsonValue> feature;

		private final List<JsonValue> threshold;

		private final List<JsonValue> left;

		private final List<JsonValue> right;

		private final List<JsonValue> value;

		private final List<JsonValue> missingLeft;

		private final List<JsonValue> leftCategories;

		/** The learning rate of a sum, NaN for a mean. */
		private final double factor;

		private final int trees;

		/**
		 * For a forest's multiclass leaves: the class whose fraction is read; else -1.
		 */
		private final int classIndex;

		private final TreeWriter writer = new TreeWriter();

		SkTree(JsonValue json, double factor, int trees, int classIndex) {
			this.json = json;
			this.feature = json.get("feature").items();
			this.threshold = sized("threshold");
			this.left = sized("left");
			this.right = sized("right");
			this.value = sized("value");
			this.missingLeft = sized("missing_go_left");
			this.leftCategories = json.optional("left_categories").isPresent() ? sized("left_categories") : null;
			this.factor = factor;
			this.trees = trees;
			this.classIndex = classIndex;
			if (this.feature.isEmpty()) {
				throw json.error("a tree without nodes");
			}
		}

		TreeEnsemble.Tree convert() {
			emit(0, 0);
			return this.writer.tree();
		}

		private int emit(int n, int depth) {
			if (n < 0 || n >= this.feature.size() || depth > this.feature.size()) {
				throw this.json.error("node " + n + " does not exist or is its own ancestor (not a tree)");
			}
			int column = this.feature.get(n).integer();
			if (column < 0) {
				JsonValue value = this.value.get(n);
				double leaf = (this.classIndex < 0) ? value.number() : value.items().get(this.classIndex).number();
				return this.writer.leaf(Double.isNaN(this.factor) ? leaf / this.trees : this.factor * leaf);
			}
			if (column >= SklearnTreesImport.this.inputs.size()) {
				throw this.feature.get(n)
					.error("node " + n + " splits on column " + column + ", which the dump does" + " not have");
			}
			Input input = SklearnTreesImport.this.inputs.get(column);
			int leftChild = this.left.get(n).integer();
			int rightChild = this.right.get(n).integer();
			IntSupplier toLeft = () -> emit(leftChild, depth + 1);
			IntSupplier toRight = () -> emit(rightChild, depth + 1);
			boolean missing = this.missingLeft.get(n).flag();
			JsonValue categories = (this.leftCategories != null) ? this.leftCategories.get(n) : null;
			if (categories != null && !categories.isNull()) {
				if (!(input instanceof Input.Code code)) {
					throw categories.error("a categorical split on \"" + input.feature() + "\", which the dump"
							+ " gives as a number (no categorical_codes for it)");
				}
				Set<Integer> listed = new HashSet<>();
				categories.items().forEach((item) -> listed.add(item.integer()));
				Map<String, Boolean> goesLeft = new LinkedHashMap<>();
				for (int c = 0; c < code.levels().size(); c++) {
					goesLeft.put(code.levels().get(c), listed.contains(c));
				}
				return this.writer.levels(code.feature(), goesLeft, missing, toLeft, toRight);
			}
			double t = lessThan(this.threshold.get(n).number());
			if (input instanceof Input.Number number) {
				Double fill = SklearnTreesImport.this.imputed.get(number.feature());
				boolean missingGoesLeft = (fill != null) ? fill < t : missing;
				return this.writer.numeric(number.feature(), t, missingGoesLeft, toLeft, toRight);
			}
			if (input instanceof Input.Indicator indicator) {
				return this.writer.levels(indicator.feature(), Map.of(indicator.level(), 1.0 < t), 0.0 < t, toLeft,
						toRight);
			}
			throw this.threshold.get(n).error("a numeric split on the categorical feature \"" + input.feature() + "\"");
		}

		private List<JsonValue> sized(String key) {
			List<JsonValue> items = this.json.get(key).items();
			if (items.size() != this.feature.size()) {
				throw this.json.get(key)
					.error("has " + items.size() + " entries, \"feature\" has " + this.feature.size());
			}
			return items;
		}

	}

}
