package io.ratchet.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ratchet.ConsoleCapture;
import io.ratchet.TestPaths;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Feature;
import io.ratchet.model.ModelCase;
import io.ratchet.model.ModelCaseFiles;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.SklearnExport;
import io.ratchet.test.SharedContextTests;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jobs/score}: the committed models' regression cases, written as rows of a file,
 * score to their recorded outputs; the oracle's scikit-learn models score the first 500
 * rows of weatherAUS to the oracle's own predictions (skipped without {@code ../shared});
 * output to a file is written whole or not at all; wrong input is refused.
 */
class ScoreCommandTests extends SharedContextTests {

	private static final Path SHARED = Path.of("..", "shared");

	@Autowired
	CommandLine commandLine;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@BeforeEach
	void setUp() throws IOException {
		if (!Files.exists(root.resolve("config/datasets/churn.yml"))) {
			TestPaths.copyDemo(root);
		}
	}

	@Test
	void everyCommittedModelScoresItsRegressionCasesToTheirRecordedOutputs() throws IOException {
		// given: each model's cases as rows of the dataset (features the model does not
		// read left missing)
		DatasetConfig churn = DatasetConfigs.load(root.resolve("config"), "churn");
		ModelCatalogue catalogue = ModelCatalogue.scan(root.resolve("config/models"));
		assertThat(catalogue.forDataset("churn")).hasSizeGreaterThanOrEqualTo(3);
		for (ModelVersion model : catalogue.forDataset("churn")) {
			List<ModelCase> cases = ModelCases.read(model);
			Path file = root.resolve(model.name() + "-v" + model.version() + "-cases.csv");
			writeRows(file, churn, cases);

			// when
			this.console.resetOut();
			int exit = this.commandLine.run("score", "churn", file.toString(), "--models", model.key());

			// then
			assertThat(exit).as(this.console.err()).isZero();
			List<CSVRecord> scored = records(this.console.out());
			assertThat(scored).hasSize(cases.size());
			for (int i = 0; i < cases.size(); i++) {
				CSVRecord record = scored.get(i);
				assertThat(record.get("line")).isEqualTo(Integer.toString(i + 2));
				assertThat(record.get("customer_id")).isEqualTo("case-" + i);
				double expected = cases.get(i).expected();
				double got = Double.parseDouble(record.get(model.key()));
				assertThat(Math.abs(got - expected))
					.as("%s case %s: got %s, recorded %s", model.key(), cases.get(i).name(), got, expected)
					.isLessThanOrEqualTo(ModelCases.TOLERANCE * Math.max(1, Math.abs(expected)));
			}
		}
	}

	@Test
	void theOraclesModelsScoreWeatherAusAsScikitLearnDid() throws IOException {
		// given
		Assumptions.assumeTrue(Files.exists(SHARED.resolve("oracle")) && Files.exists(SHARED.resolve("data")),
				SHARED.toAbsolutePath().normalize() + " absent: oracle comparison skipped");
		Path config = root.resolve("config");
		List<String> header = weatherHeader();
		StringBuilder yml = new StringBuilder("""
				name: weather-aus
				date: {column: Date}
				label: {column: RainTomorrow, task: binary, positive: "Yes", negative: "No"}
				missing: ["NA"]
				id: [Date, Location]
				features:
				""");
		List<String> categorical = List.of("Location", "WindGustDir", "WindDir9am", "WindDir3pm", "RainToday");
		for (String column : header) {
			if (!column.equals("Date") && !column.equals("RainTomorrow")) {
				yml.append("  - {name: ")
					.append(column)
					.append(", type: ")
					.append(categorical.contains(column) ? "categorical" : "numeric")
					.append("}\n");
			}
		}
		Files.writeString(config.resolve("datasets/weather-aus.yml"), yml.toString());
		for (String model : List.of("rain-full", "rain-small")) {
			Path file = config.resolve("models/" + model + "-v1.json");
			Files.writeString(file, SklearnExport
				.toRatchetJson(SHARED.resolve("oracle/weather-aus/model-" + model + ".json"), "weather-aus", "1"));
			ModelCaseFiles.writeBeside(file);
		}
		List<String> lines = Files.readAllLines(SHARED.resolve("data/weather-aus/weatherAUS.csv"));
		Path first500 = root.resolve("weather-first-500.csv");
		Files.write(first500, lines.subList(0, 501));
		Path target = root.resolve("out/weather-scores.csv");

		// when
		int exit = this.commandLine.run("score", "weather-aus", first500.toString(), "--models",
				"rain-full@1,rain-small@1", "--out", target.toString());

		// then
		assertThat(exit).as(this.console.err()).isZero();
		assertThat(this.console.out()).contains("Wrote " + target + ": 500 rows, 2 models," + " 0 rejected");
		List<CSVRecord> scored = records(Files.readString(target));
		List<CSVRecord> golden = records(Files.readString(SHARED.resolve("oracle/weather-aus/golden-predictions.csv")));
		assertThat(scored).hasSize(500);
		assertThat(golden).hasSize(500);
		assertThat(records(lines.get(0) + "\n" + lines.get(1) + "\n").get(0).get("Location"))
			.isEqualTo(scored.get(0).get("Location"));
		for (int i = 0; i < 500; i++) {
			assertThat(scored.get(i).get("line")).isEqualTo(Integer.toString(i + 2));
			assertThat(scored.get(i).get("Date")).isEqualTo(golden.get(i).get("event_date"));
			for (String model : List.of("rain-full", "rain-small")) {
				double want = Double.parseDouble(golden.get(i).get(model));
				double got = Double.parseDouble(scored.get(i).get(model + "@1"));
				assertThat(Math.abs(got - want)).as("%s row %d: got %s, oracle %s", model, i + 1, got, want)
					.isLessThanOrEqualTo(1e-12 * Math.max(1.0, Math.abs(want)));
			}
		}
	}

