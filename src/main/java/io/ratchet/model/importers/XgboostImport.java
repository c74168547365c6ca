package io.ratchet.model.importers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Task;
import io.ratchet.model.Link;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.TreeEnsemble;

/**
 * Converts an XGBoost JSON model ({@code Booster.save_model("m.json")}, XGBoost 1.6 to
 * 3.x) into a float32 {@link TreeEnsemble} that gives XGBoost's own bits:
 * <ul>
 * <li>inputs, thresholds and leaves are float32; a numeric node goes left when
 * {@code x < split_condition} (strict), a missing x goes left when
 * {@code default_left};</li>
 * <li>a categorical node ({@code split_type} 1) sends the category codes it lists RIGHT
 * and every other code LEFT; a code is the position of the level in
 * {@code gradient_booster.model.cats} (written since XGBoost 3.1); a missing or unseen
 * level follows {@code default_left} (XGBoost 3.4 refuses an unseen string; Ratchet
 * scores it as missing);</li>
 * <li>one-hot columns named {@code feature=level} read a categorical feature of the
 * dataset (1.0 for that level, 0.0 otherwise, never missing);</li>
 * <li>the margin starts from the base margin made from {@code base_score} (a string, bare
 * as XGBoost 2 writes it or a list {@code "[2.3E-1]"} as XGBoost 3.1+ does):
 * {@code -logf(1/b - 1)} in float32 for {@code binary:logistic}, {@code b} itself for the
 * regression objectives; leaves are added in float32 in tree order.</li>
 * </ul>
 * Refused, naming the file and the cause: multi-class and multi-target models, ranking
 * and other objectives, the DART and linear boosters, vector leaves, categorical features
 * without stored categories (XGBoost before 3.1), columns the dataset lacks.
 */
final class XgboostImport {

	private static final Set<String> LOGISTIC = Set.of("binary:logistic", "reg:logistic");

	private static final Set<String> IDENTITY = Set.of("reg:squarederror", "reg:linear", "reg:absoluteerror",
			"reg:pseudohubererror", "reg:quantileerror", "reg:squaredlogerror");

	private final Path file;

	private final List<Input> inputs = new ArrayList<>();

	private XgboostImport(Path file) {
		this.file = file;
	}

	/**
	 * Reads the model file.
	 * @throws ModelFileException naming the file (and where in it) when it cannot be read
	 * or is not supported
	 */
	static ImportedTrees read(Path file, byte[] bytes, DatasetConfig dataset) {
		return new XgboostImport(file).convert(JsonValue.parse(file, bytes), dataset);
	}

	private ImportedTrees convert(JsonValue root, DatasetConfig dataset) {
		JsonValue learner = root.get("learner");
		String version = root.optional("version")
			.map((v) -> v.items()
				.stream()
				.map((item) -> String.valueOf(item.integer()))
				.collect(Collectors.joining(".")))
			.orElse("unknown");
		JsonValue booster = learner.get("gradient_booster");
		String boosterName = booster.get("name").text();
		if ("dart".equals(boosterName)) {
			throw unsupported("the DART booster (its trees are weighted by dropout at prediction time)");
		}
		if (!"gbtree".equals(boosterName)) {
			throw unsupported("the booster \"" + boosterName + "\" (only gbtree, a sum of trees)");
		}
		String objective = learner.get("objective").get("name").text();
		Task task = task(objective);
		JsonValue parameters = learner.get("learner_model_param");
		if (count(parameters, "num_class") > 1) {
			throw unsupported("a multi-class model (num_class " + count(parameters, "num_class") + ")");
		}
		if (count(parameters, "num_target") > 1) {
			throw unsupported("a multi-target model (num_target " + count(parameters, "num_target") + ")");
		}
		JsonValue model = booster.get("model");
		readInputs(learner, model, dataset);
		float baseMargin = baseMargin(parameters.get("base_score"), task);
		List<JsonValue> trees = model.get("trees").items();
		for (JsonValue group : model.get("tree_info").items()) {
			if (group.integer() != 0) {
				throw unsupported("trees of more than one output group (" + group.path() + " is " + group.integer()
						+ ": a multi-class model)");
			}
		}
		List<TreeEnsemble.Tree> converted = new ArrayList<>();
		for (JsonValue tree : trees) {
			converted.add(new XgbTree(tree).convert());
		}
		TreeEnsemble ensemble = new TreeEnsemble((task == Task.BINARY) ? Link.LOGISTIC : Link.IDENTITY, baseMargin,
				converted, Map.of(), TreeEnsemble.Arithmetic.FLOAT32);
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("library", "xgboost " + version);
		source.put("objective", objective);
		source.put("base_score", parameters.get("base_score").text());
		source.put("trees", trees.size());
		return new ImportedTrees(ensemble, task, source);
	}

