package io.ratchet.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class DemoGeneratorTests {

	private static final YearMonth LAST = YearMonth.of(2026, 10);

	@TempDir
	static Path shared;

	private static DemoGenerator.Result result;

	/** The records of each generated month file, read once. */
	private static final Map<YearMonth, List<CSVRecord>> months = new TreeMap<>();

	@BeforeAll
	static void generateOnce() throws IOException {
		result = DemoGenerator.generate(shared, LAST, DemoGenerator.DEFAULT_SEED);
		for (Path file : monthFiles(shared)) {
			months.put(YearMonth.parse(file.getFileName().toString().substring(0, 7)), DemoFiles.month(file));
		}
	}

	@Test
	void sameSeedWritesIdenticalFiles(@TempDir Path other) throws IOException {
		// given the demo generated once with seed 42

		// when
		DemoGenerator.Result again = DemoGenerator.generate(other, LAST, 42);

		// then
		assertThat(relative(other, again.written())).isEqualTo(relative(shared, result.written()));
		for (Path file : relative(shared, result.written())) {
			assertThat(Files.readAllBytes(other.resolve(file))).as(file.toString())
				.isEqualTo(Files.readAllBytes(shared.resolve(file)));
		}
	}

	@Test
	void anotherSeedWritesOtherData(@TempDir Path other) throws IOException {
		// given the demo generated once with seed 42

		// when
		DemoGenerator.generate(other, LAST, 7);

		// then
		for (String file : List.of("historical-data/churn/2025-03.csv", "config/models/churn-logit-v1.json")) {
			assertThat(Files.readAllBytes(other.resolve(file))).as(file)
				.isNotEqualTo(Files.readAllBytes(shared.resolve(file)));
		}
		assertThat(Files.readString(other.resolve("config/datasets/churn.yml")))
			.isEqualTo(Files.readString(shared.resolve("config/datasets/churn.yml")));
	}

	@Test
	void writesTwentyFourMonthFilesEndingWithTheLastMonth() throws IOException {
		// given the demo generated once

		// when
		List<Path> files = monthFiles(shared);

		// then
		assertThat(result.first()).isEqualTo(YearMonth.of(2024, 11));
		assertThat(result.last()).isEqualTo(LAST);
		assertThat(files).extracting((file) -> file.getFileName().toString())
			.startsWith("2024-11.csv", "2024-12.csv", "2025-01.csv")
			.endsWith("2026-10.csv")
			.hasSize(24);
		long rows = 0;
		long bytes = 0;
		for (Path file : files) {
			YearMonth month = YearMonth.parse(file.getFileName().toString().substring(0, 7));
			String text = Files.readString(file);
			assertThat(text).startsWith("customer_id,event_date,tenure_months,monthly_charges,support_tickets,"
					+ "usage_hours,days_since_login,plan,region,payment_method,churned\n").doesNotContain("\r");
			List<CSVRecord> records = months.get(month);
			assertThat(records).hasSizeBetween(1300, 1700);
			LocalDate previous = month.atDay(1);
			for (CSVRecord record : records) {
				LocalDate date = LocalDate.parse(record.get("event_date"));
				assertThat(YearMonth.from(date)).as(file + " line " + record.getRecordNumber()).isEqualTo(month);
				assertThat(date).isAfterOrEqualTo(previous);
				assertThat(record.get("churned")).isIn("yes", "no", "");
				previous = date;
			}
			rows += records.size();
			bytes += Files.size(file);
		}
		assertThat(result.rows()).isEqualTo(rows);
		assertThat(bytes).isLessThan(4L * 1024 * 1024);
	}

	@Test
	void onlyTheLastTenDaysOfTheLastMonthAreUnlabelled() throws IOException {
		// given the demo generated once

		// when
		List<YearMonth> labelled = months.keySet().stream()
			.filter((month) -> months.get(month).stream().allMatch((record) -> !record.get("churned").isEmpty()))
			.toList();

		// then
		assertThat(labelled).hasSize(23).doesNotContain(LAST);
		for (CSVRecord record : months.get(LAST)) {
			boolean delayed = LocalDate.parse(record.get("event_date")).getDayOfMonth() > LAST.lengthOfMonth() - 10;
			assertThat(record.get("churned").isEmpty()).as("line " + record.getRecordNumber()).isEqualTo(delayed);
		}
	}

	@Test
	void someValuesAreMissing() throws IOException {
		// given the demo generated once

		// when
		List<CSVRecord> records = months.values().stream().flatMap(List::stream).toList();

		// then
		assertThat(share(records, "usage_hours", "")).isBetween(0.02, 0.05);
		assertThat(share(records, "days_since_login", "")).isBetween(0.02, 0.05);
		assertThat(share(records, "region", "NA")).isBetween(0.005, 0.03);
		assertThat(share(records, "tenure_months", "")).isZero();
	}

	@Test
	void championMeetsTheMonthlyMinimumsBeforeTheDriftAndBreachesThemAfter() throws IOException {
		// given
		JsonNode requirements = DemoFiles.yaml(shared.resolve("config/requirements.yml")).get("churn");
		double minAuc = requirements.get("monthly").get("roc_auc").get("min").asDouble();
		double maxLogLoss = requirements.get("monthly").get("log_loss").get("max").asDouble();
		JsonNode champion = DemoFiles.json(shared.resolve("config/models/churn-logit-v1.json"));

		// when
		List<double[]> figures = new ArrayList<>();
		for (List<CSVRecord> month : months.values()) {
			figures.add(DemoFiles.aucAndLogLoss(champion, month));
		}

		// then
		assertThat(requirements.get("min-rows").asInt()).isEqualTo(200);
		for (int i = 0; i < 20; i++) {
			assertThat(figures.get(i)[0]).as("AUC of month %d", i + 1).isGreaterThanOrEqualTo(minAuc).isGreaterThan(0.75);
			assertThat(figures.get(i)[1]).as("log loss of month %d", i + 1).isLessThanOrEqualTo(maxLogLoss);
		}
		List<double[]> drifted = figures.subList(20, 24);
		assertThat(drifted).filteredOn((month) -> month[0] < minAuc).hasSizeGreaterThanOrEqualTo(3);
		assertThat(drifted).filteredOn((month) -> month[1] > maxLogLoss).hasSizeGreaterThanOrEqualTo(3);
		assertThat(drifted).allMatch((month) -> month[0] < 0.72);
	}

	@Test
	void registersTheChampionAndBothCandidates() throws IOException {
		// given the demo generated once

		// when
		String registry = Files.readString(shared.resolve("config/registry.yml"));

		// then
		assertThat(registry).isEqualTo(
				"churn:\n  champion: churn-logit@1\n  candidates: [churn-logit@2, churn-gbt@1]\n");
		for (String[] model : new String[][] { { "churn-logit-v1", "churn-logit", "1", "linear", "2024-11", "2025-10" },
				{ "churn-logit-v2", "churn-logit", "2", "linear", "2025-07", "2026-06" },
				{ "churn-gbt-v1", "churn-gbt", "1", "tree-ensemble", "2024-11", "2025-10" } }) {
			JsonNode json = DemoFiles.json(shared.resolve("config/models/" + model[0] + ".json"));
			assertThat(json.get("format").asString()).isEqualTo("ratchet-model/1");
			assertThat(json.get("name").asString()).isEqualTo(model[1]);
			assertThat(json.get("version").asString()).isEqualTo(model[2]);
			assertThat(json.get("kind").asString()).isEqualTo(model[3]);
			assertThat(json.get("dataset").asString()).isEqualTo("churn");
			assertThat(json.get("link").asString()).isEqualTo("logistic");
			assertThat(json.get("training").get("window").values()).extracting(JsonNode::asString)
				.containsExactly(model[4], model[5]);
		}
	}

	@Test
	void logisticModelsMinimiseTheirStatedObjective() throws IOException {
		for (String name : List.of("churn-logit-v1", "churn-logit-v2")) {
			// given
			JsonNode model = DemoFiles.json(shared.resolve("config/models/" + name + ".json"));
			JsonNode training = model.get("training");
			double c = training.get("C").asDouble();
			List<CSVRecord> records = window(training);
			List<JsonNode> terms = new ArrayList<>(model.get("terms").values());

			// when: the objective's gradient at the written coefficients
			double interceptGradient = 0;
			double[] gradient = new double[terms.size()];
			for (CSVRecord record : records) {
				double residual = DemoFiles.score(model, record) - (record.get("churned").equals("yes") ? 1 : 0);
				interceptGradient += c * residual;
				for (int t = 0; t < terms.size(); t++) {
					JsonNode term = terms.get(t);
					if (term.get("type").asString().equals("numeric")) {
						gradient[t] += c * residual * DemoFiles.standardised(term, record);
					}
				}
			}
			for (int t = 0; t < terms.size(); t++) {
				JsonNode term = terms.get(t);
				if (term.get("type").asString().equals("numeric")) {
					gradient[t] += term.get("weight").asDouble();
				}
			}

			// then
			assertThat(training.get("rows").asLong()).isEqualTo(records.size());
			assertThat(interceptGradient).as(name + " intercept").isCloseTo(0, within(1e-6));
			assertThat(Arrays.stream(gradient).map(Math::abs).max().orElseThrow()).as(name + " numeric weights")
				.isLessThan(1e-6);
			for (JsonNode term : terms) {
				if (term.get("type").asString().equals("numeric")) {
					double[] values = records.stream().map((record) -> record.get(term.get("feature").asString()))
						.filter((cell) -> !DemoFiles.missing(cell)).mapToDouble(Double::parseDouble).toArray();
					double mean = Arrays.stream(values).average().orElseThrow();
					double variance = Arrays.stream(values).map((x) -> (x - mean) * (x - mean)).average()
						.orElseThrow();
					assertThat(term.get("center").asDouble()).isCloseTo(mean, within(1e-9));
					assertThat(term.get("impute").asDouble()).isEqualTo(term.get("center").asDouble());
					assertThat(term.get("scale").asDouble()).isCloseTo(Math.sqrt(variance), within(1e-9));
				}
			}
		}
	}

	@Test
	void categoricalWeightsAlsoHaveAZeroGradient() throws IOException {
		// given
		JsonNode model = DemoFiles.json(shared.resolve("config/models/churn-logit-v1.json"));
		List<CSVRecord> records = window(model.get("training"));
		double c = model.get("training").get("C").asDouble();

		// when: the gradient of the objective with respect to each level's weight
		List<String> failures = new ArrayList<>();
		for (JsonNode term : model.get("terms").values()) {
			if (!term.get("type").asString().equals("categorical")) {
				continue;
			}
			assertThat(term.get("unknown").asDouble()).isZero();
			for (var level : term.get("weights").properties()) {
				double gradient = level.getValue().asDouble();
				for (CSVRecord record : records) {
					if (record.get(term.get("feature").asString()).equals(level.getKey())) {
						gradient += c * (DemoFiles.score(model, record) - (record.get("churned").equals("yes") ? 1 : 0));
					}
				}
				if (Math.abs(gradient) > 1e-6) {
					failures.add(level.getKey() + ": " + gradient);
				}
			}
		}

		// then
		assertThat(failures).isEmpty();
	}

	@Test
	void treeEnsembleIsWellFormedAndLearntTheEarlyMonths() throws IOException {
		// given
		JsonNode model = DemoFiles.json(shared.resolve("config/models/churn-gbt-v1.json"));

		// when
		List<CSVRecord> training = window(model.get("training"));
		double trainingAuc = DemoFiles.aucAndLogLoss(model, training)[0];

		// then
		assertThat(model.get("trees").values()).hasSize(30);
		for (JsonNode tree : model.get("trees").values()) {
			List<JsonNode> nodes = new ArrayList<>(tree.get("nodes").values());
			assertThat(nodes).hasSizeBetween(3, 15);
			for (int id = 0; id < nodes.size(); id++) {
				JsonNode node = nodes.get(id);
				assertThat(node.get("id").asInt()).isEqualTo(id);
				if (!node.has("leaf")) {
					assertThat(node.get("yes").asInt()).isGreaterThan(id).isLessThan(nodes.size());
					assertThat(node.get("no").asInt()).isGreaterThan(id).isLessThan(nodes.size());
					assertThat(node.get("missing").asString()).isIn("yes", "no");
					assertThat(node.has("threshold") != node.has("levels")).isTrue();
				}
			}
		}
		assertThat(trainingAuc).isGreaterThan(0.78);
	}

	@Test
	void keepsTheOtherDatasetsOfSharedFilesAndRemovesOldMonths(@TempDir Path root) throws IOException {
		// given
		Files.createDirectories(root.resolve("config/models"));
		Files.createDirectories(root.resolve("historical-data/churn/quarantine"));
		Files.writeString(root.resolve("config/registry.yml"), "# models in production\nchurn:\n  champion: old@9\n\n"
				+ "# weather\nweather:\n  champion: rain@1\n");
		Files.writeString(root.resolve("config/requirements.yml"), "bikes:\n  min-rows: 10\n");
		Files.writeString(root.resolve("config/models/rain-v1.json"), "{}");
		Files.writeString(root.resolve("historical-data/churn/2020-01.csv"), "old");
		Files.writeString(root.resolve("historical-data/churn/quarantine/2020-01.csv"), "rejected");

		// when
		DemoGenerator.generate(root, LAST, 42);

		// then
		assertThat(Files.readString(root.resolve("config/registry.yml"))).isEqualTo("# models in production\n"
				+ "churn:\n  champion: churn-logit@1\n  candidates: [churn-logit@2, churn-gbt@1]\n\n"
				+ "# weather\nweather:\n  champion: rain@1\n");
		assertThat(Files.readString(root.resolve("config/requirements.yml")))
			.startsWith("bikes:\n  min-rows: 10\n\nchurn:\n  min-rows: 200\n")
			.endsWith(Files.readString(shared.resolve("config/requirements.yml")));
		assertThat(root.resolve("config/models/rain-v1.json")).hasContent("{}");
		assertThat(root.resolve("historical-data/churn/2020-01.csv")).doesNotExist();
		assertThat(root.resolve("historical-data/churn/quarantine/2020-01.csv")).hasContent("rejected");
	}

	@Test
	void namesTheFileItCannotWrite(@TempDir Path root) throws IOException {
		// given a file where the config folder should be
		Files.writeString(root.resolve("config"), "not a folder");

		// when / then
		assertThatExceptionOfType(DemoException.class).isThrownBy(() -> DemoGenerator.generate(root, LAST, 42))
			.withMessageStartingWith("config/datasets/churn.yml: cannot write:");
	}

	@Test
	void defaultLastMonthIsTheMonthBeforeToday() {
		// given
		LocalDate today = LocalDate.of(2026, 11, 26);

		// when
		YearMonth last = DemoGenerator.defaultLastMonth(today);

		// then
		assertThat(last).isEqualTo(YearMonth.of(2026, 10));
	}

	private static List<CSVRecord> window(JsonNode training) {
		YearMonth first = YearMonth.parse(training.get("window").get(0).asString());
		YearMonth last = YearMonth.parse(training.get("window").get(1).asString());
		List<CSVRecord> records = new ArrayList<>();
		for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
			records.addAll(months.get(month));
		}
		return records;
	}

	private static List<Path> monthFiles(Path root) throws IOException {
		try (var files = Files.list(root.resolve("historical-data/churn"))) {
			return files.filter((file) -> file.toString().endsWith(".csv")).sorted().toList();
		}
	}

	private static List<Path> relative(Path root, List<Path> files) {
		return files.stream().map(root::relativize).toList();
	}

	private static double share(List<CSVRecord> records, String column, String value) {
		return records.stream().filter((record) -> record.get(column).equals(value)).count() / (double) records.size();
	}

}
