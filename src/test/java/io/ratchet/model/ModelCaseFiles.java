package io.ratchet.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.ratchet.data.DatasetConfigs;

/**
 * For test fixtures that write model files by hand: gives them regression cases through
 * {@link ModelCases}, as {@code jobs/model-cases} would, so that jobs accept them. A
 * model file that cannot be read or bound gets none (the test is about that failure, and
 * the job reports it before looking for cases).
 */
public final class ModelCaseFiles {

	private ModelCaseFiles() {
	}

	/**
	 * Writes (or replaces) the cases of a model file under {@code <config>/models/}, when
	 * it is a valid model of a dataset configured under {@code <config>/datasets/};
	 * otherwise does nothing.
	 */
	public static void writeBeside(Path modelFile) {
		Path name = modelFile.getFileName();
		Path models = modelFile.toAbsolutePath().getParent();
		if (!name.toString().endsWith(".json") || name.toString().endsWith(ModelCases.SUFFIX) || models == null
				|| models.getParent() == null) {
			return;
		}
		Path config = models.getParent();
		while (config != null && !Files.isDirectory(config.resolve("datasets"))) {
			config = config.getParent();
		}
		if (config == null) {
			return;
		}
		try {
			ModelVersion version = ModelFiles.load(modelFile);
			ModelCases.write(version, DatasetConfigs.load(config, version.dataset()), true);
		}
		catch (RuntimeException ex) {
			// not a usable model (the test is about that): no cases
		}
	}

	/** {@link #writeBeside} for every {@code *.json} under {@code <config>/models}. */
	public static void writeAll(Path config) {
		Path models = config.resolve("models");
		if (!Files.isDirectory(models)) {
			return;
		}
		try (Stream<Path> files = Files.walk(models)) {
			List<Path> json = files.filter((file) -> file.toString().endsWith(".json")).toList();
			json.forEach(ModelCaseFiles::writeBeside);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
