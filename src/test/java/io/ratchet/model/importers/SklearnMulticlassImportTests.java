package io.ratchet.model.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Row;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;
import io.ratchet.metrics.MulticlassAccumulator;
import io.ratchet.model.ClassScorer;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.MulticlassReference;
import io.ratchet.model.MulticlassTrees;
import io.ratchet.model.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Multiclass scikit-learn tree ensembles imported from their {@code trees.json}
 * ({@code GradientBoostingClassifier}, 3 trees per stage; {@code RandomForestClassifier},
 * leaf class fractions): every held-out row's class probabilities equal scikit-learn's
 * {@code predict_proba} and every month's figures its {@code roc_auc_score},
 * {@code log_loss}, {@code accuracy_score} and {@code f1_score} (reference made by
 * {@code src/test/resources/multiclass-models/make_models.py}).
 */
class SklearnMulticlassImportTests {

	/** Float64 sums as scikit-learn adds them: rounding only (measured: within 1e-15). */
	private static final double PROBABILITY_TOLERANCE = 1e-14;

	private static final double FIGURE_TOLERANCE = 1e-12;

	@TempDir
	Path dir;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "gb", "rf" })
	void reproducesScikitLearnsProbabilitiesAndMonthlyFigures(String model) {
		// given
		DatasetConfig dataset = MulticlassReference.dataset(this.dir);

		// when
		ModelVersion version = ModelImport.install(ModelImport
			.convert(MulticlassReference.DIR.resolve(model + "-trees.json"), null, dataset, "tiers-" + model, "1"),
				this.dir.resolve("models"), dataset);

		// then: per row scikit-learn's probabilities, per month its figures
		assertThat(version.definition()).isInstanceOf(MulticlassTrees.class);
		assertThat(version.definition().classes()).containsExactly("bronze", "silver", "gold");
		MulticlassAccumulator whole = new MulticlassAccumulator(3);
		try (Scorer bound = version.bind(dataset)) {
			ClassScorer scorer = (ClassScorer) bound;
			for (String month : MulticlassReference.MONTHS) {
				List<Row> rows = MulticlassReference.rows(dataset, month);
				Map<Long, double[]> expected = MulticlassReference.predictions(model, month);
				MulticlassAccumulator accumulator = new MulticlassAccumulator(3);
				for (Row row : rows) {
					double[] probabilities = new double[3];
					scorer.probabilities(row, probabilities);
					double[] reference = expected.get(row.line());
					for (int c = 0; c < 3; c++) {
						assertThat(probabilities[c]).as(month + " line " + row.line() + " class " + c)
							.isCloseTo(reference[c], within(PROBABILITY_TOLERANCE));
					}
					accumulator.add(probabilities, row.label());
				}
				whole.merge(accumulator);
				assertFigures(accumulator.result(), MulticlassReference.monthly(model, month), month);
			}
		}
		assertFigures(whole.result(), MulticlassReference.monthly(model, "ALL"), "ALL");
	}

	@Test
	void refusesADatasetWithOtherClassesNamingBothLists() throws IOException {
		// given: the same classes in another order
		Path yml = this.dir.resolve("tiers.yml");
		Files.writeString(yml,
				MulticlassReference.DATASET_YML.replace("[bronze, silver, gold]", "[gold, silver, bronze]"));
		DatasetConfig dataset = DatasetConfigs.load(yml);
		ModelImport.Result result = ModelImport.convert(MulticlassReference.DIR.resolve("gb-trees.json"), null, dataset,
				"tiers-gb", "1");

		// when / then
		assertThatExceptionOfType(ModelFileException.class)
			.isThrownBy(() -> ModelImport.install(result, this.dir.resolve("models"), dataset))
			.withMessageContaining("[bronze, silver, gold]")
			.withMessageContaining("[gold, silver, bronze]");
		assertThat(this.dir.resolve("models")).isEmptyDirectory();
	}

	@Test
	void refusesADumpWhoseInitDoesNotHaveOneValuePerClass() throws IOException {
		// given
		DatasetConfig dataset = MulticlassReference.dataset(this.dir);
		String dump = Files.readString(MulticlassReference.DIR.resolve("gb-trees.json"));
		Path file = ImportFixtures.write(this.dir, "trees.json",
				dump.replaceFirst("\"init\": \\[([^,\\]]+),", "\"init\": ["));

		// when / then
		assertThatExceptionOfType(ModelFileException.class)
			.isThrownBy(() -> ModelImport.convert(file, null, dataset, "tiers-gb", "1"))
			.withMessageContaining("trees.json")
			.withMessageContaining("has 2 values for 3 classes");
	}

	private static void assertFigures(MetricValues got, Map<Metric, Double> expected, String period) {
		expected.forEach((metric, value) -> assertThat(got.get(metric).orElseThrow()).as(period + " " + metric.key())
			.isCloseTo(value, within(FIGURE_TOLERANCE)));
	}

}
