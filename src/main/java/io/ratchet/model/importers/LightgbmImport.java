package io.ratchet.model.importers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntSupplier;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Task;
import io.ratchet.model.Link;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.TreeEnsemble;

/**
 * Converts a LightGBM text model ({@code Booster.save_model("m.txt")}, format v2 to v4) into a float64
 * {@link TreeEnsemble}, LightGBM working in double throughout:
 * <ul>
 * <li>a numeric node goes left when {@code x <= threshold}; {@code decision_type} bit 2 is "default left" and bits
 * 2-3 the missing type: NaN (a missing x goes the default way), Zero (a missing x and any x with
 * {@code |x| <= 1e-35f} go the default way; where that is not one interval of the split, the split becomes a few
 * Ratchet splits and a child subtree is copied) or None (a missing x is scored as 0.0);</li>
 * <li>a categorical node ({@code decision_type} bit 1) sends LEFT the codes set in its {@code cat_threshold} bitset
 * ({@code cat_boundaries} delimits each node's words) and everything else RIGHT, a missing or unseen level included;
 * a code is the position of the level in the {@code pandas_categorical} line (lists sorted as strings, so "2" comes
 * after "19"), or the level read as an integer when the model was trained without pandas categories;</li>
 * <li>the prediction is {@code sigmoid(k * sum)} for {@code binary sigmoid:k} and {@code cross_entropy}, the sum
 * itself for the regression objectives; leaf values already include the shrinkage and the initial score. A forest
 * ({@code average_output}) divides each leaf by the number of trees.</li>
 * </ul>
 * Refused, naming the file (and line) and the cause: multi-class, ranking and exponential-link objectives,
 * {@code reg_sqrt}, linear trees, columns the dataset lacks. A file that ends before {@code end of trees} is reported
 * as truncated.
 */
final class LightgbmImport {

	/** LightGBM's {@code kZeroThreshold}, a float: {@code |x| <= 1e-35f} is zero for the missing type Zero. */
	static final double ZERO = 1e-35f;

	private static final int MISSING_NONE = 0;

	private static final int MISSING_ZERO = 1;

	private static final int MISSING_NAN = 2;

	private final Path file;

	private final List<Input> inputs = new ArrayList<>();

	private LightgbmImport(Path file) {
		this.file = file;
	}

	/**
	 * Reads the model file.
	 * @throws ModelFileException naming the file and the line when it cannot be read or is not supported
	 */
	static ImportedTrees read(Path file, byte[] bytes, DatasetConfig dataset) {
		return new LightgbmImport(file).convert(new String(bytes, StandardCharsets.UTF_8), dataset);
	}

	/** A {@code key=value} line of the file. */
	private record Field(String value, int line) {
	}

