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

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Feature;
import io.ratchet.data.Row;
import io.ratchet.data.Task;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.Scorer;
import io.ratchet.model.TreeEnsemble;
import io.ratchet.model.importers.ModelFormat;
import io.ratchet.model.importers.ModelImport;
import io.ratchet.training.SearchSpaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class DemoGeneratorTests {

	private static final YearMonth LAST = YearMonth.of(2026, 10);

	@TempDir
	static Path shared;

	private static DemoGenerator.Result result;

	/** The generated dataset configuration, as Ratchet loads it. */
	private static DatasetConfig dataset;

	/** The CSV records of each generated month file, read once. */
	private static final Map<YearMonth, List<CSVRecord>> months = new TreeMap<>();

	/**
	 * The rows of each generated month file as Ratchet's importer reads them (none
	 * rejected), read once.
	 */
	private static final Map<YearMonth, List<Row>> rows = new TreeMap<>();

	@BeforeAll
	static void generateOnce() throws IOException {
		result = DemoGenerator.generate(shared, LAST, DemoGenerator.DEFAULT_SEED);
		dataset = DatasetConfigs.load(shared.resolve("config/datasets/churn.yml"));
		for (Path file : monthFiles(shared)) {
			YearMonth month = YearMonth.parse(file.getFileName().toString().substring(0, 7));
			months.put(month, DemoFiles.records(file));
			rows.put(month, DemoFiles.rows(dataset, file, month));
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
	void theShippedDemoIsTheGeneratorsOutput() throws IOException {
		// given the demo generated once with seed 42 and last month 2026-10, as the
		// shipped
		// demo was (jobs/dev/generate-demo --last-month 2026-10 --seed 42)

		// when: each generated file beside the shipped one of the project root
		for (Path file : relative(shared, result.written())) {
			Path shipped = Path.of(file.toString());
			String name = file.getFileName().toString();

			// then: byte for byte, but the logistic models, fitted with Math (not
			// StrictMath), whose last digits may differ between JVMs, agree to 1e-12;
			// their
			// regression cases (which quote the model file's sha256) are checked against
			// the shipped models by CommittedModelCasesTests
			if (name.startsWith("churn-logit-v") && name.endsWith(".json")) {
				LinearModel generated = (LinearModel) ModelFiles.load(shared.resolve(file)).definition();
				LinearModel committed = (LinearModel) ModelFiles.load(shipped).definition();
				assertThat(committed).as(file.toString())
					.usingRecursiveComparison()
					.withComparatorForType((a, b) -> (Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a))) ? 0 : 1,
							Double.class)
					.isEqualTo(generated);
			}
			else if (!name.startsWith("churn-logit-v")) {
				assertThat(Files.readAllBytes(shipped)).as(file.toString())
					.isEqualTo(Files.readAllBytes(shared.resolve(file)));
			}
		}
		assertThat(relative(shared, result.written())).contains(Path.of("config/models/churn-logit-v1.json"),
				Path.of("config/models/churn-logit-v2.json"), Path.of("config/requirements.yml"));
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
			assertThat(text)
				.startsWith("customer_id,event_date,tenure_months,monthly_charges,support_tickets,"
						+ "usage_hours,days_since_login,plan,region,payment_method,churned\n")
				.doesNotContain("\r");
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
		List<YearMonth> labelled = months.keySet()
			.stream()
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
	void ratchetReadsEveryRecordAsWritten() {
		// given the demo generated once, read as CSV and with Ratchet's dataset
		// configuration and month reader

		// when
		List<String> mismatches = new ArrayList<>();
		for (YearMonth month : months.keySet()) {
			List<CSVRecord> records = months.get(month);
			List<Row> read = rows.get(month);
			if (read.size() != records.size()) {
				mismatches.add(month + ": " + read.size() + " rows for " + records.size() + " records");
				continue;
			}
			for (int i = 0; i < records.size(); i++) {
				CSVRecord record = records.get(i);
				Row row = read.get(i);
				String churned = record.get("churned");
				double label = churned.isEmpty() ? Double.NaN : churned.equals("yes") ? 1 : 0;
				String region = record.get("region");
				if (Double.compare(row.label(), label) != 0 || !row.date().toString().equals(record.get("event_date"))
						|| (region.equals("NA") != (row.levels()[dataset.featureIndex("region")] == null))) {
					mismatches.add(month + " line " + row.line());
				}
			}
		}

		// then
		assertThat(dataset.task()).isEqualTo(Task.BINARY);
		assertThat(dataset.features()).extracting(Feature::name)
			.containsExactly("tenure_months", "monthly_charges", "support_tickets", "usage_hours", "days_since_login",
					"plan", "region", "payment_method");
		assertThat(mismatches).isEmpty();
	}

	@Test
	void championMeetsTheMonthlyMinimumsBeforeTheDriftAndBreachesThemAfter() throws IOException {
		// given
		JsonNode requirements = DemoFiles.yaml(shared.resolve("config/requirements.yml")).get("churn");
		double minAuc = requirements.get("monthly").get("roc_auc").get("min").asDouble();
		double maxLogLoss = requirements.get("monthly").get("log_loss").get("max").asDouble();
		double maxFalsePositives = requirements.get("monthly").get("false_positive_rate").get("max").asDouble();
		Scorer champion = scorer("churn-logit-v1");
		double threshold = ModelFiles.load(shared.resolve("config/models/churn-logit-v1.json")).threshold();

		// when
		List<double[]> figures = new ArrayList<>();
		for (List<Row> month : rows.values()) {
			MetricValues values = DemoFiles.figures(champion, month, threshold);
			figures.add(new double[] { values.get(Metric.ROC_AUC).orElseThrow(),
					values.get(Metric.LOG_LOSS).orElseThrow(), values.get(Metric.FALSE_POSITIVE_RATE).orElseThrow() });
		}

		// then
		assertThat(requirements.get("min-rows").asInt()).isEqualTo(200);
		for (int i = 0; i < 20; i++) {
			assertThat(figures.get(i)[0]).as("AUC of month %d", i + 1)
				.isGreaterThanOrEqualTo(minAuc)
				// the south region's fading months (17-20) pull it down to about 0.74
				.isGreaterThan(0.73);
			assertThat(figures.get(i)[1]).as("log loss of month %d", i + 1).isLessThanOrEqualTo(maxLogLoss);
			assertThat(figures.get(i)[2]).as("false-positive rate of month %d", i + 1)
				.isLessThanOrEqualTo(maxFalsePositives);
		}
		List<double[]> drifted = figures.subList(20, 24);
		assertThat(drifted).filteredOn((month) -> month[0] < minAuc).hasSizeGreaterThanOrEqualTo(3);
		assertThat(drifted).filteredOn((month) -> month[1] > maxLogLoss).hasSizeGreaterThanOrEqualTo(3);
		assertThat(drifted).allMatch((month) -> month[0] < 0.72);
		// every drifted month calls more of the customers who stay than the maximum
		// allows
		assertThat(drifted).allMatch((month) -> month[2] > maxFalsePositives);
	}

	@Test
	void oneRegionFadesBeforeTheDriftWhileTheOverallFigureMeetsItsBound() throws IOException {
		// given: the champion, the overall monthly minimum and the fading region's
		JsonNode requirements = DemoFiles.yaml(shared.resolve("config/requirements.yml")).get("churn");
		double minAuc = requirements.get("monthly").get("roc_auc").get("min").asDouble();
		double regionMinAuc = requirements.get("segments").get("region=south").get("roc_auc").get("min").asDouble();
		Scorer champion = scorer("churn-logit-v1");
		int region = dataset.features().stream().map(Feature::name).toList().indexOf("region");

		// when: the champion's ROC AUC per month, overall and over the region's rows
		List<double[]> figures = new ArrayList<>();
		for (List<Row> month : rows.values()) {
			List<Row> south = month.stream().filter((row) -> "south".equals(row.levels()[region])).toList();
			figures.add(new double[] { DemoFiles.figures(champion, month).get(Metric.ROC_AUC).orElseThrow(),
					DemoFiles.figures(champion, south).get(Metric.ROC_AUC).orElseThrow() });
		}

		// then: the region meets its bound for 16 months, then breaches it in the 4
		// months before the drift while the overall figure still meets its own
		assertThat(Files.readString(shared.resolve("config/datasets/churn.yml"))).contains("segments: [region, plan]");
		for (int i = 0; i < 16; i++) {
			assertThat(figures.get(i)[1]).as("AUC of region south in month %d", i + 1)
				.isGreaterThanOrEqualTo(regionMinAuc);
		}
		for (int i = 16; i < 20; i++) {
			assertThat(figures.get(i)[1]).as("AUC of region south in month %d", i + 1).isLessThan(regionMinAuc);
			assertThat(figures.get(i)[0]).as("overall AUC of month %d", i + 1).isGreaterThanOrEqualTo(minAuc);
		}
	}

	@Test
	void registersTheChampionAndTheCandidates() throws IOException {
		// given the demo generated once

		// when
		String registry = Files.readString(shared.resolve("config/registry.yml"));

		// then
		assertThat(registry)
			.isEqualTo("churn:\n  champion: churn-logit@1\n  candidates: [churn-logit@2, churn-gbt@1, churn-xgb@1]\n");
		for (String[] model : new String[][] {
				{ "churn-logit-v1", "churn-logit", "1", "linear", "2024-11", "2025-10", "0.3" },
				{ "churn-logit-v2", "churn-logit", "2", "linear", "2025-07", "2026-06", "0.3" },
				{ "churn-gbt-v1", "churn-gbt", "1", "tree-ensemble", "2024-11", "2025-10", "0.35" } }) {
			Path file = shared.resolve("config/models/" + model[0] + ".json");
			ModelVersion version = ModelFiles.load(file);
			assertThat(version.name()).isEqualTo(model[1]);
			assertThat(version.version()).isEqualTo(model[2]);
			assertThat(version.kind()).isEqualTo(model[3]);
			assertThat(version.dataset()).isEqualTo("churn");
			assertThat(version.task()).isEqualTo(Task.BINARY);
			assertThat(version.threshold()).isEqualTo(Double.parseDouble(model[6]));
			assertThat(version.definition().link()).isEqualTo(Link.LOGISTIC);
			assertThat(window(version)).containsExactly(YearMonth.parse(model[4]), YearMonth.parse(model[5]));
			assertThat(dataset.features()).extracting(Feature::name).containsAll(version.features());
			assertThat(version.bind(dataset).score(rows.get(LAST).get(0))).isStrictlyBetween(0.0, 1.0);
			// the file is exactly what the model package writes for what it reads back
			assertThat(Files.readString(file)).isEqualTo(ModelFiles.toJson(version.name(), version.version(),
					version.dataset(), version.task(), version.definition(), version.threshold()));
		}
	}

	@Test
	void everyModelHasItsRegressionCasesAndTheSearchSpaceIsValid() {
		// given the demo generated once

		// when / then
		for (String model : List.of("churn-logit-v1", "churn-logit-v2", "churn-gbt-v1", "churn-xgb-v1")) {
			ModelVersion version = ModelFiles.load(shared.resolve("config/models/" + model + ".json"));
			assertThat(result.written()).contains(shared.resolve("config/models/" + model + ".cases.csv"));
			assertThat(ModelCases.verify(version, dataset).cases()).isGreaterThan(40);
		}
		assertThat(result.written()).contains(shared.resolve("config/search/churn.yml"));
		assertThat(shared.resolve("config/search/churn.yml")).as("the committed demo search space is the generator's")
			.hasSameTextualContentAs(Path.of("config/search/churn.yml"));
		assertThat(SearchSpaces.load(shared.resolve("config"), "churn").specs()).hasSize(18);
	}

	@Test
	void logisticModelsMinimiseTheirStatedObjective() {
		for (String name : List.of("churn-logit-v1", "churn-logit-v2")) {
			// given
			ModelVersion version = ModelFiles.load(shared.resolve("config/models/" + name + ".json"));
			LinearModel model = (LinearModel) version.definition();
			Scorer scorer = version.bind(dataset);
			double c = ((Number) model.training().get("C")).doubleValue();
			List<Row> training = trainingRows(version);
			List<LinearModel.NumericTerm> terms = model.terms()
				.stream()
				.filter(LinearModel.NumericTerm.class::isInstance)
				.map(LinearModel.NumericTerm.class::cast)
				.toList();

			// when: the objective's gradient at the written coefficients
			double interceptGradient = 0;
			double[] gradient = new double[terms.size()];
			for (Row row : training) {
				double residual = scorer.score(row) - row.label();
				interceptGradient += c * residual;
				for (int t = 0; t < terms.size(); t++) {
					gradient[t] += c * residual * standardised(terms.get(t), row);
				}
			}
			for (int t = 0; t < terms.size(); t++) {
				gradient[t] += terms.get(t).weight();
			}

			// then
			assertThat(((Number) model.training().get("rows")).longValue()).isEqualTo(training.size());
			assertThat(model.terms()).extracting(LinearModel.Term::feature)
				.containsExactlyElementsOf(dataset.features().stream().map(Feature::name).toList());
			assertThat(terms).hasSize(5);
			assertThat(interceptGradient).as(name + " intercept").isCloseTo(0, within(1e-6));
			assertThat(Arrays.stream(gradient).map(Math::abs).max().orElseThrow()).as(name + " numeric weights")
				.isLessThan(1e-6);
			for (LinearModel.NumericTerm term : terms) {
				int index = dataset.featureIndex(term.feature());
				double mean = training.stream()
					.mapToDouble((row) -> row.numbers()[index])
					.filter((x) -> !Double.isNaN(x))
					.average()
					.orElseThrow();
				// the trainer's rule (scikit-learn's imputer then scaler): impute the
				// mean, then the spread of all rows
				double[] imputed = training.stream()
					.mapToDouble((row) -> row.numbers()[index])
					.map((x) -> Double.isNaN(x) ? mean : x)
					.toArray();
				double variance = Arrays.stream(imputed).map((x) -> (x - mean) * (x - mean)).average().orElseThrow();
				assertThat(term.impute()).as(term.feature()).isCloseTo(mean, within(1e-9));
				assertThat(term.center()).as(term.feature()).isCloseTo(mean, within(1e-9));
				assertThat(term.scale()).as(term.feature()).isCloseTo(Math.sqrt(variance), within(1e-9));
			}
		}
	}

	@Test
	void categoricalWeightsAlsoHaveAZeroGradient() {
		// given
		ModelVersion version = ModelFiles.load(shared.resolve("config/models/churn-logit-v1.json"));
		LinearModel model = (LinearModel) version.definition();
		Scorer scorer = version.bind(dataset);
		List<Row> training = trainingRows(version);
		double c = ((Number) model.training().get("C")).doubleValue();

		// when: the gradient of the objective with respect to each level's weight
		List<String> failures = new ArrayList<>();
		int levels = 0;
		for (LinearModel.Term term : model.terms()) {
			if (!(term instanceof LinearModel.CategoricalTerm categorical)) {
				continue;
			}
			assertThat(categorical.unknown()).isZero();
			int index = dataset.featureIndex(categorical.feature());
			for (Map.Entry<String, Double> level : categorical.weights().entrySet()) {
				levels++;
				double gradient = level.getValue();
				for (Row row : training) {
					if (level.getKey().equals(row.levels()[index])) {
						gradient += c * (scorer.score(row) - row.label());
					}
				}
				if (Math.abs(gradient) > 1e-6) {
					failures.add(level.getKey() + ": " + gradient);
				}
			}
		}

		// then
		assertThat(levels).isEqualTo(3 + 4 + 3);
		assertThat(failures).isEmpty();
	}

	@Test
	void treeEnsembleIsWellFormedAndLearntTheEarlyMonths() {
		// given
		ModelVersion version = ModelFiles.load(shared.resolve("config/models/churn-gbt-v1.json"));
		TreeEnsemble model = (TreeEnsemble) version.definition();

		// when
		MetricValues figures = DemoFiles.figures(version.bind(dataset), trainingRows(version));

		// then: at most 3 levels, nodes numbered breadth first, children after their
		// parent
		assertThat(model.trees()).hasSize(30);
		for (TreeEnsemble.Tree tree : model.trees()) {
			List<TreeEnsemble.Node> nodes = tree.nodes();
			assertThat(nodes).hasSizeBetween(3, 15);
			for (int id = 0; id < nodes.size(); id++) {
				TreeEnsemble.Node node = nodes.get(id);
				assertThat(node.id()).isEqualTo(id);
				if (node instanceof TreeEnsemble.Split split) {
					assertThat(split.yes()).isGreaterThan(id).isLessThan(nodes.size());
					assertThat(split.no()).isEqualTo(split.yes() + 1);
				}
			}
		}
		assertThat(model.features()).contains("support_tickets", "tenure_months");
		assertThat(figures.get(Metric.ROC_AUC).orElseThrow()).isGreaterThan(0.78);
	}

	@Test
	void theXgboostCandidateIsImportedFromItsXgboostFile() throws IOException {
		// given
		Path source = shared.resolve(DemoGenerator.XGBOOST_FILE);
		Path file = shared.resolve("config/models/churn-xgb-v1.json");

		// when: imported again as jobs/import-model would
		ModelImport.Result again = ModelImport.convert(source, null, dataset, "churn-xgb", "1");

		// then: the committed model is that import at the trees' threshold (as
		// jobs/import-model --threshold 0.35 writes it), a float32 ensemble that learnt
		// its
		// months (9 to 20)
		assertThat(again.format()).isEqualTo(ModelFormat.XGBOOST);
		assertThat(Files.readString(file)).isEqualTo(ModelFiles.withThreshold(again.json(), 0.35, source));
		assertThat(result.written()).contains(source, file, shared.resolve("config/models/churn-xgb-v1.cases.csv"));
		ModelVersion version = ModelFiles.load(file);
		TreeEnsemble model = (TreeEnsemble) version.definition();
		assertThat(model.arithmetic()).isEqualTo(TreeEnsemble.Arithmetic.FLOAT32);
		assertThat(model.trees()).hasSize(40);
		assertThat(version.definition().training()).containsEntry("imported_from", "churn-xgb.json")
			.containsEntry("sha256", ModelFiles.sha256(Files.readAllBytes(source)))
			.containsEntry("objective", "binary:logistic");
		List<Row> trained = new ArrayList<>();
		months.keySet().stream().skip(8).limit(12).forEach((month) -> trained.addAll(rows.get(month)));
		assertThat(DemoFiles.figures(version.bind(dataset), trained).get(Metric.ROC_AUC).orElseThrow())
			.isGreaterThan(0.78);
	}

	@Test
	void keepsTheOtherDatasetsOfSharedFilesAndRemovesOldMonths(@TempDir Path root) throws IOException {
		// given
		Files.createDirectories(root.resolve("config/models"));
		Files.createDirectories(root.resolve("historical-data/churn/quarantine"));
		Files.writeString(root.resolve("config/registry.yml"),
				"# models in production\nchurn:\n  champion: old@9\n\n" + "# weather\nweather:\n  champion: rain@1\n");
		Files.writeString(root.resolve("config/requirements.yml"), "bikes:\n  min-rows: 10\n");
		Files.writeString(root.resolve("config/models/rain-v1.json"), "{}");
		Files.writeString(root.resolve("historical-data/churn/2020-01.csv"), "old");
		Files.writeString(root.resolve("historical-data/churn/quarantine/2020-01.csv"), "rejected");

		// when
		DemoGenerator.generate(root, LAST, 42);

		// then
		assertThat(Files.readString(root.resolve("config/registry.yml"))).isEqualTo("# models in production\n"
				+ "churn:\n  champion: churn-logit@1\n  candidates: [churn-logit@2, churn-gbt@1, churn-xgb@1]\n\n"
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

	/** The first and last month of a model's {@code training.window}. */
	private static List<YearMonth> window(ModelVersion version) {
		List<?> window = (List<?>) version.definition().training().get("window");
		return window.stream().map((month) -> YearMonth.parse((String) month)).toList();
	}

	/** The labelled rows of the months a model was trained on. */
	private static List<Row> trainingRows(ModelVersion version) {
		List<YearMonth> window = window(version);
		List<Row> training = new ArrayList<>();
		for (YearMonth month = window.get(0); !month.isAfter(window.get(1)); month = month.plusMonths(1)) {
			rows.get(month).stream().filter(Row::labelled).forEach(training::add);
		}
		return training;
	}

	/**
	 * A numeric term's standardised value for a row:
	 * {@code ((x or impute) - center) / scale}.
	 */
	private static double standardised(LinearModel.NumericTerm term, Row row) {
		double x = row.numbers()[dataset.featureIndex(term.feature())];
		return ((Double.isNaN(x) ? term.impute() : x) - term.center()) / term.scale();
	}

	private static Scorer scorer(String file) {
		return ModelFiles.load(shared.resolve("config/models/" + file + ".json")).bind(dataset);
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
