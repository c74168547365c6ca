package io.ratchet.run;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.ImportResult;
import io.ratchet.data.LogCoverage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables of logged predictions ({@code db/common/V17__logged_predictions.sql}):
 * {@code logged_coverage}, how the rows of each period met a logged model's scores, and
 * {@code prediction_import}, every import of a prediction log. Saving a period's coverage
 * replaces what an earlier attempt of it stored, so a month run again is stored once.
 * Calls join the caller's transaction.
 */
@Repository
public class LoggedPredictionsStore {

	private final JdbcClient jdbc;

	public LoggedPredictionsStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One logged model's counts for one period of a run. */
	public record StoredCoverage(long modelVersionId, String period, LogCoverage coverage) {
	}

	/** Replaces the counts of one period of a run. */
	public void saveCoverage(long runId, String period, List<StoredCoverage> coverages) {
		saveCoverage(runId, period, coverages, Attempt.REPEATED);
	}

	/**
	 * Stores the counts of one period of a run, first deleting what an earlier attempt
	 * stored unless the attempt is the {@link Attempt#FIRST first}.
	 */
	public void saveCoverage(long runId, String period, List<StoredCoverage> coverages, Attempt attempt) {
		if (attempt.replaces()) {
			this.jdbc.sql("DELETE FROM logged_coverage WHERE run_id = ? AND period = ?").params(runId, period).update();
		}
		for (StoredCoverage stored : coverages) {
			LogCoverage coverage = stored.coverage();
			this.jdbc.sql("""
					INSERT INTO logged_coverage (run_id, model_version_id, period, logged, joined, unlogged,
						awaiting_label)
					VALUES (?, ?, ?, ?, ?, ?, ?)""")
				.params(runId, stored.modelVersionId(), period, coverage.logged(), coverage.joined(),
						coverage.unlogged(), coverage.awaitingLabel())
				.update();
		}
	}

	/** Every count of a run, by model then period. */
	public List<StoredCoverage> coverage(long runId) {
		return this.jdbc.sql("""
				SELECT model_version_id, period, logged, joined, unlogged, awaiting_label FROM logged_coverage
				WHERE run_id = ? ORDER BY model_version_id, period""")
			.param(runId)
			.query((rs, i) -> new StoredCoverage(rs.getLong(1), rs.getString(2).strip(),
					new LogCoverage(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))))
			.list();
	}

	/**
	 * A run's counts summed over its periods: model version id to how its rows and logged
	 * scores met (empty when the run scored no logged model).
	 */
	public Map<Long, LogCoverage> coverageByModel(long runId) {
		Map<Long, LogCoverage> coverage = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT model_version_id, SUM(logged), SUM(joined), SUM(unlogged), SUM(awaiting_label)
				FROM logged_coverage WHERE run_id = ? GROUP BY model_version_id ORDER BY model_version_id""")
			.param(runId)
			.query((rs, i) -> coverage.put(rs.getLong(1),
					new LogCoverage(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))))
			.list();
		return coverage;
	}

	/**
	 * Records an import of a prediction log, with the predictions of the months it
	 * touched still awaiting a label.
	 */
	public void recordImport(String dataset, long modelVersionId, ImportResult result, long awaitingLabel) {
		this.jdbc.sql("""
				INSERT INTO prediction_import (dataset, model_version_id, source_file, source_sha256, rows_read,
					rows_accepted, rows_duplicate, rows_rejected, rows_awaiting_label, quarantine_file, imported_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(dataset, modelVersionId, result.source().toString(), result.sourceSha256(), result.rows(),
					result.accepted(), result.duplicates(), result.rejected(), awaitingLabel,
					(result.quarantineFile() != null) ? result.quarantineFile().toString() : null,
					Timestamp.valueOf(LocalDateTime.now()))
			.update();
	}

}