	private ImportedTrees convert(String text, DatasetConfig dataset) {
		List<String> lines = text.lines().toList();
		if (lines.isEmpty() || !lines.get(0).strip().equals("tree")) {
			throw new ModelFileException(this.file, 1, "not a LightGBM text model (its first line is \"tree\")");
		}
		int i = 1;
		Map<String, Field> header = new LinkedHashMap<>();
		for (; i < lines.size() && !lines.get(i).startsWith("Tree="); i++) {
			put(header, lines.get(i), i + 1);
		}
		List<Map<String, Field>> trees = new ArrayList<>();
		List<Integer> treeLines = new ArrayList<>();
		boolean ended = false;
		for (; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("Tree=")) {
				trees.add(new LinkedHashMap<>());
				treeLines.add(i + 1);
			}
			else if (line.strip().equals("end of trees")) {
				ended = true;
				break;
			}
			else if (!line.isBlank()) {
				put(trees.get(trees.size() - 1), line, i + 1);
			}
		}
		if (!ended) {
			throw new ModelFileException(this.file, lines.size(), "the file ends before \"end of trees\" (is it"
					+ " truncated?)");
		}
		Map<String, Field> parameters = new LinkedHashMap<>();
		Field pandas = null;
		for (i++; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.startsWith("[") && line.endsWith("]") && line.contains(": ")) {
				int colon = line.indexOf(": ");
				parameters.put(line.substring(1, colon), new Field(line.substring(colon + 2, line.length() - 1), i + 1));
			}
			else if (line.startsWith("pandas_categorical:")) {
				pandas = new Field(line.substring("pandas_categorical:".length()), i + 1);
			}
		}
		String objective = required(header, "objective", 1).value();
		for (String count : List.of("num_class", "num_tree_per_iteration")) {
			Field field = header.get(count);
			if (field != null && integer(field, count) != 1) {
				throw error(field.line(), "not supported: a multi-class model (" + count + "=" + field.value() + ")");
			}
		}
		Objective meaning = objective(objective, required(header, "objective", 1).line());
		Field sizes = header.get("tree_sizes");
		if (sizes != null && sizes.value().split(" ").length != trees.size()) {
			throw error(lines.size(), "the header announces " + sizes.value().split(" ").length + " trees (tree_sizes)"
					+ " but the file holds " + trees.size() + " (is it truncated?)");
		}
		readInputs(header, parameters, pandas, dataset);
		double scale = meaning.scale();
		if (header.containsKey("average_output")) {
			scale /= trees.size();
		}
		List<TreeEnsemble.Tree> converted = new ArrayList<>();
		for (int t = 0; t < trees.size(); t++) {
			converted.add(new LgbTree(trees.get(t), treeLines.get(t), scale).convert());
		}
		TreeEnsemble ensemble = new TreeEnsemble(meaning.task() == Task.BINARY ? Link.LOGISTIC : Link.IDENTITY, 0.0,
				converted, Map.of());
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("library", "lightgbm (model format " + header.getOrDefault("version", new Field("?", 0)).value()
				+ ")");
		source.put("objective", objective);
		source.put("trees", trees.size());
		if (header.containsKey("average_output")) {
			source.put("average_output", true);
		}
		return new ImportedTrees(ensemble, meaning.task(), source);
	}

	/** What an objective predicts and the factor of its raw score inside the link. */
	private record Objective(Task task, double scale) {
	}

	private Objective objective(String objective, int line) {
		String[] words = objective.split(" ");
		String name = words[0];
		for (String word : words) {
			if (word.equals("sqrt")) {
				throw error(line, "not supported: objective \"" + objective + "\" (reg_sqrt: the model predicts the"
						+ " square root of the label)");
			}
		}
		switch (name) {
			case "binary":
				double sigmoid = 1.0;
				for (String word : words) {
					if (word.startsWith("sigmoid:")) {
						sigmoid = number(new Field(word.substring("sigmoid:".length()), line), "sigmoid");
					}
				}
				return new Objective(Task.BINARY, sigmoid);
			case "cross_entropy", "xentropy":
				return new Objective(Task.BINARY, 1.0);
			case "regression", "regression_l2", "l2", "mean_squared_error", "mse", "regression_l1", "l1",
					"mean_absolute_error", "mae", "huber", "fair", "quantile", "mape", "mean_absolute_percentage_error":
				return new Objective(Task.REGRESSION, 1.0);
			case "multiclass", "softmax", "multiclassova", "multiclass_ova", "ova", "ovr":
				throw error(line, "not supported: the multi-class objective \"" + objective + "\"");
			case "lambdarank", "rank_xendcg", "xendcg", "xe_ndcg", "xe_ndcg_mart", "xendcg_mart":
				throw error(line, "not supported: the ranking objective \"" + objective + "\"");
			default:
				throw error(line, "not supported: the objective \"" + objective + "\" (supported: binary,"
						+ " cross_entropy and the regression objectives with an identity link)");
		}
	}

	/**
	 * Resolves the columns of {@code feature_names}. The categorical ones are those of the {@code categorical_feature}
	 * parameter (or, without it, those whose {@code feature_infos} lists categories); the {@code pandas_categorical}
	 * lists belong to them in column order.
	 */
	private void readInputs(Map<String, Field> header, Map<String, Field> parameters, Field pandas,
			DatasetConfig dataset) {
		Field namesField = required(header, "feature_names", 1);
		String[] names = namesField.value().split(" ");
		TreeSet<Integer> categorical = new TreeSet<>();
		Field declared = parameters.get("categorical_feature");
		if (declared != null && !declared.value().isBlank()) {
			for (String item : declared.value().split(",")) {
				String word = item.strip().replaceFirst("^name:", "");
				int index = List.of(names).indexOf(word);
				categorical.add((index >= 0) ? index : (int) integer(new Field(word, declared.line()),
						"categorical_feature"));
			}
		}
		else if (header.containsKey("feature_infos")) {
			String[] infos = header.get("feature_infos").value().split(" ");
			for (int f = 0; f < infos.length; f++) {
				if (!infos[f].startsWith("[") && !infos[f].equals("none")) {
					categorical.add(f);
				}
			}
		}
		List<List<String>> lists = categories(pandas);
		if (lists != null && lists.size() != categorical.size()) {
			throw error(pandas.line(), "pandas_categorical has " + lists.size() + " lists but the model has "
					+ categorical.size() + " categorical features " + categorical + ": cannot tell which list is whose");
		}
		int next = 0;
		for (int f = 0; f < names.length; f++) {
			boolean isCategorical = categorical.contains(f);
			List<String> levels = (isCategorical && lists != null) ? lists.get(next++) : null;
			this.inputs.add(Input.resolve(this.file, names[f], isCategorical, levels, dataset));
		}
	}

	/** The lists of the {@code pandas_categorical} line, or {@code null} when there is none (or it is null). */
	private List<List<String>> categories(Field pandas) {
		if (pandas == null || pandas.value().strip().equals("null")) {
			return null;
		}
		JsonValue json;
		try {
			json = JsonValue.parse(this.file, pandas.value().getBytes(StandardCharsets.UTF_8));
		}
		catch (ModelFileException ex) {
			throw error(pandas.line(), "pandas_categorical: " + ex.reason());
		}
		List<List<String>> lists = new ArrayList<>();
		for (JsonValue list : json.items()) {
			List<String> levels = new ArrayList<>();
			for (JsonValue level : list.items()) {
				if (level.node().isString()) {
					levels.add(level.text());
				}
				else if (level.node().isIntegralNumber()) {
					levels.add(level.node().asString());
				}
				else {
					throw error(pandas.line(), "pandas_categorical" + level.path() + ": categories must be strings or"
							+ " integers, not " + level.node().asString());
				}
			}
			lists.add(levels);
		}
		return lists;
	}

	private void put(Map<String, Field> fields, String line, int number) {
		int equals = line.indexOf('=');
		if (equals < 0) {
			fields.put(line.strip(), new Field("", number)); // a flag such as average_output
		}
		else {
			fields.put(line.substring(0, equals), new Field(line.substring(equals + 1), number));
		}
	}

	private Field required(Map<String, Field> fields, String key, int line) {
		Field field = fields.get(key);
		if (field == null) {
			throw error(line, "no \"" + key + "=\" line");
		}
		return field;
	}

	private long integer(Field field, String what) {
		try {
			return Long.parseLong(field.value().strip());
		}
		catch (NumberFormatException ex) {
			throw error(field.line(), what + ": \"" + field.value() + "\" is not a whole number");
		}
	}

	private double number(Field field, String what) {
		try {
			return Double.parseDouble(field.value().strip());
		}
		catch (NumberFormatException ex) {
			throw error(field.line(), what + ": \"" + field.value() + "\" is not a number");
		}
	}

	private ModelFileException error(int line, String reason) {
		return new ModelFileException(this.file, line, reason);
	}

	/**
	 * Whether a value that is never missing (a one-hot indicator) goes left at a numeric node: LightGBM's numerical
	 * decision for a number.
	 */
	static boolean goesLeft(double x, double threshold, int decisionType) {
		if (((decisionType >> 2) & 3) == MISSING_ZERO && x >= -ZERO && x <= ZERO) {
			return (decisionType & 2) != 0;
		}
		return x <= threshold;
	}

	/** One {@code Tree=} block: internal nodes 0..num_leaves-2, a negative child {@code c} is leaf {@code ~c}. */
	private final class LgbTree {

		private final Map<String, Field> fields;

		private final int line;

		private final double scale;

		private final TreeWriter writer = new TreeWriter();

		private int[] feature;

		private double[] threshold;

		private int[] decision;

		private int[] left;

		private int[] right;

		private double[] leaf;

		private int[] boundaries;

		private int[] words;

		LgbTree(Map<String, Field> fields, int line, double scale) {
			this.fields = fields;
			this.line = line;
			this.scale = scale;
		}

		TreeEnsemble.Tree convert() {
			Field linear = this.fields.get("is_linear");
			if (linear != null && integer(linear, "is_linear") != 0) {
				throw error(linear.line(), "not supported: a linear tree (is_linear=1: leaves hold linear models)");
			}
			int leaves = (int) integer(required(this.fields, "num_leaves", this.line), "num_leaves");
			this.leaf = doubles("leaf_value", leaves);
			if (leaves == 1) {
				this.writer.leaf(this.leaf[0] * this.scale);
				return this.writer.tree();
			}
			int splits = leaves - 1;
			this.feature = ints("split_feature", splits);
			this.threshold = doubles("threshold", splits);
			this.decision = ints("decision_type", splits);
			this.left = ints("left_child", splits);
			this.right = ints("right_child", splits);
			if (this.fields.containsKey("cat_boundaries")) {
				this.boundaries = ints("cat_boundaries", -1);
				this.words = ints("cat_threshold", -1);
			}
			emit(0, 0);
			return this.writer.tree();
		}

		private int emit(int node, int depth) {
			if (node < 0) {
				int index = ~node;
				if (index >= this.leaf.length) {
					throw error(this.line, "a child refers to leaf " + index + ", which does not exist");
				}
				return this.writer.leaf(this.leaf[index] * this.scale);
			}
			if (node >= this.feature.length || depth > this.feature.length) {
				throw error(this.line, "node " + node + " does not exist or is its own ancestor (not a tree)");
			}
			int f = this.feature[node];
			if (f < 0 || f >= LightgbmImport.this.inputs.size()) {
				throw error(this.fields.get("split_feature").line(), "node " + node + " splits on feature " + f
						+ ", which the model does not have");
			}
			Input input = LightgbmImport.this.inputs.get(f);
			IntSupplier toLeft = () -> emit(this.left[node], depth + 1);
			IntSupplier toRight = () -> emit(this.right[node], depth + 1);
			int type = this.decision[node];
			if ((type & 1) != 0) {
				if (!(input instanceof Input.Code code)) {
					throw error(this.fields.get("decision_type").line(), "node " + node + " is a categorical split on"
							+ " \"" + input.feature() + "\", which the model reads as a number");
				}
				return this.writer.levels(code.feature(), codes(code, node), false, toLeft, toRight);
			}
			double t = this.threshold[node];
			if (input instanceof Input.Number number) {
				return numeric(number.feature(), t, type, toLeft, toRight);
			}
			if (input instanceof Input.Indicator indicator) {
				return this.writer.levels(indicator.feature(), Map.of(indicator.level(), goesLeft(1.0, t, type)),
						goesLeft(0.0, t, type), toLeft, toRight);
			}
			throw error(this.fields.get("decision_type").line(), "node " + node + " is a numeric split on the"
					+ " categorical feature \"" + input.feature() + "\"");
		}

		/** Which levels a categorical node sends left: the codes set in its bitset. */
		private Map<String, Boolean> codes(Input.Code code, int node) {
			if (this.boundaries == null) {
				throw error(this.line, "categorical node " + node + " but no cat_boundaries line");
			}
			int index = (int) this.threshold[node];
			if (index < 0 || index + 1 >= this.boundaries.length || this.boundaries[index] < 0
					|| this.boundaries[index + 1] > this.words.length || this.boundaries[index] > this.boundaries[index + 1]) {
				throw error(this.fields.get("cat_boundaries").line(), "categorical node " + node + " refers to bitset "
						+ index + ", which cat_boundaries and cat_threshold do not hold");
			}
			int from = this.boundaries[index];
			int count = this.boundaries[index + 1] - from;
			Map<String, Boolean> goesLeft = new LinkedHashMap<>();
			int codes = (code.levels() != null) ? code.levels().size() : count * 32;
			for (int c = 0; c < codes; c++) {
				boolean set = c / 32 < count && ((this.words[from + c / 32] >>> (c % 32)) & 1) != 0;
				if (code.levels() != null || set) {
					goesLeft.put(code.level(c), set);
				}
			}
			return goesLeft;
		}

		/** A numeric node on a numeric feature: {@code x <= t} is {@code x < nextUp(t)}, then the missing type. */
		private int numeric(String feature, double t, int type, IntSupplier left, IntSupplier right) {
			boolean defaultLeft = (type & 2) != 0;
			double atMost = Math.nextUp(t);
			switch ((type >> 2) & 3) {
				case MISSING_NAN:
					return this.writer.numeric(feature, atMost, defaultLeft, left, right);
				case MISSING_NONE:
					return this.writer.numeric(feature, atMost, 0.0 <= t, left, right);
				case MISSING_ZERO:
					return zeroAsMissing(feature, t, defaultLeft, left, right);
				default:
					throw error(this.fields.get("decision_type").line(), "unknown missing type in decision_type "
							+ type);
			}
		}

		/**
		 * Missing type Zero: a missing x and {@code -1e-35f <= x <= 1e-35f} go the default way, any other x left when
		 * {@code x <= t}. When the zero interval and the default way agree with {@code x <= t} this is one split;
		 * otherwise the values fall into up to four intervals alternating left and right, and both subtrees are built
		 * twice.
		 */
		private int zeroAsMissing(String feature, double t, boolean defaultLeft, IntSupplier left, IntSupplier right) {
			double zeroOrBelow = Math.nextUp(ZERO); // x < this: x <= 1e-35f
			if (t >= -ZERO && t <= ZERO) {
				// below the interval left, above it right, in it (or missing) the default way
				return defaultLeft ? this.writer.numeric(feature, zeroOrBelow, true, left, right)
						: this.writer.numeric(feature, -ZERO, false, left, right);
			}
			if (t > ZERO) {
				if (defaultLeft) {
					return this.writer.numeric(feature, Math.nextUp(t), true, left, right);
				}
				// x < -zero: left; zero interval or missing: right; up to t: left; above: right
				return this.writer.numeric(feature, -ZERO, false, left,
						() -> this.writer.numeric(feature, zeroOrBelow, true, right,
								() -> this.writer.numeric(feature, Math.nextUp(t), false, left, right)));
			}
			if (!defaultLeft) {
				return this.writer.numeric(feature, Math.nextUp(t), false, left, right);
			}
			// t below the interval: x <= t: left; up to -zero: right; zero interval or missing: left; above: right
			return this.writer.numeric(feature, Math.nextUp(t), true, left,
					() -> this.writer.numeric(feature, -ZERO, false, right,
							() -> this.writer.numeric(feature, zeroOrBelow, false, left, right)));
		}

		/** The values of a line, {@code size} of them ({@code -1}: any number). */
		private String[] values(String key, int size) {
			Field field = required(this.fields, key, this.line);
			String[] values = field.value().isBlank() ? new String[0] : field.value().strip().split(" ");
			if (size >= 0 && values.length != size) {
				throw error(field.line(), key + " has " + values.length + " values, expected " + size);
			}
			return values;
		}

		private int[] ints(String key, int size) {
			String[] values = values(key, size);
			int[] result = new int[values.length];
			for (int i = 0; i < values.length; i++) {
				// cat_threshold holds unsigned 32-bit words
				result[i] = (int) integer(new Field(values[i], this.fields.get(key).line()), key);
			}
			return result;
		}

		private double[] doubles(String key, int size) {
			String[] values = values(key, size);
			double[] result = new double[values.length];
			for (int i = 0; i < values.length; i++) {
				result[i] = number(new Field(values[i], this.fields.get(key).line()), key);
			}
			return result;
		}

	}

}
