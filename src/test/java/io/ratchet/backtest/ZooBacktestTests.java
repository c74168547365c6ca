package io.ratchet.backtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetImporter;
import io.ratchet.data.ImportResult;
import io.ratchet.model.importers.ModelImport;
import io.ratchet.model.importers.Zoo;
import io.ratchet.test.SharedBatchContextTests;
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

/**
 * The back-test job with imported models: bike-sharing with every tree model of the model
 * zoo (XGBoost, LightGBM, scikit-learn), imported as {@code jobs/import-model} does (with
 * regression cases), the first as champion and the others as candidates; every figure
 * stored for every model and month matches the zoo's {@code monthly-metrics.csv} within
 * 1e-9. Skipped when the zoo is absent.
 */
class ZooBacktestTests extends SharedBatchContextTests {

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	Job backtest;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		Zoo.assumePresent();
		this.jobOperatorTestUtils.setJob(this.backtest);
	}

	/** See {@link OracleBacktestTests#getJobExecution()}. */
	public JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	@Test
	void bikeSharingBackTestOfEveryImportedModelMatchesTheZoo() throws Exception {
		// given
		String name = "bike-sharing";
		DatasetConfig dataset = Zoo.dataset(name, root.resolve("config"));
		for (String model : Zoo.MODELS) {
			ModelImport.install(ModelImport.convert(Zoo.modelFile(name, model), null, dataset, model, "1"),
					root.resolve("config/models"), dataset);
		}
		List<String> candidates = Zoo.MODELS.subList(1, Zoo.MODELS.size()).stream().map((m) -> m + "@1").toList();
		Files.writeString(root.resolve("config/registry.yml"), name + ":\n  champion: " + Zoo.MODELS.get(0)
				+ "@1\n  candidates: [" + String.join(", ", candidates) + "]\n");
		// figures only, compared with the libraries': the dataset is run unjudged on
		// purpose
		Files.writeString(root.resolve("config/requirements.yml"), name + ": {unmonitored: true}\n");
		ImportResult imported = new DatasetImporter(dataset, root.resolve("historical-data").resolve(name))
			.importFile(Zoo.SOURCES.get(name));
		assertThat(imported.rejected()).isZero();

		// when
		JobExecution execution = this.jobOperatorTestUtils.startJob(
				new BacktestParameters(name, null, null, List.of(), LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS))
					.toJobParameters());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Double> stored = new HashMap<>();
		this.jdbc.sql("""
				SELECT m.name, v.period, v.metric, v.val FROM metric_value v
				JOIN model_version m ON m.id = v.model_version_id WHERE v.run_id = ?""")
			.param(execution.getJobInstance().getInstanceId())
			.query((rs) -> {
				double value = rs.getDouble(4);
				stored.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3),
						rs.wasNull() ? null : value);
			});
		int compared = 0;
		for (String model : Zoo.MODELS) {
			List<CSVRecord> records = Zoo.monthlyMetrics(name, model);
			List<String> metrics = new ArrayList<>(records.get(0).getParser().getHeaderNames());
			metrics = metrics.subList(2, metrics.size());
			for (CSVRecord record : records) {
				for (String metric : metrics) {
					String key = model + "|" + record.get("month") + "|" + metric;
					double expected = Double.parseDouble(record.get(metric));
					assertThat(stored.get(key)).as("%s stored", key).isNotNull();
					assertThat(Math.abs(stored.get(key) - expected))
						.as("%s: stored %s, zoo %s", key, stored.get(key), expected)
						.isLessThanOrEqualTo(1e-9 * Math.max(1.0, Math.abs(expected)));
					compared++;
				}
			}
		}
		assertThat(compared).isEqualTo(7 * 24 * 8);
	}

}
