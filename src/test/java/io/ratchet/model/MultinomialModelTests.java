package io.ratchet.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.data.Task;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MulticlassAccumulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code kind: multinomial}: read strictly from a model file, written back unchanged,
 * scored as the softmax of one linear sum per class, and bound only to a dataset with the
 * same classes in the same order.
 */
class MultinomialModelTests {

	private static final Path FILE = Path.of("config/models/iris-softmax-v1.json");

	private static final String JSON = """
			{"format": "ratchet-model/1", "name": "iris-softmax", "version": "1", "dataset": "iris",
			 "task": "multiclass", "kind": "multinomial", "link": "softmax",
			 "classes": [
			  {"class": "setosa", "intercept": 1.0, "terms": [
			    {"feature": "x", "type": "numeric", "impute": 0.0, "center": 1.0, "scale": 2.0, "weight": -1.5}]},
			  {"class": "versicolor", "intercept": 0.0, "terms": [
			    {"feature": "colour", "type": "categorical", "weights": {"red": 0.7}, "unknown": -0.2}]},
			  {"class": "virginica", "intercept": -0.5, "terms": [
			    {"feature": "x", "type": "numeric", "impute": 3.0, "center": 1.0, "scale": 2.0, "weight": 2.0}]}]}
			""";

	private static final DatasetConfig IRIS = iris(List.of("setosa", "versicolor", "virginica"));

	@Test
	void scoresTheSoftmaxOfEachClassSum() {
		// given
		ModelVersion version = parse(JSON);
		ClassScorer scorer = (ClassScorer) version.bind(IRIS);
		Row row = new Row(1, LocalDate.of(2024, 1, 1), 0, new double[] { 3.0, Double.NaN },
				new String[] { null, "red" });
		double[] probabilities = new double[3];

		// when
		scorer.probabilities(row, probabilities);

		// then: z = (1 - 1.5 * (3 - 1) / 2, 0.7, -0.5 + 2 * (3 - 1) / 2), by hand
		double[] z = { -0.5, 0.7, 1.5 };
		double sum = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
		for (int c = 0; c < 3; c++) {
			assertThat(probabilities[c]).isCloseTo(Math.exp(z[c]) / sum, within(1e-15));
		}
		assertThat(scorer.classes()).isEqualTo(3);
		assertThat(scorer.score(row)).isEqualTo(probabilities[2]);
		assertThat(version.features()).containsExactly("x", "colour");
	}

	@Test
	void writesWhatItReads() {
		// given
		ModelVersion version = parse(JSON);

		// when
		String written = ModelFiles.toJson(version.name(), version.version(), version.dataset(), version.task(),
				version.definition());

		// then
		assertThat(parse(written).definition()).isEqualTo(version.definition());
	}

	@Test
	void bindingToOtherClassesIsRefusedNamingBoth() {
		// given: the dataset lists the classes in another order
		DatasetConfig reordered = iris(List.of("virginica", "versicolor", "setosa"));

		// when / then
		assertThatExceptionOfType(ModelFileException.class).isThrownBy(() -> parse(JSON).bind(reordered))
			.withMessageContaining("model iris-softmax@1 gives probabilities of the classes "
					+ "[setosa, versicolor, virginica] but dataset \"iris\" has the classes "
					+ "[virginica, versicolor, setosa]");
	}

	@Test
	void badFilesAreRefusedWithTheirPath() {
		assertRefused(JSON.replace("\"link\": \"softmax\"", "\"link\": \"logistic\""),
				"link: a multinomial model needs link softmax, not logistic");
		assertRefused(JSON.replace("\"kind\": \"multinomial\"", "\"kind\": \"linear\""),
				"kind: a multiclass model gives one probability per class: kind multinomial, tree-ensemble (with classes) or onnx (its output naming its classes), not linear");
		assertRefused(JSON.replace("\"class\": \"virginica\"", "\"class\": \"setosa\""),
				"class \"setosa\" is listed twice");
		assertRefused(JSON.replace("\"task\": \"multiclass\"", "\"task\": \"binary\""),
				"link: a binary model needs link logistic, not softmax");
	}

	private static void assertRefused(String json, String message) {
		assertThatExceptionOfType(ModelFileException.class).isThrownBy(() -> parse(json))
			.withMessageStartingWith(FILE + " line ")
			.withMessageContaining(message);
	}

	@Test
	void aScoringPassAccumulatesEachRowsProbabilitiesScoredOnce() {
		// given: rows of every class, one unlabelled
		ModelVersion version = parse(JSON);
		ClassScorer scorer = (ClassScorer) version.bind(IRIS);
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			double label = (i == 7) ? Double.NaN : i % 3;
			rows.add(new Row(i + 2, LocalDate.of(2024, 1, 1), label, new double[] { i / 10.0, Double.NaN },
					new String[] { null, (i % 2 == 0) ? "red" : "blue" }));
		}
		MulticlassAccumulator expected = new MulticlassAccumulator(3);
		for (Row row : rows) {
			double[] probabilities = new double[3];
			scorer.probabilities(row, probabilities);
			expected.add(probabilities, row.label());
		}

		// when
		MetricAccumulator accumulated;
		try (ScoringPass<ModelVersion> pass = ScoringPass.bind(List.of(version), (model) -> model, IRIS, null, 0.5)) {
			BlockScorer blocks = pass.blocks();
			rows.forEach(blocks::add);
			blocks.flush();
			accumulated = pass.models().get(0).accumulator();
		}

		// then: the same state as the probabilities added by hand
		assertThat(accumulated.toBytes()).isEqualTo(expected.toBytes());
		assertThat(accumulated.result().n()).isEqualTo(29);
	}

	private static ModelVersion parse(String json) {
		return ModelFiles.parse(json.getBytes(StandardCharsets.UTF_8), FILE);
	}

	private static DatasetConfig iris(List<String> classes) {
		return DatasetConfig.builder("iris", null)
			.date("d")
			.label("species", Task.MULTICLASS)
			.classes(classes)
			.features(List.of(new Feature("x", FeatureType.NUMERIC), new Feature("colour", FeatureType.CATEGORICAL)))
			.build();
	}

}
