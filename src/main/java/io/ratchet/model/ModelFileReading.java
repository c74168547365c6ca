package io.ratchet.model;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import io.ratchet.config.ConfigFormat;
import io.ratchet.config.Pointers;
import io.ratchet.config.StrictBinding;
import io.ratchet.data.Task;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Checks one model file's content and builds the model version, locating every problem in
 * the file (its line, and the JSON path). The checks common to every kind live here; each
 * kind's fields are read by its own class ({@link LinearModelJson},
 * {@link TreeEnsembleJson}, {@link OnnxModelJson}, {@link LoggedModelJson}) through
 * {@link #required}, {@link #notAllowed}, {@link #build} and {@link #error}.
 */
final class ModelFileReading {

	private final byte[] bytes;

	private final Path file;

	ModelFileReading(byte[] bytes, Path file) {
		this.bytes = bytes;
		this.file = file;
	}

	ModelVersion version(ModelFiles.FileJson json) {
		rejectNulls();
		String format = required(json.format(), "/format");
		if (!ModelFiles.FORMAT.equals(format)) {
			throw error("/format", "unsupported format \"" + format + "\" (expected \"" + ModelFiles.FORMAT + "\")");
		}
		String name = identifier(json.name(), "/name");
		String version = identifier(json.version(), "/version");
		String dataset = identifier(json.dataset(), "/dataset");
		String taskText = required(json.task(), "/task");
		Task task = switch (taskText) {
			case "binary" -> Task.BINARY;
			case "regression" -> Task.REGRESSION;
			case "multiclass" -> Task.MULTICLASS;
			default ->
				throw error("/task", "unknown task \"" + taskText + "\" (expected binary, regression or multiclass)");
		};
		String kind = required(json.kind(), "/kind");
		Link expected = ModelVersion.expectedLink(task);
		Link link = OnnxModel.KIND.equals(kind) ? expected : link(json, kind, expected);
		if (!LoggedModel.KIND.equals(kind)) {
			notAllowed(json.column(), "/column", "a " + kind + " model (a logged model's score column)");
			notAllowed(json.log(), "/log", "a " + kind + " model (a logged model's prediction log)");
		}
		if (task == Task.MULTICLASS
				&& !List.of(MultinomialModel.KIND, TreeEnsemble.KIND, OnnxModel.KIND).contains(kind)) {
			throw error("/kind",
					"a multiclass model gives one probability per class: kind " + MultinomialModel.KIND + ", "
							+ TreeEnsemble.KIND + " (with classes) or " + OnnxModel.KIND
							+ " (its output naming its classes), not " + kind);
		}
		ModelDefinition definition = switch (kind) {
			case LinearModel.KIND -> LinearModelJson.read(json, link, this);
			case TreeEnsemble.KIND -> TreeEnsembleJson.read(json, link, this);
			case OnnxModel.KIND -> OnnxModelJson.read(json, link, this);
			case LoggedModel.KIND -> LoggedModelJson.read(json, link, this);
			case MultinomialModel.KIND -> MultinomialModelJson.read(json, link, this);
			default -> throw error("/kind",
					"unknown kind \"" + kind + "\" (expected " + LinearModel.KIND + ", " + TreeEnsemble.KIND + ", "
							+ OnnxModel.KIND + ", " + LoggedModel.KIND + " or " + MultinomialModel.KIND + ")");
		};
		if (!MultinomialModel.KIND.equals(kind) && !TreeEnsemble.KIND.equals(kind)) {
			MultinomialModelJson.notAllowed(json, "a " + kind + " model", this);
		}
		String mismatch = ModelVersion.linkMismatch(task, definition);
		if (mismatch != null) {
			throw error("/link", mismatch);
		}
		if (task == Task.MULTICLASS && definition.classes().isEmpty()) {
			throw error(OnnxModel.KIND.equals(kind) ? "/output" : "/classes",
					"a multiclass model names its classes, in the order of its probabilities"
							+ (OnnxModel.KIND.equals(kind) ? " (output.classes)" : " (classes)"));
		}
		if (task != Task.MULTICLASS && !definition.classes().isEmpty()) {
			throw error(OnnxModel.KIND.equals(kind) ? "/output/classes" : "/classes",
					"only a multiclass model has classes, not a " + task.key() + " model");
		}
		if (json.threshold() != null) {
			String problem = ModelVersion.thresholdProblem(json.threshold(), task);
			if (problem != null) {
				throw error("/threshold", problem);
			}
		}
		return new ModelVersion(name, version, dataset, task, kind, ModelFiles.sha256(this.bytes), this.file,
				definition, json.threshold());
	}

	private Link link(ModelFiles.FileJson json, String kind, Link expected) {
		// logged scores are what the task says (probabilities or values): their link may
		// be left out
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

	/**
	 * An explicit {@code null} (outside the free-form {@code training}) is an error,
	 * never "absent".
	 */
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
