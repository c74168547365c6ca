package io.ratchet.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code kind: tree-ensemble} with {@code task: multiclass}: per class a base and trees,
 * read strictly, written back unchanged, scored as the softmax of the class sums
 * (boosting) or as the sums themselves (a forest, link identity).
 */
class MulticlassTreesTests {

	private static final Path FILE = Path.of("config/models/tiers-gb-v1.json");

	/**
	 * Class sums: bronze -0.5 + (x1 < 0 ? 1.0 : -1.0), silver 0.1, gold 0.2 + (region
	 * north ? 0.3 : -0.3).
	 */
	private static final String BOOSTED = """
			{"format": "ratchet-model/1", "name": "tiers-gb", "version": "1", "dataset": "tiers",
			 "task": "multiclass", "kind": "tree-ensemble", "link": "softmax",
			 "classes": [
			  {"class": "bronze", "base": -0.5, "trees": [{"nodes": [
			    {"id": 0, "feature": "x1", "threshold": 0.0, "yes": 1, "no": 2, "missing": "yes"},
			    {"id": 1, "leaf": 1.0}, {"id": 2, "leaf": -1.0}]}]},
			  {"class": "silver", "base": 0.1, "trees": []},
			  {"class": "gold", "base": 0.2, "trees": [{"nodes": [
			    {"id": 0, "feature": "region", "levels": ["north"], "yes": 1, "no": 2, "missing": "no"},
			    {"id": 1, "leaf": 0.3}, {"id": 2, "leaf": -0.3}]}]}]}
			""";

	/** One tree: x1 < 0 gives (0.6, 0.3, 0.1), else (0.1, 0.2, 0.7). */
	private static final String FOREST = """
			{"format": "ratchet-model/1", "name": "tiers-rf", "version": "1", "dataset": "tiers",
			 "task": "multiclass", "kind": "tree-ensemble", "link": "identity",
			 "classes": [
			  {"class": "bronze", "base": 0.0, "trees": [{"nodes": [
			    {"id": 0, "feature": "x1", "threshold": 0.0, "yes": 1, "no": 2, "missing": "yes"},
			    {"id": 1, "leaf": 0.6}, {"id": 2, "leaf": 0.1}]}]},
			  {"class": "silver", "base": 0.0, "trees": [{"nodes": [
			    {"id": 0, "feature": "x1", "threshold": 0.0, "yes": 1, "no": 2, "missing": "yes"},
			    {"id": 1, "leaf": 0.3}, {"id": 2, "leaf": 0.2}]}]},
			  {"class": "gold", "base": 0.0, "trees": [{"nodes": [
			    {"id": 0, "feature": "x1", "threshold": 0.0, "yes": 1, "no": 2, "missing": "yes"},
			    {"id": 1, "leaf": 0.1}, {"id": 2, "leaf": 0.7}]}]}]}
			""";

	@TempDir
	Path dir;

	@Test
	void scoresTheSoftmaxOfEachClassSum() {
		// given
		ClassScorer scorer = (ClassScorer) parse(BOOSTED).bind(MulticlassReference.dataset(this.dir));
		double[] probabilities = new double[3];

		// when
		scorer.probabilities(row(-1.0, "north"), probabilities);

		// then: z = (0.5, 0.1, 0.5), by hand
		double[] z = { 0.5, 0.1, 0.5 };
		double sum = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
		for (int c = 0; c < 3; c++) {
			assertThat(probabilities[c]).isCloseTo(Math.exp(z[c]) / sum, within(1e-15));
		}
		assertThat(scorer.score(row(-1.0, "north"))).isEqualTo(probabilities[0]);
	}

	@Test
	void aForestsProbabilitiesAreItsClassSums() {
		// given
		ClassScorer scorer = (ClassScorer) parse(FOREST).bind(MulticlassReference.dataset(this.dir));
		double[] probabilities = new double[3];

		// when
		scorer.probabilities(row(0.5, "west"), probabilities);

		// then
		assertThat(probabilities).containsExactly(0.1, 0.2, 0.7);
		assertThat(scorer.score(row(-0.5, "west"))).isEqualTo(0.6);
	}

	@Test
	void writesWhatItReads() {
		for (String json : List.of(BOOSTED, FOREST)) {
			// given
			ModelVersion version = parse(json);

			// when
			String written = ModelFiles.toJson(version.name(), version.version(), version.dataset(), version.task(),
					version.definition());

			// then
			assertThat(parse(written).definition()).isEqualTo(version.definition());
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					a forest past 1       | FOREST  | "leaf": 0.7}    | "leaf": 1.5}    | classes[2]: with link identity each class's sum is an average of probabilities
					a class's intercept   | BOOSTED | "base": 0.1,    | "intercept": 0.1, "base": 0.1, | classes[1].intercept: field "intercept" does not belong in a tree ensemble's class
					a top-level base      | BOOSTED | "link": "softmax", | "link": "softmax", "base": 0.0, | base
					logistic link         | BOOSTED | "softmax"       | "logistic"      | link
					no classes            | BOOSTED | "classes"       | "klasses"       | klasses
					binary with classes   | BOOSTED | "multiclass"    | "binary"        | link: a binary model needs link logistic, not softmax
					""")
	void refusesWhatIsNotAMulticlassTreeEnsembleNamingTheFile(String title, String which, String from, String to,
			String message) {
		// given
		String json = ("FOREST".equals(which) ? FOREST : BOOSTED).replace(from, to);

		// when / then
		assertThatExceptionOfType(ModelFileException.class).isThrownBy(() -> parse(json))
			.withMessageContaining("tiers-gb-v1.json")
			.withMessageContaining(message);
	}

	@Test
	void bindsOnlyToADatasetWithTheSameClassesInTheSameOrder() throws Exception {
		// given
		java.nio.file.Files.writeString(this.dir.resolve("tiers.yml"),
				MulticlassReference.DATASET_YML.replace("[bronze, silver, gold]", "[bronze, gold, silver]"));
		DatasetConfig other = io.ratchet.data.DatasetConfigs.load(this.dir.resolve("tiers.yml"));

		// when / then
		assertThatExceptionOfType(ModelFileException.class).isThrownBy(() -> parse(BOOSTED).bind(other))
			.withMessageContaining("[bronze, silver, gold]")
			.withMessageContaining("[bronze, gold, silver]");
	}

	private static Row row(double x1, String region) {
		return new Row(2, LocalDate.of(2024, 1, 1), 0, new double[] { x1, 0, 0, 0, 0, 0, Double.NaN },
				new String[] { null, null, null, null, null, null, region });
	}

	private static ModelVersion parse(String json) {
		return ModelFiles.parse(json.getBytes(StandardCharsets.UTF_8), FILE);
	}

}
