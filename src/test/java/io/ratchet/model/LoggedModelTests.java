package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.LogCoverage;
import io.ratchet.data.PredictionImporter;
import io.ratchet.data.PredictionLog;
import io.ratchet.data.Row;
import io.ratchet.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A model whose scores are logged in production ({@code kind: logged}): its file (a
 * dataset column or a prediction log), binding it to a dataset, scoring and counting
 * rows, and why it has no regression cases.
 */
class LoggedModelTests {

	private static final String COLUMN = Fixtures.json("""
			{
			  'format': 'ratchet-model/1', 'name': 'vendor', 'version': '1', 'dataset': 'churn', 'task': 'binary',
			  'kind': 'logged', 'column': 'vendor_score'
			}
			""");

	private static final String LOG = Fixtures.json("""
			{
			  'format': 'ratchet-model/1', 'name': 'vendor', 'version': '2', 'dataset': 'churn', 'task': 'binary',
			  'kind': 'logged', 'link': 'logistic',
			  'log': {'id': ['request'], 'score': 'p'}
			}
			""");

	@TempDir
	Path dir;

	@Test
	void aScoreColumnModelReadsAndWritesBack() throws IOException {
		// given
		Path file = Fixtures.write(this.dir, "vendor-v1.json", COLUMN);

		// when
		ModelVersion model = ModelFiles.load(file);

		// then
		assertThat(model.kind()).isEqualTo(LoggedModel.KIND);
		assertThat(model.features()).isEmpty();
		LoggedModel logged = (LoggedModel) model.definition();
		assertThat(logged.column()).isEqualTo("vendor_score");
		assertThat(logged.log()).isNull();
		assertThat(logged.link()).isEqualTo(Link.LOGISTIC);
		String json = ModelFiles.toJson("vendor", "1", "churn", Task.BINARY, logged);
		assertThat(json).contains("\"column\" : \"vendor_score\"").doesNotContain("link");
		assertThat(ModelFiles.load(Fixtures.write(this.dir, "again.json", json)).definition()).isEqualTo(logged);
	}

	@Test
	void aPredictionLogModelDefaultsTheColumnsItDoesNotName() throws IOException {
		// given
		Path file = Fixtures.write(this.dir, "vendor-v2.json", LOG);

		// when
		LoggedModel logged = (LoggedModel) ModelFiles.load(file).definition();

		// then
		assertThat(logged.column()).isNull();
		assertThat(logged.log().idColumns()).containsExactly("request");
		assertThat(logged.log().timestamp()).isEqualTo("timestamp");
		assertThat(logged.log().score()).isEqualTo("p");
		assertThat(logged.source()).isEqualTo("prediction log");
		LoggedModel defaults = (LoggedModel) ModelFiles.load(Fixtures.write(this.dir, "defaults.json",
				LOG.replace("{'id': ['request'], 'score': 'p'}".replace('\'', '"'), "{}")))
			.definition();
		assertThat(defaults.log().header()).containsExactly("id", "timestamp", "score");
		String json = ModelFiles.toJson("vendor", "2", "churn", Task.BINARY, logged);
		assertThat(ModelFiles.load(Fixtures.write(this.dir, "again.json", json)).definition()).isEqualTo(logged);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '~',
			textBlock = """
					'kind': 'logged'                                              | 1 | a logged model takes its scores from a dataset column ("column") or from a prediction log ("log"): give exactly one of them
					'kind': 'logged', 'column': 'a', 'log': {}                    | 1 | a logged model takes its scores from a dataset column ("column") or from a prediction log ("log"): give exactly one of them
					'kind': 'logged', 'column': ''                                | 3 | column: must not be empty
					'kind': 'logged', 'column': 'a', 'intercept': 0.0             | 3 | intercept: field "intercept" does not belong in a logged model (its scores are read, not computed)
					'kind': 'logged', 'log': {'id': ['a'], 'score': 'a'}          | 3 | log: the id, timestamp and score columns must be different columns, not [a, timestamp, a]
					'kind': 'logged', 'log': {'id': []}                           | 3 | log: a prediction log needs at least one id column
					'kind': 'logged', 'log': {'ids': ['a']}                       | 3 | unknown field "ids"
					'kind': 'logged', 'column': 'a', 'link': 'identity'           | 3 | link: a binary model needs link logistic, not identity
					'kind': 'linear', 'link': 'logistic', 'column': 'a', 'intercept': 0.0, 'terms': [] | 3 | column: field "column" does not belong in a linear model (a logged model's score column)
					""")
	void refusesABadLoggedModelNamingTheLine(String fields, int line, String problem) {
		// given
		Path file = Fixtures.write(this.dir, "m.json", Fixtures.json("""
				{
				  'format': 'ratchet-model/1', 'name': 'm', 'version': '1', 'dataset': 'churn', 'task': 'binary',
				  %s
				}
				""".formatted(fields)));

		// when / then
		assertThatExceptionOfType(ModelFileException.class).isThrownBy(() -> ModelFiles.load(file))
			.withMessageStartingWith(file + (line > 0 ? " line " + line : "") + ": ")
			.withMessageContaining(problem);
	}

