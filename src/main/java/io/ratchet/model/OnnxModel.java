package io.ratchet.model;

import io.ratchet.data.FeatureType;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A model held in an ONNX file beside its model file and scored by ONNX Runtime
 * ({@link OnnxScorer}): which file (pinned by its SHA-256), which dataset columns go into
 * each input of the graph and in which order, and which output (and column of it) is the
 * score. The graph computes the prediction itself, so there is no link to apply: the
 * {@link #link()} only records the scale of the output (a probability for binary tasks, a
 * value for regression).
 *
 * @param link logistic for a binary model (the output is a probability), identity for
 * regression (a value)
 * @param file the ONNX file's name, in the folder of the model file (a plain name ending
 * in {@code .onnx})
 * @param sha256 the ONNX file's SHA-256, lower-case hex: a file that differs is refused
 * @param inputs every input of the graph, each with the columns it takes, in order
 * @param output which output gives the score, and which column of it
 * @param training free-form, informational (where the model came from); may be empty
 */
public record OnnxModel(Link link, String file, String sha256, List<Input> inputs, Output output,
		Map<String, Object> training) implements ModelDefinition {

	/** The {@code kind} of ONNX models in model files. */
	public static final String KIND = "onnx";

	/**
	 * What the ONNX file's name may look like: a plain name in the model file's folder.
	 */
	static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.onnx");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	public OnnxModel {
		if (link == null) {
			throw new InvalidModelException("", "a link is required");
		}
		if (file == null || !FILE.matcher(file).matches()) {
			throw new InvalidModelException("/onnx/file", "\"" + file + "\" is not a plain file name ending in .onnx"
					+ " (the ONNX file lives beside the model file)");
		}
		if (sha256 == null || !SHA256.matcher(sha256).matches()) {
			throw new InvalidModelException("/onnx/sha256", "must be 64 lower-case hex digits, not \"" + sha256 + "\"");
		}
		if (inputs == null || inputs.isEmpty()) {
			throw new InvalidModelException("/inputs", "an ONNX model needs at least one input");
		}
		inputs = List.copyOf(inputs);
		Set<String> names = new HashSet<>();
		Map<String, FeatureType> types = new LinkedHashMap<>();
		for (int i = 0; i < inputs.size(); i++) {
			Input input = inputs.get(i);
			if (!names.add(input.name())) {
				throw new InvalidModelException("/inputs/" + i + "/name",
						"input \"" + input.name() + "\" is given twice");
			}
			for (int c = 0; c < input.columns().size(); c++) {
				Column column = input.columns().get(c);
				FeatureType type = input.featureType(column);
				FeatureType earlier = types.putIfAbsent(column.feature(), type);
				if (earlier != null && earlier != type) {
					throw new InvalidModelException("/inputs/" + i + "/columns/" + c + "/feature",
							"feature \"" + column.feature() + "\" is read as " + type.key() + " here but as "
									+ earlier.key() + " elsewhere");
				}
			}
		}
		InvalidModelException.required(output, "output");
		training = Training.copy(training);
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Map<String, FeatureType> featureTypes() {
		Map<String, FeatureType> types = new LinkedHashMap<>();
		for (Input input : this.inputs) {
			input.columns().forEach((column) -> types.putIfAbsent(column.feature(), input.featureType(column)));
		}
		return Collections.unmodifiableMap(types);
	}

	/** The element type of an input tensor, as written in model files. */
	public enum ElementType {

		/**
		 * 32-bit floats: numbers are rounded to float32 (as NumPy's
		 * {@code astype(float32)}), missing is NaN.
		 */
		FLOAT,

		/** 64-bit floats: numbers as read, missing is NaN. */
		DOUBLE,

		/**
		 * 64-bit integers: for category codes ({@code -1} when missing or unseen) and
		 * one-hot indicators only.
		 */
		INT64,

		/**
		 * Strings: a categorical feature's level itself, the empty string when missing.
		 */
		STRING;

		/** The lower-case name used in model files. */
		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The type with that key, or throws listing the known keys. */
		static ElementType fromKey(String key, String at) {
			for (ElementType type : values()) {
				if (type.key().equals(key)) {
					return type;
				}
			}
			throw new InvalidModelException(at, "unknown element type \"" + key + "\" (expected "
					+ String.join(", ", Arrays.stream(values()).map(ElementType::key).toList()) + ")");
		}

	}

	/**
	 * One input of the graph: a tensor of {@code [rows, columns.size()]} (or
	 * {@code [rows]} when it has one column), each column filled from a dataset feature.
	 */
	public record Input(String name, ElementType type, List<Column> columns) {

		public Input {
			InvalidModelException.name(name, "name");
			InvalidModelException.required(type, "type");
			if (columns == null || columns.isEmpty()) {
				throw new InvalidModelException("/columns", "input \"" + name + "\" needs at least one column");
			}
			columns = List.copyOf(columns);
			for (int c = 0; c < columns.size(); c++) {
				Column column = columns.get(c);
				String at = "/columns/" + c;
				InvalidModelException.name(column.feature(), "columns/" + c + "/feature");
				if (type == ElementType.STRING && !(column instanceof Value)) {
					throw new InvalidModelException(at, "a string input takes a categorical feature's level itself:"
							+ " give only \"feature\" (no \"level\" or \"codes\")");
				}
				if (type == ElementType.INT64 && column instanceof Value) {
					throw new InvalidModelException(at,
							"an int64 input takes category codes (\"codes\") or one-hot"
									+ " indicators (\"level\"), not the value of feature \"" + column.feature()
									+ "\" (a missing number has no int64 form): make the input float or double");
				}
			}
		}

		/** How the dataset must declare the feature of a column of this input. */
		FeatureType featureType(Column column) {
			if (column instanceof Value) {
				return (this.type == ElementType.STRING) ? FeatureType.CATEGORICAL : FeatureType.NUMERIC;
			}
			return FeatureType.CATEGORICAL;
		}

	}

	/** One column of an input: which feature fills it, and how. */
	public sealed interface Column permits Value, Indicator, Code {

		/** The dataset feature. */
		String feature();

	}

	/**
	 * The feature as it is: a numeric feature's value in a float or double input (NaN
	 * when missing), or a categorical feature's level in a string input (the empty string
	 * when missing).
	 */
	public record Value(String feature) implements Column {
	}

	/**
	 * A one-hot indicator: 1 when the categorical feature's level is {@code level},
	 * otherwise (missing too) 0.
	 */
	public record Indicator(String feature, String level) implements Column {

		public Indicator {
			if (level == null || level.isEmpty()) {
				throw new InvalidModelException("/level", "must not be empty (an empty cell is a missing value)");
			}
		}

	}

	/**
	 * A category code: the position of the categorical feature's level in {@code levels}
	 * (the model's own list, e.g. its training levels sorted); a missing or unseen level
	 * is NaN in a float or double input, -1 in an int64 input.
	 */
	public record Code(String feature, List<String> levels) implements Column {

		public Code {
			if (levels == null || levels.isEmpty()) {
				throw new InvalidModelException("/codes", "needs at least one level");
			}
			levels = List.copyOf(levels);
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < levels.size(); i++) {
				if (levels.get(i).isEmpty()) {
					throw new InvalidModelException("/codes/" + i,
							"a level must not be empty (an empty cell is a missing value)");
				}
				if (!seen.add(levels.get(i))) {
					throw new InvalidModelException("/codes/" + i, "level \"" + levels.get(i) + "\" is given twice");
				}
			}
		}

	}

	/**
	 * A multiclass model's classes, the columns of its output in order; empty for a
	 * binary or regression model.
	 */
	@Override
	public List<String> classes() {
		return this.output.classes();
	}

	/**
	 * The output that gives the score: a float or double tensor {@code [rows, k]} read at
	 * {@code column}, or {@code [rows]} (column 0). For a multiclass model, the tensor
	 * {@code [rows, k]} of the class probabilities, {@code classes} naming its columns in
	 * order (then {@code column} is 0 and unused).
	 *
	 * @param name the graph's output
	 * @param column the column of the score (binary, regression)
	 * @param classes the classes of the columns (multiclass), else empty
	 */
	public record Output(String name, int column, List<String> classes) {

		public Output {
			InvalidModelException.name(name, "name");
			if (column < 0) {
				throw new InvalidModelException("/column", "must be 0 or more, not " + column);
			}
			classes = List.copyOf(InvalidModelException.required(classes, "classes"));
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < classes.size(); i++) {
				if (!seen.add(classes.get(i))) {
					throw new InvalidModelException("/classes/" + i,
							"class \"" + classes.get(i) + "\" is listed twice");
				}
			}
			if (classes.size() == 1) {
				throw new InvalidModelException("/classes", "a multiclass model has at least 2 classes");
			}
		}

		/** The output of a binary or regression model: one column. */
		public Output(String name, int column) {
			this(name, column, List.of());
		}

	}

}
