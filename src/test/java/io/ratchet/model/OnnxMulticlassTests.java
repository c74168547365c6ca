package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Row;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;
import io.ratchet.metrics.MulticlassAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * A multiclass ONNX model: scikit-learn's multinomial {@code LogisticRegression} as a
 * graph (MatMul, Add, Softmax; written by
 * {@code src/test/resources/multiclass-models/make_models.py}) whose {@code [rows, 3]}
 * output names the classes. Imported as {@code jobs/import-model} does, run by ONNX
 * Runtime a block at a time, each row's probabilities within float32 rounding of
 * scikit-learn's {@code predict_proba}, and every month's figures accordingly close to
 * scikit-learn's.
 */
class OnnxMulticlassTests {

	/** ONNX Runtime computes in float32; scikit-learn in float64. */
	private static final double PROBABILITY_TOLERANCE = 1e-6;

	@TempDir
	Path dir;

	@Test
	void importsTheGraphAndGivesScikitLearnsProbabilitiesWithinFloat32() throws IOException {
		// given
		DatasetConfig dataset = MulticlassReference.dataset(this.dir);

		// when
		ModelVersion version = importSoftmax(dataset).version();

		// then: the output names the dataset's classes; each row's probabilities and
		// each month's figures are scikit-learn's within float32
		assertThat(version.definition().classes()).containsExactly("bronze", "silver", "gold");
		assertThat(Files.readString(version.file())).contains("\"classes\" : [ \"bronze\", \"silver\", \"gold\" ]");
		try (ScoringPass<ModelVersion> pass = ScoringPass.bind(List.of(version), (model) -> model, dataset, null,
				0.5)) {
			MulticlassAccumulator whole = new MulticlassAccumulator(3);
			for (String month : MulticlassReference.MONTHS) {
				pass.restart();
				Map<Long, double[]> expected = MulticlassReference.predictions("lr", month);
				double[] worst = new double[1];
				BlockScorer blocks = pass.blocks((row, scores) -> {
					pass.accumulate(row, scores);
					assertThat(scores[0]).isEqualTo(Arrays.stream(expected.get(row.line())).max().orElseThrow(),
							within(PROBABILITY_TOLERANCE));
				});
				MulticlassReference.rows(dataset, month).forEach(blocks::add);
				blocks.flush();
				MulticlassAccumulator accumulator = (MulticlassAccumulator) pass.models().get(0).accumulator();
				whole.merge(accumulator);
				assertClose(accumulator.result(), MulticlassReference.monthly("lr", month), month);
			}
			assertClose(whole.result(), MulticlassReference.monthly("lr", "ALL"), "ALL");
		}
	}

	@Test
	void eachRowsProbabilitiesAreScikitLearnsWithinFloat32() {
		// given
		DatasetConfig dataset = MulticlassReference.dataset(this.dir);
		ModelVersion version = importSoftmax(dataset).version();
		String month = MulticlassReference.MONTHS.get(1);
		List<Row> rows = MulticlassReference.rows(dataset, month);
		double[] probabilities = new double[rows.size() * 3];

		// when: one block, one call into ONNX Runtime
		try (Scorer scorer = version.bind(dataset)) {
			((ClassScorer) scorer).probabilitiesBatch(rows, probabilities);
		}

		// then
		Map<Long, double[]> expected = MulticlassReference.predictions("lr", month);
		for (int r = 0; r < rows.size(); r++) {
			for (int c = 0; c < 3; c++) {
				assertThat(probabilities[r * 3 + c]).as("line " + rows.get(r).line() + " class " + c)
					.isCloseTo(expected.get(rows.get(r).line())[c], within(PROBABILITY_TOLERANCE));
			}
		}
	}

	@Test
	void refusesAGraphWhoseOutputHasAnotherNumberOfClasses() throws IOException {
		// given: a dataset of 4 classes
		Path yml = this.dir.resolve("tiers.yml");
		Files.writeString(yml,
				MulticlassReference.DATASET_YML.replace("[bronze, silver, gold]", "[bronze, silver, gold, platinum]"));
		DatasetConfig dataset = DatasetConfigs.load(yml);

		// when / then
		assertThatExceptionOfType(ModelFileException.class).isThrownBy(() -> importSoftmax(dataset))
			.withMessageContaining("softmax.onnx")
			.withMessageContaining("[rows, 4] for the dataset's classes [bronze, silver, gold, platinum]");
		assertThat(this.dir.resolve("models")).doesNotExist();
	}

	@Test
	void aModelFileWhoseClassesDifferFromTheDatasetsIsRefusedNamingBoth() throws IOException {
		// given: the imported model file with its classes in another order
		DatasetConfig dataset = MulticlassReference.dataset(this.dir);
		OnnxImport.Imported imported = importSoftmax(dataset);
		String json = Files.readString(imported.modelFile())
			.replace("[ \"bronze\", \"silver\", \"gold\" ]", "[ \"gold\", \"silver\", \"bronze\" ]");
		Files.writeString(imported.modelFile(), json);
		ModelVersion changed = ModelFiles.load(imported.modelFile());

		// when / then
		assertThatExceptionOfType(ModelFileException.class).isThrownBy(() -> changed.bind(dataset))
			.withMessageContaining("[gold, silver, bronze]")
			.withMessageContaining("[bronze, silver, gold]");
	}

	private OnnxImport.Imported importSoftmax(DatasetConfig dataset) {
		List<String> inputs = List.of(MulticlassReference.ONNX_INPUTS.split(","));
		return OnnxImport.importModel(new OnnxImport.Request(MulticlassReference.DIR.resolve("softmax.onnx"),
				"tiers-onnx", "1", inputs, Map.of(), null), dataset, this.dir.resolve("models"));
	}

	/**
	 * The figures of float32 probabilities: log loss within float32 rounding, and the
	 * others exact unless a row's order or top class changes within that rounding.
	 */
	private static void assertClose(MetricValues got, Map<Metric, Double> expected, String period) {
		expected.forEach((metric, value) -> assertThat(got.get(metric).orElseThrow()).as(period + " " + metric.key())
			.isCloseTo(value, within((metric == Metric.LOG_LOSS) ? 1e-6 : 1e-12)));
	}

}
