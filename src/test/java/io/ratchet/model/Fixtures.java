package io.ratchet.model;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.data.Task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Small builders shared by the model tests. */
final class Fixtures {

	private Fixtures() {
	}

	/** Writes {@code text} to {@code dir/fileName} and returns the path. */
	static Path write(Path dir, String fileName, String text) {
		try {
			Path file = dir.resolve(fileName);
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A model file's text from a template with single quotes standing for double quotes.
	 */
	static String json(String singleQuoted) {
		return singleQuoted.replace('\'', '"');
	}

	/**
	 * Churn: binary, features {@code tenure_months} (numeric) then {@code plan}
	 * (categorical).
	 */
	static DatasetConfig churn() {
		return dataset("churn", Task.BINARY, new Feature("tenure_months", FeatureType.NUMERIC),
				new Feature("plan", FeatureType.CATEGORICAL));
	}

	/**
	 * Rides: regression, features {@code temp} (numeric) then {@code season}
	 * (categorical).
	 */
	static DatasetConfig rides() {
		return dataset("rides", Task.REGRESSION, new Feature("temp", FeatureType.NUMERIC),
				new Feature("season", FeatureType.CATEGORICAL));
	}

	static DatasetConfig dataset(String name, Task task, Feature... features) {
		return DatasetConfig.builder(name, null)
			.date("date")
			.label("label", task)
			.labels("1", "0")
			.missingTokens(Set.of("NA"))
			.features(List.of(features))
			.build();
	}

	/**
	 * A row of a two-feature dataset whose first feature is numeric and second
	 * categorical.
	 */
	static Row row(double number, String level) {
		return new Row(2, LocalDate.of(2024, 1, 15), Double.NaN, new double[] { number, Double.NaN },
				new String[] { null, level });
	}

	/** A linear churn model file (the example of the format). */
	static String churnLogit(String version) {
		return json(
				"""
						{
						  'format': 'ratchet-model/1',
						  'name': 'churn-logit',
						  'version': '%s',
						  'dataset': 'churn',
						  'task': 'binary',
						  'kind': 'linear',
						  'link': 'logistic',
						  'intercept': -1.2,
						  'terms': [
						    {'feature': 'tenure_months', 'type': 'numeric', 'impute': 12.0, 'center': 12.0, 'scale': 5.0, 'weight': -0.8},
						    {'feature': 'plan', 'type': 'categorical', 'weights': {'basic': 0.3, 'pro': -0.2}, 'unknown': 0.05}
						  ],
						  'training': {'window': ['2023-01', '2023-12'], 'rows': 1200}
						}
						"""
					.formatted(version));
	}

	/** The tree ensemble of the format's example: one tree, logistic. */
	static String churnGbt(String version) {
		return json(
				"""
						{
						  'format': 'ratchet-model/1', 'name': 'churn-gbt', 'version': '%s', 'dataset': 'churn', 'task': 'binary',
						  'kind': 'tree-ensemble', 'link': 'logistic', 'base': -1.0,
						  'trees': [
						    {'nodes': [
						      {'id': 0, 'feature': 'tenure_months', 'threshold': 12.5, 'yes': 1, 'no': 2, 'missing': 'yes'},
						      {'id': 1, 'feature': 'plan', 'levels': ['basic', 'pro'], 'yes': 3, 'no': 4, 'missing': 'no'},
						      {'id': 2, 'leaf': 0.4},
						      {'id': 3, 'leaf': -0.1},
						      {'id': 4, 'leaf': 0.2}
						    ]}
						  ]
						}
						"""
					.formatted(version));
	}

}
