package io.ratchet.model;

import io.ratchet.config.ConfigFormat;
import io.ratchet.config.Pointers;
import io.ratchet.config.StrictBinding;
import io.ratchet.data.PredictionLogColumns;
import io.ratchet.data.Task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes model files ({@code config/models/*.json}, format {@value #FORMAT}). Reading is strict: a syntax
 * error, an unknown or duplicate field, a value of the wrong type, a missing field, an explicit {@code null}, an
 * unknown format, task, kind or link, a non-finite number, a zero scale, a malformed tree or ONNX input mapping are all
 * errors naming the file and, where there is one, the line. The ONNX file of a {@code kind: onnx} model is read only
 * when the model is bound ({@link ModelVersion#bind}), where its SHA-256 is checked.
 */
public final class ModelFiles {

	/** The only format this version reads and writes. */
	public static final String FORMAT = "ratchet-model/1";

	private ModelFiles() {
	}

	/**
	 * Reads a model file and records the SHA-256 of its bytes.
	 * @throws ModelFileException when the file cannot be read or is not a valid model file
	 */
	public static ModelVersion load(Path file) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new ModelFileException(file, 0, "cannot read the file: " + ex, ex);
		}
		return parse(bytes, file);
	}

	/** Reads model file content; {@code file} is used for messages and recorded in the result. */
	static ModelVersion parse(byte[] bytes, Path file) {
		FileJson json = ModelFileException.translating(
				() -> StrictBinding.read(ConfigFormat.JSON, bytes, FileJson.class, file));
		return new Reading(bytes, file).version(json);
	}

	/** The SHA-256 of some bytes, lower-case hex. */
	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The text of a model file (pretty-printed JSON ending in a newline) for a model version. Numbers are written in
	 * the shortest form that reads back to the same {@code double}.
	 */
	public static String toJson(String name, String version, String dataset, Task task, ModelDefinition definition) {
		ObjectNode root = ConfigFormat.JSON.mapper().createObjectNode();
		root.put("format", FORMAT);
		root.put("name", name);
		root.put("version", version);
		root.put("dataset", dataset);
		root.put("task", task.key());
		root.put("kind", definition.kind());
		if (definition instanceof OnnxModel onnx) {
			OnnxModelJson.write(onnx, root); // no link: the graph computes the prediction
		}
		else if (!(definition instanceof LoggedModel)) {
			root.put("link", definition.link().key()); // logged scores are what the task says: no link written
		}
		if (definition instanceof TreeEnsemble ensemble && ensemble.arithmetic() != TreeEnsemble.Arithmetic.FLOAT64) {
			root.put("arithmetic", ensemble.arithmetic().key());
		}
		if (definition instanceof LoggedModel logged) {
			writeLogged(logged, root);
		}
		else if (definition instanceof LinearModel linear) {
			root.put("intercept", linear.intercept());
			ArrayNode terms = root.putArray("terms");
			for (LinearModel.Term term : linear.terms()) {
				ObjectNode node = terms.addObject();
				node.put("feature", term.feature());
				node.put("type", term.type().key());
				if (term instanceof LinearModel.NumericTerm numeric) {
					node.put("impute", numeric.impute());
					node.put("center", numeric.center());
					node.put("scale", numeric.scale());
					node.put("weight", numeric.weight());
				}
				else {
					LinearModel.CategoricalTerm categorical = (LinearModel.CategoricalTerm) term;
					ObjectNode weights = node.putObject("weights");
					categorical.weights().forEach(weights::put);
					node.put("unknown", categorical.unknown());
				}
			}
		}
		else if (definition instanceof TreeEnsemble ensemble) {
			root.put("base", ensemble.base());
			ArrayNode trees = root.putArray("trees");
			for (TreeEnsemble.Tree tree : ensemble.trees()) {
				ArrayNode nodes = trees.addObject().putArray("nodes");
				tree.nodes().forEach((node) -> write(node, nodes.addObject()));
			}
		}
		if (!definition.training().isEmpty()) {
			root.set("training", ConfigFormat.JSON.mapper().valueToTree(definition.training()));
		}
		return ConfigFormat.JSON.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
	}

	private static void writeLogged(LoggedModel logged, ObjectNode root) {
		if (logged.column() != null) {
			root.put("column", logged.column());
			return;
		}
		ObjectNode log = root.putObject("log");
		logged.log().idColumns().forEach(log.putArray("id")::add);
		log.put("timestamp", logged.log().timestamp());
		log.put("score", logged.log().score());
	}

	private static void write(TreeEnsemble.Node node, ObjectNode json) {
		json.put("id", node.id());
		if (node instanceof TreeEnsemble.Leaf leaf) {
			json.put("leaf", leaf.value());
			return;
		}
		TreeEnsemble.Split split = (TreeEnsemble.Split) node;
		json.put("feature", split.feature());
		if (split instanceof TreeEnsemble.NumericSplit numeric) {
			json.put("threshold", numeric.threshold());
		}
		else {
			ArrayNode levels = json.putArray("levels");
			((TreeEnsemble.CategoricalSplit) split).levels().forEach(levels::add);
		}
		json.put("yes", split.yes());
		json.put("no", split.no());
		json.put("missing", split.missing().key());
	}

	/** A model file as written; {@code null} means absent. */
	record FileJson(String format, String name, String version, String dataset, String task, String kind, String link,
			String arithmetic, Double intercept, List<TermJson> terms, Double base, List<TreeJson> trees,
			OnnxModelJson.FileJson onnx, List<OnnxModelJson.InputJson> inputs, OnnxModelJson.OutputJson output,
			Map<String, Object> training, String column, LogJson log) {
	}

	/** A logged model's prediction log as written: its column names, each optional. */
	record LogJson(List<String> id, String timestamp, String score) {
	}

	/** A term as written; which fields apply depends on {@code type}. */
	record TermJson(String feature, String type, Double impute, Double center, Double scale, Double weight,
			Map<String, Double> weights, Double unknown) {
	}

	/** A tree as written. */
	record TreeJson(List<NodeJson> nodes) {
	}

	/** A node as written: a leaf ({@code id}, {@code leaf}) or a split. */
	record NodeJson(Integer id, String feature, Double threshold, List<String> levels, Integer yes, Integer no,
			String missing, Double leaf) {
	}

	/** Checks one bound file and builds the model version, locating every problem in the file. */
	static final class Reading {

		private final byte[] bytes;

		private final Path file;

		Reading(byte[] bytes, Path file) {
			this.bytes = bytes;
			this.file = file;
		}

		ModelVersion version(FileJson json) {
			rejectNulls();
			String format = required(json.format(), "/format");
			if (!FORMAT.equals(format)) {
				throw error("/format", "unsupported format \"" + format + "\" (expected \"" + FORMAT + "\")");
			}
			String name = identifier(json.name(), "/name");
			String version = identifier(json.version(), "/version");
			String dataset = identifier(json.dataset(), "/dataset");
			String taskText = required(json.task(), "/task");
			Task task = switch (taskText) {
				case "binary" -> Task.BINARY;
				case "regression" -> Task.REGRESSION;
				default -> throw error("/task", "unknown task \"" + taskText + "\" (expected binary or regression)");
			};
			String kind = required(json.kind(), "/kind");
			Link expected = (task == Task.BINARY) ? Link.LOGISTIC : Link.IDENTITY;
			Link link = OnnxModel.KIND.equals(kind) ? expected : link(json, kind, expected);
			if (!LoggedModel.KIND.equals(kind)) {
				notAllowed(json.column(), "/column", "a " + kind + " model (a logged model's score column)");
				notAllowed(json.log(), "/log", "a " + kind + " model (a logged model's prediction log)");
			}
			ModelDefinition definition = switch (kind) {
				case LinearModel.KIND -> linear(json, link);
				case TreeEnsemble.KIND -> ensemble(json, link);
				case OnnxModel.KIND -> OnnxModelJson.read(json, link, this);
				case LoggedModel.KIND -> logged(json, link);
				default -> throw error("/kind", "unknown kind \"" + kind + "\" (expected " + LinearModel.KIND + ", "
						+ TreeEnsemble.KIND + ", " + OnnxModel.KIND + " or " + LoggedModel.KIND + ")");
			};
			String mismatch = ModelVersion.linkMismatch(task, definition);
			if (mismatch != null) {
				throw error("/link", mismatch);
			}
			return new ModelVersion(name, version, dataset, task, kind, sha256(this.bytes), this.file, definition);
		}

		private Link link(FileJson json, String kind, Link expected) {
			// logged scores are what the task says (probabilities or values): their link may be left out
			String linkText = (json.link() == null && LoggedModel.KIND.equals(kind)) ? expected.key()
					: required(json.link(), "/link");
			Link link;
			try {
				link = Link.fromKey(linkText);
			}
			catch (IllegalArgumentException ex) {
				throw error("/link", ex.getMessage());
			}
			return link;
		}

		private LinearModel linear(FileJson json, Link link) {
			notAllowed(json.arithmetic(), "/arithmetic", "a linear model");
			notAllowed(json.base(), "/base", "a linear model");
			notAllowed(json.trees(), "/trees", "a linear model");
			OnnxModelJson.notAllowed(json, "a linear model", this);
			double intercept = required(json.intercept(), "/intercept");
			List<TermJson> termsJson = required(json.terms(), "/terms");
			List<LinearModel.Term> terms = new ArrayList<>();
			for (int i = 0; i < termsJson.size(); i++) {
				terms.add(term(termsJson.get(i), "/terms/" + i));
			}
			return build("", () -> new LinearModel(link, intercept, terms, json.training()));
		}

		private LinearModel.Term term(TermJson json, String at) {
			String feature = required(json.feature(), at + "/feature");
			String type = required(json.type(), at + "/type");
			String what = "a " + type + " term";
			if ("numeric".equals(type)) {
				notAllowed(json.weights(), at + "/weights", what);
				notAllowed(json.unknown(), at + "/unknown", what);
				double impute = required(json.impute(), at + "/impute");
				double center = required(json.center(), at + "/center");
				double scale = required(json.scale(), at + "/scale");
				double weight = required(json.weight(), at + "/weight");
				return build(at, () -> new LinearModel.NumericTerm(feature, impute, center, scale, weight));
			}
			if ("categorical".equals(type)) {
				notAllowed(json.impute(), at + "/impute", what);
				notAllowed(json.center(), at + "/center", what);
				notAllowed(json.scale(), at + "/scale", what);
				notAllowed(json.weight(), at + "/weight", what);
				Map<String, Double> weights = required(json.weights(), at + "/weights");
				double unknown = required(json.unknown(), at + "/unknown");
				return build(at, () -> new LinearModel.CategoricalTerm(feature, weights, unknown));
			}
			throw error(at + "/type", "unknown term type \"" + type + "\" (expected numeric or categorical)");
		}

		private TreeEnsemble ensemble(FileJson json, Link link) {
			notAllowed(json.intercept(), "/intercept", "a tree ensemble");
			notAllowed(json.terms(), "/terms", "a tree ensemble");
			OnnxModelJson.notAllowed(json, "a tree ensemble", this);
			double base = required(json.base(), "/base");
			TreeEnsemble.Arithmetic arithmetic = TreeEnsemble.Arithmetic.FLOAT64;
			if (json.arithmetic() != null) {
				arithmetic = switch (json.arithmetic()) {
					case "float64" -> TreeEnsemble.Arithmetic.FLOAT64;
					case "float32" -> TreeEnsemble.Arithmetic.FLOAT32;
					default -> throw error("/arithmetic", "\"arithmetic\" must be float64 or float32, not \""
							+ json.arithmetic() + "\"");
				};
			}
			TreeEnsemble.Arithmetic chosen = arithmetic;
			List<TreeJson> treesJson = required(json.trees(), "/trees");
			List<TreeEnsemble.Tree> trees = new ArrayList<>();
			for (int t = 0; t < treesJson.size(); t++) {
				String at = "/trees/" + t;
				List<NodeJson> nodesJson = required(treesJson.get(t).nodes(), at + "/nodes");
				List<TreeEnsemble.Node> nodes = new ArrayList<>();
				for (int i = 0; i < nodesJson.size(); i++) {
					nodes.add(node(nodesJson.get(i), at + "/nodes/" + i));
				}
				trees.add(build(at, () -> new TreeEnsemble.Tree(nodes)));
			}
			return build("", () -> new TreeEnsemble(link, base, trees, json.training(), chosen));
		}

		private LoggedModel logged(FileJson json, Link link) {
			String what = "a logged model (its scores are read, not computed)";
			notAllowed(json.intercept(), "/intercept", what);
			notAllowed(json.terms(), "/terms", what);
			notAllowed(json.base(), "/base", what);
			notAllowed(json.trees(), "/trees", what);
			notAllowed(json.arithmetic(), "/arithmetic", what);
			OnnxModelJson.notAllowed(json, what, this);
			PredictionLogColumns log = null;
			if (json.log() != null) {
				LogJson given = json.log();
				List<String> ids = (given.id() != null) ? given.id() : List.of("id");
				String timestamp = (given.timestamp() != null) ? given.timestamp() : PredictionLogColumns.TIMESTAMP;
				String score = (given.score() != null) ? given.score() : PredictionLogColumns.SCORE;
				if (ids.stream().anyMatch(String::isBlank) || timestamp.isBlank() || score.isBlank()) {
					throw error("/log", "a column name must not be empty");
				}
				try {
					log = new PredictionLogColumns(ids, timestamp, score);
				}
				catch (IllegalArgumentException ex) {
					throw error("/log", ex.getMessage());
				}
			}
			PredictionLogColumns columns = log;
			return build("", () -> new LoggedModel(link, json.column(), columns, json.training()));
		}

		private TreeEnsemble.Node node(NodeJson json, String at) {
			int id = required(json.id(), at + "/id");
			if (json.leaf() != null) {
				String what = "a leaf node (it has \"leaf\")";
				notAllowed(json.feature(), at + "/feature", what);
				notAllowed(json.threshold(), at + "/threshold", what);
				notAllowed(json.levels(), at + "/levels", what);
				notAllowed(json.yes(), at + "/yes", what);
				notAllowed(json.no(), at + "/no", what);
				notAllowed(json.missing(), at + "/missing", what);
				return build(at, () -> new TreeEnsemble.Leaf(id, json.leaf()));
			}
			if (json.feature() == null) {
				throw error(at, "node " + id + " is neither a leaf (\"leaf\") nor a split (\"feature\")");
			}
			int yes = required(json.yes(), at + "/yes");
			int no = required(json.no(), at + "/no");
			String missingText = required(json.missing(), at + "/missing");
			TreeEnsemble.Branch missing = switch (missingText) {
				case "yes" -> TreeEnsemble.Branch.YES;
				case "no" -> TreeEnsemble.Branch.NO;
				default -> throw error(at + "/missing", "\"missing\" must be yes or no, not \"" + missingText + "\"");
			};
			if (json.threshold() != null && json.levels() != null) {
				throw error(at + "/levels", "node " + id + " has both \"threshold\" (numeric split) and \"levels\""
						+ " (categorical split)");
			}
			if (json.threshold() != null) {
				return build(at, () -> new TreeEnsemble.NumericSplit(id, json.feature(), json.threshold(), yes, no,
						missing));
			}
			if (json.levels() != null) {
				return build(at, () -> new TreeEnsemble.CategoricalSplit(id, json.feature(), json.levels(), yes, no,
						missing));
			}
			throw error(at, "split node " + id + " needs \"threshold\" (numeric split) or \"levels\" (categorical split)");
		}

		private String identifier(String value, String at) {
			required(value, at);
			if (!ModelVersion.IDENTIFIER.matcher(value).matches()) {
				throw error(at, "\"" + value + "\" is not valid here (letters, digits, '.', '_' and '-', starting"
						+ " with a letter or digit)");
			}
			return value;
		}

		<T> T required(T value, String at) {
			if (value == null) {
				String field = at.substring(at.lastIndexOf('/') + 1);
				String parent = Pointers.parent(at);
				throw new ModelFileException(this.file, StrictBinding.line(ConfigFormat.JSON, this.bytes, parent),
						"missing required field \"" + field + "\" in " + Pointers.readable(parent));
			}
			return value;
		}

		void notAllowed(Object value, String at, String what) {
			if (value != null) {
				throw error(at, "field \"" + at.substring(at.lastIndexOf('/') + 1) + "\" does not belong in " + what);
			}
		}

		<T> T build(String at, Supplier<T> constructor) {
			try {
				return constructor.get();
			}
			catch (InvalidModelException ex) {
				throw error(at + ex.at(), ex.detail());
			}
		}

		/** An explicit {@code null} (outside the free-form {@code training}) is an error, never "absent". */
		private void rejectNulls() {
			try (JsonParser parser = ConfigFormat.JSON.mapper().createParser(this.bytes)) {
				JsonToken token;
				while ((token = parser.nextToken()) != null) {
					if (token == JsonToken.VALUE_NULL) {
						String at = parser.streamReadContext().pathAsPointer().toString();
						if (!at.equals("/training") && !at.startsWith("/training/")) {
							throw new ModelFileException(this.file, parser.currentTokenLocation().getLineNr(),
									Pointers.readable(at) + ": null is not allowed (give a value, or leave out a field"
											+ " that does not apply)");
						}
					}
				}
			}
			catch (JacksonException ex) {
				throw new ModelFileException(this.file, 0, "cannot read the file again: " + ex.getOriginalMessage(), ex);
			}
		}

		ModelFileException error(String at, String detail) {
			return new ModelFileException(this.file, StrictBinding.line(ConfigFormat.JSON, this.bytes, at),
					Pointers.readable(at) + ": " + detail);
		}

	}

}