	private Task task(String objective) {
		if (LOGISTIC.contains(objective)) {
			return Task.BINARY;
		}
		if (IDENTITY.contains(objective)) {
			return Task.REGRESSION;
		}
		if (objective.startsWith("multi:")) {
			throw unsupported("the multi-class objective " + objective);
		}
		if (objective.startsWith("rank:")) {
			throw unsupported("the ranking objective " + objective);
		}
		throw unsupported("the objective " + objective + " (supported: " + String.join(", ", LOGISTIC) + ", "
				+ String.join(", ", IDENTITY) + ")");
	}

	/** Resolves every column of {@code learner.feature_names} against the dataset. */
	private void readInputs(JsonValue learner, JsonValue model, DatasetConfig dataset) {
		List<JsonValue> names = learner.optional("feature_names").map(JsonValue::items).orElse(List.of());
		if (names.isEmpty()) {
			throw new ModelFileException(this.file, 0,
					"learner.feature_names is missing or empty: Ratchet maps"
							+ " the model's columns to the dataset's features by name (train on a DataFrame, or set"
							+ " booster.feature_names before save_model)");
		}
		List<JsonValue> types = learner.optional("feature_types").map(JsonValue::items).orElse(List.of());
		List<JsonValue> encodings = model.optional("cats")
			.flatMap((cats) -> cats.optional("enc"))
			.map(JsonValue::items)
			.orElse(List.of());
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i).text();
			boolean categorical = i < types.size() && "c".equals(types.get(i).text());
			List<String> levels = null;
			if (categorical) {
				if (i >= encodings.size()) {
					throw unsupported("the categorical feature \"" + name + "\" without its categories (XGBoost"
							+ " stores them in gradient_booster.model.cats since 3.1; re-save the model with"
							+ " XGBoost 3.1 or later, or one-hot encode the feature)");
				}
				levels = categories(encodings.get(i));
			}
			this.inputs.add(Input.resolve(this.file, name, categorical, levels, dataset));
		}
	}

	/**
	 * The levels of one feature of {@code cats.enc}, in code order: strings (UTF-8 bytes
	 * and offsets) or integers.
	 */
	private static List<String> categories(JsonValue encoding) {
		List<String> levels = new ArrayList<>();
		if (encoding.optional("offsets").isPresent()) {
			List<JsonValue> offsets = encoding.get("offsets").items();
			List<JsonValue> values = encoding.get("values").items();
			byte[] bytes = new byte[values.size()];
			for (int b = 0; b < bytes.length; b++) {
				// written as int8: a byte above 127 is negative
				bytes[b] = (byte) values.get(b).integer();
			}
			for (int c = 0; c + 1 < offsets.size(); c++) {
				int from = offsets.get(c).integer();
				int to = offsets.get(c + 1).integer();
				if (from < 0 || to < from || to > bytes.length) {
					throw encoding.error(
							"offsets " + from + ".." + to + " do not fit the " + bytes.length + " bytes of \"values\"");
				}
				levels.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));
			}
			return levels;
		}
		for (JsonValue value : encoding.get("values").items()) {
			levels.add(Long.toString(value.integer64()));
		}
		return levels;
	}

	private static int count(JsonValue parameters, String name) {
		return parameters.optional(name).map((value) -> {
			try {
				return Integer.parseInt(value.text());
			}
			catch (NumberFormatException ex) {
				throw value.error("expected a whole number, found \"" + value.text() + "\"");
			}
		}).orElse(1);
	}

	/**
	 * The base margin from {@code base_score} (a probability for the logistic
	 * objectives), computed in float32 as XGBoost does so that the float32 sums start
	 * from the same bits.
	 */
	private static float baseMargin(JsonValue baseScore, Task task) {
		String text = baseScore.text().strip();
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1).strip();
			if (text.contains(",")) {
				throw baseScore.error("one base score per target (" + baseScore.text() + "): a multi-target model is"
						+ " not supported");
			}
		}
		float b;
		try {
			b = Float.parseFloat(text);
		}
		catch (NumberFormatException ex) {
			throw baseScore.error("\"" + baseScore.text() + "\" is not a number");
		}
		if (!Float.isFinite(b)) {
			throw baseScore.error("\"" + baseScore.text() + "\" is not a finite number");
		}
		if (task == Task.REGRESSION) {
			return b;
		}
		if (!(b > 0 && b < 1)) {
			throw baseScore.error("a logistic model's base score is a probability strictly between 0 and 1, not " + b);
		}
		float odds = 1.0f / b - 1.0f;
		return -(float) StrictMath.log(odds); // StrictMath: the same bits on every JVM
	}

	private ModelFileException unsupported(String what) {
		return new ModelFileException(this.file, 0, "not supported: " + what);
	}

	/**
	 * One tree of {@code gradient_booster.model.trees}: parallel arrays indexed by node
	 * id, root 0.
	 */
	private final class XgbTree {

		private final JsonValue json;

		private final int[] left;

		private final int[] right;

		private final int[] feature;

		private final float[] condition;

		private final boolean[] defaultLeft;

		private final int[] splitType;

		/** Per categorical node: the codes that go right. */
		private final Map<Integer, Set<Integer>> categories = new HashMap<>();

		private final TreeWriter writer = new TreeWriter();

		XgbTree(JsonValue json) {
			this.json = json;
			JsonValue parameters = json.optional("tree_param").orElse(null);
			if (parameters != null && count(parameters, "size_leaf_vector") > 1) {
				throw unsupported("vector leaves (" + parameters.path() + ".size_leaf_vector "
						+ count(parameters, "size_leaf_vector") + ": a multi-target tree)");
			}
			this.left = ints(json.get("left_children"));
			int nodes = this.left.length;
			this.right = ints(sized(json.get("right_children"), nodes));
			this.feature = ints(sized(json.get("split_indices"), nodes));
			List<JsonValue> conditions = sized(json.get("split_conditions"), nodes);
			this.condition = new float[nodes];
			for (int n = 0; n < nodes; n++) {
				this.condition[n] = conditions.get(n).float32();
			}
			List<JsonValue> defaults = sized(json.get("default_left"), nodes);
			this.defaultLeft = new boolean[nodes];
			for (int n = 0; n < nodes; n++) {
				this.defaultLeft[n] = defaults.get(n).flag();
			}
			this.splitType = json.optional("split_type")
				.map((types) -> ints(sized(types, nodes)))
				.orElse(new int[nodes]);
			readCategories(json);
			if (nodes == 0) {
				throw json.error("a tree without nodes");
			}
		}

		private void readCategories(JsonValue json) {
			if (json.optional("categories_nodes").isEmpty()) {
				return;
			}
			int[] codes = ints(json.get("categories").items());
			int[] nodes = ints(json.get("categories_nodes").items());
			int[] segments = ints(sized(json.get("categories_segments"), nodes.length));
			int[] sizes = ints(sized(json.get("categories_sizes"), nodes.length));
			for (int k = 0; k < nodes.length; k++) {
				if (segments[k] < 0 || sizes[k] < 0 || segments[k] + sizes[k] > codes.length) {
					throw json.error("categories_segments[" + k + "] and categories_sizes[" + k + "] point outside"
							+ " \"categories\"");
				}
				Set<Integer> set = new HashSet<>();
				for (int c = segments[k]; c < segments[k] + sizes[k]; c++) {
					set.add(codes[c]);
				}
				this.categories.put(nodes[k], set);
			}
		}

		TreeEnsemble.Tree convert() {
			emit(0, 0);
			return this.writer.tree();
		}

		private int emit(int n, int depth) {
			if (n < 0 || n >= this.left.length) {
				throw this.json.error("refers to node " + n + ", which does not exist");
			}
			if (depth > this.left.length) {
				throw this.json.error("node " + n + " is its own ancestor (not a tree)");
			}
			if (this.left[n] == -1) {
				return this.writer.leaf(this.condition[n]);
			}
			if (this.feature[n] < 0 || this.feature[n] >= XgboostImport.this.inputs.size()) {
				throw this.json.error("node " + n + " splits on feature " + this.feature[n] + ", which the model does"
						+ " not have (it has " + XgboostImport.this.inputs.size() + ")");
			}
			Input input = XgboostImport.this.inputs.get(this.feature[n]);
			IntSupplier left = () -> emit(this.left[n], depth + 1);
			IntSupplier right = () -> emit(this.right[n], depth + 1);
			boolean missingLeft = this.defaultLeft[n];
			if (this.splitType[n] == 1) {
				if (!(input instanceof Input.Code code)) {
					throw this.json.error("node " + n + " is a categorical split on \"" + input.feature()
							+ "\", which the model reads as a number");
				}
				Set<Integer> goRight = this.categories.get(n);
				if (goRight == null) {
					throw this.json.error("categorical node " + n + " is not listed in categories_nodes");
				}
				Map<String, Boolean> goesLeft = new LinkedHashMap<>();
				for (int c = 0; c < code.levels().size(); c++) {
					goesLeft.put(code.levels().get(c), !goRight.contains(c));
				}
				return this.writer.levels(code.feature(), goesLeft, missingLeft, left, right);
			}
			float threshold = this.condition[n];
			if (input instanceof Input.Number number) {
				return this.writer.numeric(number.feature(), threshold, missingLeft, left, right);
			}
			if (input instanceof Input.Indicator indicator) {
				return this.writer.levels(indicator.feature(), Map.of(indicator.level(), 1.0f < threshold),
						0.0f < threshold, left, right);
			}
			throw this.json
				.error("node " + n + " is a numeric split on the categorical feature \"" + input.feature() + "\"");
		}

		private static List<JsonValue> sized(JsonValue array, int nodes) {
			List<JsonValue> items = array.items();
			if (items.size() != nodes) {
				throw array.error("has " + items.size() + " entries, left_children has " + nodes);
			}
			return items;
		}

		private static int[] ints(List<JsonValue> items) {
			int[] values = new int[items.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = items.get(i).integer();
			}
			return values;
		}

		private static int[] ints(JsonValue array) {
			return ints(array.items());
		}

	}

}
