package io.ratchet.backtest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.DatasetImporter;
import io.ratchet.data.ImportResult;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.Row;
import io.ratchet.model.ModelCaseFiles;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.Scorer;
import io.ratchet.model.SklearnExport;
import io.ratchet.test.SharedBatchContextTests;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proof against an outside reference: the real weatherAUS and bike-sharing data, imported
 * and back-tested with the scikit-learn models converted to Ratchet's format, give every
 * month's every metric as scikit-learn computed it
 * ({@code ../shared/oracle/<case>/monthly-metrics.csv}), and every golden prediction.
 * Skipped where {@code ../shared} is absent (a user's clone); CI has it.
 */
class OracleBacktestTests extends SharedBatchContextTests {

	static final Path SHARED = Path.of("..", "shared").toAbsolutePath().normalize();

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	Job backtest;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		assumeTrue(Files.isDirectory(SHARED.resolve("oracle")) && Files.isDirectory(SHARED.resolve("data")),
				SHARED + " is absent (a user's clone): the comparison with scikit-learn is skipped");
		this.jobOperatorTestUtils.setJob(this.backtest);
	}

	@Test
	void weatherAusMatchesScikitLearnInEveryMonthAndMetric() throws Exception {
		// given
		DatasetConfig dataset = prepare("weather-aus", SHARED.resolve("data/weather-aus/weatherAUS.csv"),
				List.of("rain-full", "rain-small"));

		// when
		JobExecution execution = backtest(dataset);

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(storedMonths(execution)).isEqualTo(113);
		int compared = compareWithOracle(execution, SHARED.resolve("oracle/weather-aus/monthly-metrics.csv"));
		assertThat(compared).isGreaterThan(226 * 10);
		assertThat(this.jdbc.sql("SELECT absent_periods FROM run WHERE id = ?")
			.param(execution.getJobInstance().getInstanceId())
			.query(String.class)
			.single()).isEqualTo("2011-04,2012-12,2013-02");
	}

	@Test
	void bikeSharingMatchesScikitLearnInEveryMonthAndMetric() throws Exception {
		// given
		DatasetConfig dataset = prepare("bike-sharing", SHARED.resolve("data/bike-sharing/hour.csv"),
				List.of("bike-ridge", "bike-weather"));

		// when
		JobExecution execution = backtest(dataset);

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(storedMonths(execution)).isEqualTo(24);
		int compared = compareWithOracle(execution, SHARED.resolve("oracle/bike-sharing/monthly-metrics.csv"));
		assertThat(compared).isEqualTo(48 * 8);
	}

	@Test
	void weatherAusGoldenPredictionsThroughTheDataReader() throws Exception {
		goldenPredictions("weather-aus", SHARED.resolve("data/weather-aus/weatherAUS.csv"),
				List.of("rain-full", "rain-small"));
	}

	@Test
	void bikeSharingGoldenPredictionsThroughTheDataReader() throws Exception {
		goldenPredictions("bike-sharing", SHARED.resolve("data/bike-sharing/hour.csv"),
				List.of("bike-ridge", "bike-weather"));
	}

	private void goldenPredictions(String name, Path source, List<String> models) throws IOException {
		// given
		DatasetConfig dataset = config(name);
		Map<String, Scorer> scorers = new HashMap<>();
		for (String model : models) {
			scorers.put(model, ModelFiles.load(convert(name, model)).bind(dataset));
		}
		List<Row> rows = new ArrayList<>();
		new MonthFileReader(dataset).read(source, null, (row) -> {
			if (rows.size() < 500) {
				rows.add(row);
			}
		}, (rejection) -> {
			throw new AssertionError("rejected: " + rejection);
		});

		// when / then
		int compared = 0;
		for (CSVRecord golden : csv(SHARED.resolve("oracle/" + name + "/golden-predictions.csv"))) {
			int index = Integer.parseInt(golden.get("row")) - 1;
			Row row = rows.get(index);
			assertThat(row.date()).hasToString(golden.get("event_date"));
			for (String model : models) {
				double expected = Double.parseDouble(golden.get(model));
				double actual = scorers.get(model).score(row);
				assertThat(Math.abs(actual - expected))
					.as("%s row %d %s: got %s expected %s", name, index + 1, model, actual, expected)
					.isLessThanOrEqualTo(1e-12 * Math.max(1e-3, Math.abs(expected)));
				compared++;
			}
		}
		assertThat(compared).isEqualTo(500 * models.size());
	}

	private DatasetConfig prepare(String name, Path source, List<String> models) throws IOException {
		DatasetConfig dataset = config(name);
		for (String model : models) {
			convert(name, model);
		}
		Files.writeString(root.resolve("config/registry.yml"),
				name + ":\n  champion: " + models.get(0) + "@1\n  candidates: [" + models.get(1) + "@1]\n",
				Files.exists(root.resolve("config/registry.yml")) ? java.nio.file.StandardOpenOption.APPEND
						: java.nio.file.StandardOpenOption.CREATE);
		// figures only, compared with scikit-learn's: the dataset is run unjudged on
		// purpose
		Files.writeString(root.resolve("config/requirements.yml"), name + ": {unmonitored: true}\n",
				Files.exists(root.resolve("config/requirements.yml")) ? java.nio.file.StandardOpenOption.APPEND
						: java.nio.file.StandardOpenOption.CREATE);
		ImportResult imported = new DatasetImporter(dataset, root.resolve("historical-data").resolve(name))
			.importFile(source);
		assertThat(imported.rejected()).isZero();
		return dataset;
	}

	private DatasetConfig config(String name) throws IOException {
		Path datasets = Files.createDirectories(root.resolve("config/datasets"));
		try (var in = getClass().getResourceAsStream("/oracle/" + name + ".yml")) {
			Files.write(datasets.resolve(name + ".yml"), in.readAllBytes());
		}
		return DatasetConfigs.load(root.resolve("config"), name);
	}

	private Path convert(String dataset, String model) throws IOException {
		Path models = Files.createDirectories(root.resolve("config/models"));
		Path file = models.resolve(model + "-v1.json");
		Files.writeString(file, SklearnExport
			.toRatchetJson(SHARED.resolve("oracle/" + dataset + "/model-" + model + ".json"), dataset, "1"));
		// its regression cases, as jobs/import-model writes them
		ModelCaseFiles.writeBeside(file);
		return file;
	}

	/**
	 * The job-scope context {@code @SpringBatchTest} opens around each test method (it
	 * would otherwise pick any method returning a {@code JobExecution}); the tests launch
	 * real executions of their own.
	 */
	public JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	private JobExecution backtest(DatasetConfig dataset) throws Exception {
		return this.jobOperatorTestUtils.startJob(new BacktestParameters(dataset.name(), null, null, List.of(),
				LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS))
			.toJobParameters());
	}

	/** Months stored by the run (several may share a worker step). */
	private long storedMonths(JobExecution execution) {
		return this.jdbc.sql("SELECT COUNT(*) FROM run_partition WHERE run_id = ?")
			.param(execution.getJobInstance().getInstanceId())
			.query(Long.class)
			.single();
	}

	/**
	 * Compares every oracle figure with the stored one; returns how many were compared.
	 */
	private int compareWithOracle(JobExecution execution, Path oracle) throws IOException {
		long runId = execution.getJobInstance().getInstanceId();
		Map<String, Double> stored = new HashMap<>();
		Set<String> storedMonths = new HashSet<>();
		this.jdbc.sql("""
				SELECT m.name, v.period, v.metric, v.val, v.row_count FROM metric_value v
				JOIN model_version m ON m.id = v.model_version_id WHERE v.run_id = ?""").param(runId).query((rs) -> {
			double value = rs.getDouble(4);
			stored.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.wasNull() ? null : value);
			if (!"ALL".equals(rs.getString(2)) && rs.getLong(5) > 0) {
				storedMonths.add(rs.getString(1) + "|" + rs.getString(2));
			}
		});
		int compared = 0;
		Set<String> oracleMonths = new HashSet<>();
		List<CSVRecord> records = csv(oracle);
		List<String> metrics = records.isEmpty() ? List.of()
				: new ArrayList<>(records.get(0)
					.getParser()
					.getHeaderNames()
					.subList(2, records.get(0).getParser().getHeaderNames().size()));
		for (CSVRecord record : records) {
			String model = record.get("model");
			String month = record.get("month");
			oracleMonths.add(model + "|" + month);
			for (String metric : metrics) {
				String key = model + "|" + month + "|" + metric;
				String text = record.get(metric);
				Double actual = stored.get(key);
				if (text.isEmpty()) {
					assertThat(actual).as("%s should be absent", key).isNull();
				}
				else {
					double expected = Double.parseDouble(text);
					assertThat(actual).as("%s missing", key).isNotNull();
					assertThat(Math.abs(actual - expected)).as("%s: got %s expected %s", key, actual, expected)
						.isLessThanOrEqualTo(1e-9 * Math.max(1.0, Math.abs(expected)));
				}
				compared++;
			}
		}
		assertThat(storedMonths).as("months with labelled rows").isEqualTo(oracleMonths);
		return compared;
	}

	private static List<CSVRecord> csv(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

}
