package io.ratchet.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ratchet.data.AtomicFiles;
import io.ratchet.data.DatasetConfig;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelDefinition;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;

/**
 * Writes a trained model as a new model version under the models folder:
 * {@code <name>-v<N>.json} with {@code N} the next free version of that name (one above
 * the highest whole-number version in any file of the folder), in the format of
 * {@link ModelFiles#toJson}, together with its regression cases ({@link ModelCases},
 * {@code <name>-v<N>.cases.csv}). Both files are written aside and moved into place, the
 * cases first, so the folder never holds a model version without its cases nor a
 * half-written file. Writers in one JVM are serialised.
 */
public final class CandidateFiles {

	private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

	private static final Object LOCK = new Object();

	private CandidateFiles() {
	}

	/**
	 * Writes a new version of model {@code name} for a dataset.
	 * @param modelsDir the models folder ({@code config/models}), created when absent
	 * @param name the model's name, e.g. {@code sales-logit}
	 * @param dataset the dataset it scores (its task decides the file's task; the model
	 * is bound to it)
	 * @param model what was trained
	 * @return the version as read back from its new file ({@link ModelVersion#key()} is
	 * {@code name@N})
	 * @throws ModelFileException when the model does not fit the dataset or a file cannot
	 * be written
	 */
	public static ModelVersion write(Path modelsDir, String name, DatasetConfig dataset, ModelDefinition model) {
		return write(modelsDir, name, dataset, model, null);
	}

	/**
	 * As {@link #write(Path, String, DatasetConfig, ModelDefinition)}, with the version's
	 * decision threshold ({@code null}: none, the configured default applies).
	 */
	public static ModelVersion write(Path modelsDir, String name, DatasetConfig dataset, ModelDefinition model,
			Double threshold) {
		synchronized (LOCK) {
			try {
				Files.createDirectories(modelsDir);
				String version = Integer.toString(nextVersion(modelsDir, name));
				Path target = modelsDir.resolve(name + "-v" + version + ".json");
				String json = ModelFiles.toJson(name, version, dataset.name(), dataset.task(), model, threshold);
				Path temp = Files.createTempFile(modelsDir, "." + name + "-v" + version, ".json.tmp");
				try {
					Files.writeString(temp, json, StandardCharsets.UTF_8);
					ModelVersion aside = ModelFiles.load(temp);
					aside.bind(dataset);
					ModelVersion placed = aside.at(target);
					ModelCases.write(placed, dataset, false);
					// durable: a model version is never lost or half-written
					AtomicFiles.move(temp, target);
				}
				finally {
					Files.deleteIfExists(temp);
				}
				return ModelFiles.load(target);
			}
			catch (IOException ex) {
				throw new ModelFileException(modelsDir, 0, "cannot write a new version of model " + name + ": " + ex,
						ex);
			}
		}
	}

	/**
	 * The next free whole-number version of a model name in the folder: one above the
	 * highest {@code version} of a model file of that name (and above any
	 * {@code <name>-v<N>.json} file name), 1 when there is none.
	 */
	public static int nextVersion(Path modelsDir, String name) {
		int highest = 0;
		if (!Files.isDirectory(modelsDir)) {
			return 1;
		}
		try (Stream<Path> files = Files.walk(modelsDir)) {
			for (Path file : files.filter(Files::isRegularFile)
				.filter((file) -> file.getFileName().toString().endsWith(".json"))
				.toList()) {
				String fileName = file.getFileName().toString();
				String prefix = name + "-v";
				if (fileName.startsWith(prefix)) {
					String number = fileName.substring(prefix.length(), fileName.length() - 5);
					if (DIGITS.matcher(number).matches()) {
						highest = Math.max(highest, Integer.parseInt(number));
					}
				}
				ModelVersion version = ModelFiles.load(file);
				if (version.name().equals(name) && DIGITS.matcher(version.version()).matches()) {
					highest = Math.max(highest, Integer.parseInt(version.version()));
				}
			}
		}
		catch (IOException ex) {
			throw new ModelFileException(modelsDir, 0, "cannot list the models folder: " + ex, ex);
		}
		return highest + 1;
	}

}
