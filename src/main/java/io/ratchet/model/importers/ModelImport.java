package io.ratchet.model.importers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.SklearnExport;
import io.ratchet.model.ModelDefinition;

/**
 * Turns a model file of another library into the text of a Ratchet model file for a
 * dataset: XGBoost JSON ({@link XgboostImport}), LightGBM text ({@link LightgbmImport}),
 * a scikit-learn tree dump ({@link SklearnTreesImport}) or a scikit-learn linear export
 * ({@link SklearnExport}). Trees become a {@code tree-ensemble} scored in pure Java with
 * the library's own routing and arithmetic; the model's {@code training} object records
 * the file it came from, its SHA-256, the library and the objective. {@link #convert}
 * writes nothing; {@link #install} writes the result under {@code config/models/} with
 * its regression cases.
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
	 * @param dataset the dataset the model scores: its features are checked and its task
	 * must be the model's
	 * @param name the model's name, or {@code null} for the default
	 * ({@code <dataset>-<format>}, or the name a scikit-learn linear export carries)
	 * @param version the version
	 * @throws ModelFileException naming the file (and where in it) when it cannot be
	 * read, is malformed or holds something Ratchet does not support
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
			// a value Ratchet's tree ensemble refuses (an infinite threshold, a NaN
			// leaf...)
			throw new ModelFileException(file, 0, "cannot be converted: " + ex.getMessage(), ex);
		}
		if (trees.task() != dataset.task()) {
			throw new ModelFileException(file, 0,
					"a " + trees.task().key() + " model (objective " + trees.source().get("objective")
							+ ") cannot score dataset \"" + dataset.name() + "\", a " + dataset.task().key() + " task");
		}
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("imported_from", file.getFileName().toString());
		training.put("format", chosen.key());
		training.put("sha256", ModelFiles.sha256(bytes));
		training.putAll(trees.source());
		ModelDefinition withTraining = trees.withTraining(training);
		String modelName = (name != null) ? name : dataset.name() + "-" + chosen.key();
		return new Result(chosen, ModelFiles.toJson(modelName, version, dataset.name(), dataset.task(), withTraining));
	}

	/**
	 * Writes a converted model as {@code <models>/<name>-v<version>.json}, after reading
	 * it back as any model file is read and binding it to the dataset, and its regression
	 * cases beside it (written first, so the model never appears without them). An
	 * existing file is never replaced: a changed model needs a new version.
	 * @return the version as written
	 * @throws ModelFileException when the text is not a valid model of the dataset, or
	 * the version exists already
	 * @throws UncheckedIOException when a file cannot be written
	 */
	public static ModelVersion install(Result result, Path models, DatasetConfig dataset) {
		try {
			Files.createDirectories(models);
			Path temp = Files.createTempFile(models, "import-", ".json.tmp");
			ModelVersion read;
			try {
				Files.writeString(temp, result.json());
				read = ModelFiles.load(temp);
				read.bind(dataset);
			}
			finally {
				Files.deleteIfExists(temp);
			}
			Path target = models.resolve(read.name() + "-v" + read.version() + ".json");
			if (Files.exists(target)) {
				throw new ModelFileException(target, 0, "already exists: model " + read.key() + " is imported already"
						+ " (a changed model needs a new version: --version)");
			}
			ModelVersion version = read.at(target);
			ModelCases.write(version, dataset, true);
			Files.writeString(target, result.json());
			return version;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex.getMessage(), ex);
		}
	}

}