	@Test
	void aFileThatTurnsOutMalformedLeavesNoOutputBehind() throws IOException {
		// given: a good row, then a quoted field that never closes
		Path file = root.resolve("broken.csv");
		Files.writeString(file,
				"customer_id,event_date,tenure_months,monthly_charges,support_tickets,usage_hours,"
						+ "days_since_login,plan,region,payment_method\nc1,2026-01-05,3,50,1,20,4,basic,east,card\n"
						+ "c2,2026-01-06,3,50,1,20,4,\"basic,east,card\n");
		Path target = root.resolve("broken-scores.csv");

		// when
		int exit = this.commandLine.run("score", "churn", file.toString(), "--out", target.toString());

		// then
		assertThat(exit).isEqualTo(CommandLine.FAILED);
		assertThat(this.console.err()).contains(file + " line 3: malformed CSV");
		assertThat(target).doesNotExist();
		try (var files = Files.list(root)) {
			assertThat(files.map((path) -> path.getFileName().toString())).noneMatch((name) -> name.endsWith(".tmp"));
		}
	}

	@Test
	void theDefaultModelsAreTheRegistrysAndWrongInputIsRefused() throws IOException {
		// given
		Path file = root.resolve("two.csv");
		Files.writeString(file, "customer_id,event_date,tenure_months,monthly_charges,support_tickets,usage_hours,"
				+ "days_since_login,plan,region,payment_method,churned\nc1,2026-01-05,3,50,1,20,4,basic,east,card,no\n"
				+ "c2,2026-01-06,3,50,1,20,4,pro,west,card,yes\n");

		// when
		int exit = this.commandLine.run("score", "churn", file.toString());

		// then
		assertThat(exit).isZero();
		assertThat(this.console.out().lines().findFirst().orElseThrow())
			.isEqualTo("line,customer_id,churn-logit@1,churn-logit@2,churn-gbt@1,churn-xgb@1");
		assertThat(this.commandLine.run("score", "churn", root.resolve("absent.csv").toString()))
			.isEqualTo(CommandLine.USAGE);
		assertThat(this.commandLine.run("score", "churn", file.toString(), "--models", "churn-nope@1"))
			.isEqualTo(CommandLine.FAILED);
		assertThat(this.console.err()).contains("churn-nope@1").contains("churn-logit@1");
		assertThat(this.commandLine.run("score", "churn", file.toString(), "--models", "../x@1"))
			.isEqualTo(CommandLine.USAGE);
	}

	private static void writeRows(Path file, DatasetConfig dataset, List<ModelCase> cases) throws IOException {
		List<String> header = new ArrayList<>(List.of("customer_id", "event_date"));
		dataset.features().stream().map(Feature::name).forEach(header::add);
		try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(file), CSVFormat.DEFAULT)) {
			csv.printRecord(header);
			for (int i = 0; i < cases.size(); i++) {
				Map<String, String> values = cases.get(i).values();
				List<String> cells = new ArrayList<>(List.of("case-" + i, "2026-01-15"));
				for (Feature feature : dataset.features()) {
					String value = values.get(feature.name());
					cells.add((value != null) ? value : "");
				}
				csv.printRecord(cells);
			}
		}
	}

	private static List<String> weatherHeader() throws IOException {
		try (Reader reader = Files.newBufferedReader(SHARED.resolve("data/weather-aus/weatherAUS.csv"))) {
			return CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)
				.getHeaderNames();
		}
	}

	private static List<CSVRecord> records(String csv) throws IOException {
		try (CSVParser parser = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new java.io.StringReader(csv))) {
			return parser.getRecords();
		}
	}

}
