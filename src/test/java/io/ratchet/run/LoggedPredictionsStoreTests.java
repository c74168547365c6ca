package io.ratchet.run;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.data.ImportResult;
import io.ratchet.data.LogCoverage;
import io.ratchet.run.LoggedPredictionsStore.StoredCoverage;
import io.ratchet.test.StoreSlice;
import io.ratchet.test.StoredModels;
import io.ratchet.test.Unique;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counts of logged predictions on the real Flyway schema (a slice): per run, model
 * and period, summed per model, and the record of a prediction-log import. Each test
 * rolls back; names and run ids are unique.
 */
@StoreSlice
@Import({ LoggedPredictionsStore.class, ResultsStore.class, ModelVersionStore.class })
class LoggedPredictionsStoreTests {

	@Autowired
	LoggedPredictionsStore store;

	@Autowired
	ResultsStore results;

	@Autowired
	ModelVersionStore models;

	@Autowired
	JdbcClient jdbc;

	private String dataset;

	private long runId;

	private long first;

	private long second;

	@BeforeEach
	void run() {
		this.dataset = Unique.name("logged");
		this.runId = Unique.runIds();
		this.results.openRun(this.runId, "backtest", this.dataset, "2024-01", "2024-02", null,
				"dataset=" + this.dataset, 2);
		this.first = this.models.register(StoredModels.named(this.dataset + "-a"));
		this.second = this.models.register(StoredModels.named(this.dataset + "-b"));
	}

	@Test
	void countsAreStoredPerPeriodReplacedAndSummedPerModel() {
		// given
		StoredCoverage january = new StoredCoverage(this.first, "2024-01", new LogCoverage(100, 90, 5, 10));
		StoredCoverage february = new StoredCoverage(this.first, "2024-02", new LogCoverage(50, 50, 0, 0));
		StoredCoverage other = new StoredCoverage(this.second, "2024-02", new LogCoverage(7, 6, 1, 1));
		this.store.saveCoverage(this.runId, "2024-01", List.of(january));

		// when: February is saved twice, the second time with the other model as well
		this.store.saveCoverage(this.runId, "2024-02", List.of(february));
		this.store.saveCoverage(this.runId, "2024-02", List.of(february, other));

		// then
		assertThat(this.store.coverage(this.runId)).containsExactly(january, february, other);
		assertThat(this.store.coverageByModel(this.runId)).containsExactly(
				Map.entry(this.first, new LogCoverage(150, 140, 5, 10)),
				Map.entry(this.second, new LogCoverage(7, 6, 1, 1)));
		assertThat(this.store.coverage(this.runId + 1)).isEmpty();
		assertThat(this.store.coverageByModel(this.runId + 1)).isEmpty();
	}

	@Test
	void anImportIsRecordedWithItsCounts() {
		// given
		ImportResult result = new ImportResult(Path.of("logs/a.csv"), "ef".repeat(32), 12, 9, 2, 0, 1, 0,
				new TreeMap<>(), new TreeMap<>(), null);

		// when
		this.store.recordImport(this.dataset, this.first, result, 4);

		// then
		assertThat(this.jdbc.sql("""
				SELECT model_version_id, source_file, source_sha256, rows_read, rows_accepted, rows_duplicate,
					rows_rejected, rows_awaiting_label, quarantine_file, imported_at
				FROM prediction_import WHERE dataset = ?""")
			.param(this.dataset)
			.query((rs, i) -> List.of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7), rs.getLong(8), String.valueOf(rs.getString(9)),
					rs.getTimestamp(10).toLocalDateTime().isAfter(LocalDateTime.now().minusHours(1))))
			.list())
			.containsExactly(List.of(this.first, "logs/a.csv", "ef".repeat(32), 12L, 9L, 2L, 1L, 4L, "null", true));
	}

}