	@Test
	void aScoreColumnMustBeDeclaredUnderScoresNotAsAFeature() throws IOException {
		// given
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "vendor-v1.json", COLUMN));
		DatasetConfig asFeature = dataset(List.of("customer_id"), List.of(),
				new Feature("vendor_score", FeatureType.NUMERIC));
		DatasetConfig other = dataset(List.of("customer_id"), List.of("rules_score"));

		// when / then
		assertThatExceptionOfType(ModelFileException.class).isThrownBy(() -> model.bind(asFeature))
			.withMessageContaining("model vendor@1 reads its logged scores from column \"vendor_score\", which dataset"
					+ " \"churn\" does not declare under scores:; it is declared as a feature: a logged score must be"
					+ " listed under scores: instead");
		assertThatExceptionOfType(ModelFileException.class).isThrownBy(() -> model.bind(other))
			.withMessageContaining("its score columns: rules_score");
	}

	@Test
	void aPredictionLogNeedsTheDatasetsIdsAndItsFolder() throws IOException {
		// given
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "vendor-v2.json", LOG));

		// when / then
		assertThatExceptionOfType(ModelFileException.class)
			.isThrownBy(() -> model.bind(dataset(List.of(), List.of()), this.dir))
			.withMessageContaining("reads a prediction log, which is joined with the rows by id, but dataset \"churn\""
					+ " declares no id: columns");
		assertThatExceptionOfType(ModelFileException.class)
			.isThrownBy(() -> model.bind(dataset(List.of("customer_id", "contract"), List.of()), this.dir))
			.withMessageContaining(
					"has id column request but dataset \"churn\" is identified by customer_id, contract");
		assertThatExceptionOfType(ModelFileException.class)
			.isThrownBy(() -> model.bind(dataset(List.of("customer_id"), List.of())))
			.withMessageContaining("bind it with the dataset's folder");
	}

	@Test
	void aScoreColumnGivesTheRowsScoreAndCountsTheRowsWithoutOne() throws IOException {
		// given
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "vendor-v1.json", COLUMN));
		LoggedScorer scorer = (LoggedScorer) model.bind(dataset(List.of("customer_id"), List.of("vendor_score")));
		List<Row> rows = List.of(row("c1", 1, 0.8), row("c2", 0, Double.NaN), row("c3", Double.NaN, 0.3),
				row("c4", 0, 0.1));

		// when
		for (Row row : rows) {
			scorer.count(row, scorer.score(row), row.labelled());
		}

		// then
		assertThat(rows.stream().mapToDouble(scorer::score).toArray()).containsExactly(0.8, Double.NaN, 0.3, 0.1);
		assertThat(scorer.coverage()).isEqualTo(new LogCoverage(3, 2, 1, 1));
	}

	@Test
	void aPredictionLogIsJoinedByMonthAndIdAndItsUnjoinedPredictionsAwaitTheirLabel() throws IOException {
		// given: predictions for c1..c4 in March, c1 again in April (another month,
		// another row)
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "vendor-v2.json", LOG));
		DatasetConfig dataset = dataset(List.of("customer_id"), List.of());
		Path datasetDir = this.dir.resolve("historical-data/churn");
		Path log = Fixtures.write(this.dir, "log.csv", "request,timestamp,p\nc1,2024-03-02,0.9\nc2,2024-03-03,0.2\n"
				+ "c3,2024-03-04,0.6\nc4,2024-03-31T22:00:00Z,0.4\nc1,2024-04-01,0.7\n");
		new PredictionImporter(new PredictionLog(dataset, PredictionLog.folderOf(datasetDir, "vendor", "2"),
				((LoggedModel) model.definition()).log()))
			.importFile(log);
		LoggedScorer scorer = (LoggedScorer) model.bind(dataset, datasetDir);
		scorer.countBetween(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));
		// c1 labelled, c2 labelled, c3 unlabelled, c9 labelled with no prediction; c4 has
		// no row yet
		List<Row> march = List.of(row("c1", 1, 0), row("c2", 0, 0), row("c3", Double.NaN, 0), row("c9", 1, 0));

		// when
		double[] scores = march.stream().mapToDouble((row) -> {
			double score = scorer.score(row);
			scorer.count(row, score, row.labelled());
			return score;
		}).toArray();
		Row april = new Row(3, LocalDate.of(2024, 4, 2), 1, new double[0], new String[0], new String[] { "c1" },
				new double[0]);

		// then
		assertThat(scores).containsExactly(0.9, 0.2, 0.6, Double.NaN);
		assertThat(scorer.score(april)).isEqualTo(0.7);
		assertThat(scorer.coverage()).isEqualTo(new LogCoverage(4, 2, 1, 2));
		assertThat(YearMonth.from(april.date())).isEqualTo(YearMonth.of(2024, 4));
	}

	@Test
	void aLoggedModelHasNoRegressionCasesAndSaysWhy() throws IOException {
		// given
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "vendor-v1.json", COLUMN));
		DatasetConfig dataset = dataset(List.of("customer_id"), List.of("vendor_score"));

		// when
		CaseCheck check = ModelCases.verify(model, dataset);

		// then
		assertThat(check.passed()).isTrue();
		assertThat(check.cases()).isZero();
		assertThat(check.skipped()).isEqualTo(LoggedModel.NO_CASES);
		assertThatExceptionOfType(ModelCasesException.class).isThrownBy(() -> ModelCases.write(model, dataset, true))
			.withMessageContaining("model vendor@1 has no regression cases: its scores are logged in production, not"
					+ " computed by Ratchet");
		assertThat(ModelCases.fileFor(model)).doesNotExist();
		assertThat(Files.list(this.dir)).containsExactly(model.file());
	}

	private static DatasetConfig dataset(List<String> ids, List<String> scores, Feature... more) {
		List<Feature> features = new java.util.ArrayList<>(List.of(new Feature("plan", FeatureType.CATEGORICAL)));
		features.addAll(List.of(more));
		return DatasetConfig.builder("churn", null)
			.date("date")
			.binaryLabel("label", "1", "0")
			.missingTokens(Set.of("NA"))
			.features(features)
			.idColumns(ids)
			.scoreColumns(scores)
			.build();
	}

	private static Row row(String id, double label, double score) {
		return new Row(2, LocalDate.of(2024, 3, 15), label, new double[] { Double.NaN }, new String[] { "a" },
				new String[] { id }, new double[] { score });
	}

}
