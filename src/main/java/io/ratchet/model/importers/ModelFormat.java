package io.ratchet.model.importers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import io.ratchet.model.ModelFileException;

/**
 * The model files {@code jobs/import-model} reads, and how it tells them apart when no
 * format is given.
 */
public enum ModelFormat {

	/** XGBoost's JSON model ({@code Booster.save_model("m.json")}). */
	XGBOOST,

	/** LightGBM's text model ({@code Booster.save_model("m.txt")}). */
	LIGHTGBM,

	/**
	 * A scikit-learn tree ensemble dumped by
	 * {@code src/main/python/export_sklearn_trees.py}.
	 */
	SKLEARN_TREES,

	/**
	 * A scikit-learn linear or logistic model exported as plain JSON (the oracle's
	 * {@code model-*.json}).
	 */
	SKLEARN_LINEAR;

	/**
	 * The name used on the command line: {@code xgboost}, {@code lightgbm},
	 * {@code sklearn-trees}...
	 */
	public String key() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The format with that key, or throws listing the known keys. */
	public static ModelFormat fromKey(String key) {
		for (ModelFormat format : values()) {
			if (format.key().equals(key)) {
				return format;
			}
		}
		throw new IllegalArgumentException("unknown model format \"" + key + "\" (expected " + keys() + ")");
	}

	/** Every key, separated by {@code |}. */
	public static String keys() {
		return String.join("|", Arrays.stream(values()).map(ModelFormat::key).toList());
	}

	/**
	 * The format of a file, from its content: LightGBM's text starts with a {@code tree}
	 * line; a JSON object with a {@code "learner"} is XGBoost's, one with format
	 * {@code zoo-tree-ensemble/1} a scikit-learn tree dump, one with {@code "terms"} a
	 * scikit-learn linear export. The content need not be complete: a truncated file is
	 * still recognised, so that its importer reports where it ends.
	 * @throws ModelFileException naming the file when it is binary (UBJSON) or none of
	 * these
	 */
	static ModelFormat detect(Path file, byte[] bytes) {
		String name = file.getFileName().toString();
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (name.endsWith(".ubj") || text.indexOf('\0') >= 0) {
			throw new ModelFileException(file, 0, "a binary file (XGBoost's UBJSON?) is not supported: save the"
					+ " model as JSON, save_model(\"m.json\")");
		}
		String start = text.stripLeading();
		if (start.startsWith("tree\n") || start.startsWith("tree\r\n") || text.contains("\nTree=")) {
			return LIGHTGBM;
		}
		if (start.startsWith("{")) {
			if (text.contains("\"learner\"")) {
				return XGBOOST;
			}
			if (text.contains("\"zoo-tree-ensemble/")) {
				return SKLEARN_TREES;
			}
			if (text.contains("\"terms\"")) {
				return SKLEARN_LINEAR;
			}
		}
		throw new ModelFileException(file, 0, "cannot tell which kind of model file this is (neither an XGBoost JSON"
				+ " model, a LightGBM text model, a scikit-learn tree dump nor a scikit-learn linear export): give"
				+ " --format " + keys());
	}

}
