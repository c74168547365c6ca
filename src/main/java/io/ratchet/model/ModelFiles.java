package io.ratchet.model;

import io.ratchet.config.ConfigFormat;
import io.ratchet.config.StrictBinding;
import io.ratchet.data.Task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes model files ({@code config/models/*.json}, format {@value #FORMAT}).
 * Reading is strict: a syntax error, an unknown or duplicate field, a value of the wrong
 * type, a missing field, an explicit {@code null}, an unknown format, task, kind or link,
 * a non-finite number, a zero scale, a malformed tree or ONNX input mapping are all
 * errors naming the file and, where there is one, the line. The ONNX file of a
 * {@code kind: onnx} model is read only when the model is bound
 * ({@link ModelVersion#bind}), where its SHA-256 is checked.
 */
public final class ModelFiles {

	/** The only format this version reads and writes. */
	public static final String FORMAT = "ratchet-model/1";

	private ModelFiles() {
	}

	/**
	 * Reads a model file and records the SHA-256 of its bytes.
	 * @throws ModelFileException when the file cannot be read or is not a valid model
	 * file
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

	/**
	 * Reads model file content; {@code file} is used for messages and recorded in the
	 * result.
	 */
	static ModelVersion parse(byte[] bytes, Path file) {
		FileJson json = ModelFileException
			.translating(() -> StrictBinding.read(ConfigFormat.JSON, bytes, FileJson.class, file));
		return new ModelFileReading(bytes, file).version(json);
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
	 * The text of a model file (pretty-printed JSON ending in a newline) for a model
	 * version. Numbers are written in the shortest form that reads back to the same
	 * {@code double}.
	 */
	public static String toJson(String name, String version, String dataset, Task task, ModelDefinition definition) {
		return toJson(name, version, dataset, task, definition, null);
	}

	/**
	 * As {@link #toJson(String, String, String, Task, ModelDefinition)}, with the
	 * version's decision threshold ({@code null}: none written, the configured default
	 * applies).
	 */
	public static String toJson(String name, String version, String dataset, Task task, ModelDefinition definition,
			Double threshold) {
		ObjectNode root = ConfigFormat.JSON.mapper().createObjectNode();
		root.put("format", FORMAT);
		root.put("name", name);
		root.put("version", version);
		root.put("dataset", dataset);
		root.put("task", task.key());
		if (threshold != null) {
			root.put("threshold", threshold);
		}
		root.put("kind", definition.kind());
		if (definition instanceof OnnxModel onnx) {
			OnnxModelJson.write(onnx, root); // no link: the graph computes the prediction
		}
		else if (!(definition instanceof LoggedModel)) {
			// logged scores are what the task says: no link written
			root.put("link", definition.link().key());
		}
		if (definition instanceof LoggedModel logged) {
			LoggedModelJson.write(logged, root);
		}
		else if (definition instanceof LinearModel linear) {
			LinearModelJson.write(linear, root);
		}
		else if (definition instanceof TreeEnsemble ensemble) {
			TreeEnsembleJson.write(ensemble, root);
		}
		else if (definition instanceof MultinomialModel multinomial) {
			MultinomialModelJson.write(multinomial, root);
		}
		else if (definition instanceof MulticlassTrees trees) {
			TreeEnsembleJson.write(trees, root);
		}
		if (!definition.training().isEmpty()) {
			root.set("training", ConfigFormat.JSON.mapper().valueToTree(definition.training()));
		}
		return ConfigFormat.JSON.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
				+ "\n";
	}

	/**
	 * The text of a model file with its decision threshold set to {@code threshold}
	 * (written as {@link #toJson(String, String, String, Task, ModelDefinition, Double)}
	 * writes it, so the numbers are unchanged).
	 * @param json the text of a model file
	 * @param threshold the decision threshold, in (0, 1), of a binary model
	 * @param file where the text comes from or goes to (for messages)
	 * @throws ModelFileException when the text is not a valid model file or the threshold
	 * does not suit it
	 */
	public static String withThreshold(String json, double threshold, Path file) {
		ModelVersion read = parse(json.getBytes(StandardCharsets.UTF_8), file);
		String problem = ModelVersion.thresholdProblem(threshold, read.task());
		if (problem != null) {
			throw new ModelFileException(file, 0, problem);
		}
		return toJson(read.name(), read.version(), read.dataset(), read.task(), read.definition(), threshold);
	}

	/** A model file as written; {@code null} means absent. */
	record FileJson(String format, String name, String version, String dataset, String task, Double threshold,
			String kind, String link, String arithmetic, Double intercept, List<LinearModelJson.TermJson> terms,
			Double base, List<TreeEnsembleJson.TreeJson> trees, OnnxModelJson.FileJson onnx,
			List<OnnxModelJson.InputJson> inputs, OnnxModelJson.OutputJson output, Map<String, Object> training,
			String column, LoggedModelJson.LogJson log, List<MultinomialModelJson.ClassJson> classes) {
	}

}
