package io.ratchet.model.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ratchet.data.Task;
import io.ratchet.model.Scorer;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export helper users run next to scikit-learn
 * ({@code src/main/python/export_sklearn_trees.py}), run by
 * {@code src/test/python/export_sklearn_trees_check.py} on stand-ins for fitted models
 * (no scikit-learn here): its dumps import, score as scikit-learn would, and have the
 * layout of the model zoo's {@code trees.json}. Skipped without python3 and numpy.
 */
class SklearnTreesHelperTests {

	@TempDir
	Path dir;

	@BeforeEach
	void runTheHelper() throws IOException, InterruptedException {
		Process check = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
		Assumptions.assumeTrue(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0,
				"python3 with numpy is not available: the export helper is not run");
		Process run = new ProcessBuilder("python3", "src/test/python/export_sklearn_trees_check.py", "src/main/python",
				this.dir.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(run.getInputStream().readAllBytes());
		assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(run.exitValue()).as(output).isZero();
	}

	@Test
	void itsDumpsImportAndScoreAsScikitLearn() {
		for (Map.Entry<String, Task> model : Map.of("gb", Task.REGRESSION, "rf", Task.BINARY, "hgb", Task.REGRESSION)
			.entrySet()) {
			// given
			Scorer scorer = ImportFixtures.scorer(this.dir, this.dir.resolve(model.getKey() + ".json"),
					ImportFixtures.shop(model.getValue()));
			List<CSVRecord> rows = Zoo.csv(this.dir.resolve(model.getKey() + ".csv"));
			assertThat(rows).hasSize(35);
			for (CSVRecord row : rows) {
				// when
				String tenure = row.get("tenure_months");
				String plan = row.get("plan");
				double got = scorer.score(ImportFixtures.row(tenure.isEmpty() ? Double.NaN : Double.parseDouble(tenure),
						plan.isEmpty() ? null : plan, null));
				// then
				double expected = Double.parseDouble(row.get("expected"));
				assertThat(got).as("%s tenure %s plan %s", model.getKey(), tenure, plan)
					.isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
			}
		}
	}

	@Test
	void itsDumpsHaveTheLayoutOfTheZoo() throws IOException {
		Zoo.assumePresent();
		JsonMapper json = JsonMapper.builder().build();
		for (String[] pair : new String[][] { { "gb", "sklearn-gb" }, { "rf", "sklearn-rf" },
				{ "hgb", "sklearn-hgb-nativecat" } }) {
			// given
			JsonNode ours = json.readTree(this.dir.resolve(pair[0] + ".json").toFile());
			JsonNode zoo = json
				.readTree(Zoo.ZOO.resolve("bike-sharing").resolve(pair[1]).resolve("trees.json").toFile());
			// then: the same fields at the top, in the input, the aggregation and the
			// trees, and the same texts
			assertThat(ours.propertyNames()).as(pair[0]).containsExactlyElementsOf(zoo.propertyNames());
			for (String object : List.of("input", "aggregation", "preprocessing")) {
				assertThat(ours.get(object).propertyNames()).as(pair[0] + " " + object)
					.containsExactlyElementsOf(zoo.get(object).propertyNames());
			}
			assertThat(ours.get("trees").get(0).propertyNames()).as(pair[0] + " trees")
				.containsExactlyElementsOf(zoo.get("trees").get(0).propertyNames());
			for (String text : List.of("format", "link", "decision", "node_arrays")) {
				assertThat(ours.get(text)).as(pair[0] + " " + text).isEqualTo(zoo.get(text));
			}
		}
	}

}
