package io.ratchet.model.importers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.data.Task;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.Scorer;

/**
 * A small shop dataset and helpers to import a model file written by a test and score
 * rows with it.
 */
final class ImportFixtures {

	private ImportFixtures() {
	}

	/**
	 * Shop: {@code tenure_months} numeric, {@code plan} and {@code region} categorical.
	 */
	static DatasetConfig shop(Task task) {
		return DatasetConfig.builder("shop", null)
			.date("date")
			.label("label", task)
			.labels("1", "0")
			.missingTokens(Set.of("NA"))
			.features(List.of(new Feature("tenure_months", FeatureType.NUMERIC),
					new Feature("plan", FeatureType.CATEGORICAL), new Feature("region", FeatureType.CATEGORICAL)))
			.build();
	}

	/** A shop row; {@code NaN} and {@code null} are missing. */
	static Row row(double tenure, String plan, String region) {
		return new Row(2, LocalDate.of(2024, 1, 15), Double.NaN, new double[] { tenure, Double.NaN, Double.NaN },
				new String[] { null, plan, region });
	}

	/** Writes {@code text} as {@code dir/name}. */
	static Path write(Path dir, String name, String text) {
		try {
			return Files.writeString(dir.resolve(name), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Imports a model file as the format detected, reads the Ratchet file back and binds
	 * it to the dataset.
	 */
	static Scorer scorer(Path dir, Path file, DatasetConfig dataset) {
		ModelImport.Result result = ModelImport.convert(file, null, dataset, null, "1");
		Path converted = write(dir, "converted.json", result.json());
		return ModelFiles.load(converted).bind(dataset);
	}

	/** A file's text with single quotes standing for double quotes. */
	static String json(String singleQuoted) {
		return singleQuoted.replace('\'', '"');
	}

}
