package io.ratchet.model.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.SklearnExport;
import io.ratchet.model.TreeEnsemble;

/**
 * Turns a model file of another library into the text of a Ratchet model file for a dataset: XGBoost JSON
 * ({@link XgboostImport}), LightGBM text ({@link LightgbmImport}), a scikit-learn tree dump
 * ({@link SklearnTreesImport}) or a scikit-learn linear export ({@link SklearnExport}). Trees become a
 * {@code tree-ensemble} scored in pure Java with the library's own routing and arithmetic; the model's
 * {@code training} object records the file it came from, its SHA-256, the library and the objective. Nothing is
 * written here: the caller writes the text with its regression cases ({@code jobs/import-model}).
 */
public final class ModelImport {

	private ModelImport() {
	}

	/**
	 * A converted model.
	 *
	 * @param format the format read (the one given, or the one detected)
	 * @param json the text of the Ratchet model file
	 */
	public record Result(ModelFormat format, String json) {
	}

	/**
	 * Converts a model file.
	 * @param file the library's model file
	 * @param format its format, or {@code null} to tell it from the content
	 * @param dataset the dataset the model scores: its features are checked and its task must be the model's
	 * @param name the model's name, or {@code null} for the default ({@code <dataset>-<format>}, or the name a
	 * scikit-learn linear export carries)
	 * @param version the version
	 * @throws ModelFileException naming the file (and where in it) when it cannot be read, is malformed or holds
	 * something Ratchet does not support
	 */
	public static Result convert(Path file, ModelFormat format, DatasetConfig dataset, String name, String version) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new ModelFileException(file, 0, "cannot read the file: " + ex, ex);
		}
		if (bytes.length == 0) {
			throw new ModelFileException(file, 0, "the file is empty");
		}
		ModelFormat chosen = (format != null) ? format : ModelFormat.detect(file, bytes);
		if (chosen == ModelFormat.SKLEARN_LINEAR) {
			return new Result(chosen, SklearnExport.toRatchetJson(file, dataset.name(), version, name));
		}
		ImportedTrees trees;
		try {
			trees = switch (chosen) {
				case XGBOOST -> XgboostImport.read(file, bytes, dataset);
				case LIGHTGBM -> LightgbmImport.read(file, bytes, dataset);
				default -> SklearnTreesImport.read(file, bytes, dataset);
			};
		}
		catch (IllegalArgumentException ex) {
			// a value Ratchet's tree ensemble refuses (an infinite threshold, a NaN leaf...)
			throw new ModelFileException(file, 0, "cannot be converted: " + ex.getMessage(), ex);
		}
		if (trees.task() != dataset.task()) {
			throw new ModelFileException(file, 0, "a " + trees.task().key() + " model (objective "
					+ trees.source().get("objective") + ") cannot score dataset \"" + dataset.name() + "\", a "
					+ dataset.task().key() + " task");
		}
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("imported_from", file.getFileName().toString());
		training.put("format", chosen.key());
		training.put("sha256", ModelFiles.sha256(bytes));
		training.putAll(trees.source());
		TreeEnsemble ensemble = trees.ensemble();
		TreeEnsemble withTraining = new TreeEnsemble(ensemble.link(), ensemble.base(), ensemble.trees(), training,
				ensemble.arithmetic());
		String modelName = (name != null) ? name : dataset.name() + "-" + chosen.key();
		return new Result(chosen, ModelFiles.toJson(modelName, version, dataset.name(), dataset.task(), withTraining));
	}

}
