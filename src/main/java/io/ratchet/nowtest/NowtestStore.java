package io.ratchet.nowtest;

import java.sql.Date;
import java.util.List;
import java.util.Optional;

import io.ratchet.requirement.BoundKind;
import io.ratchet.requirement.DriftStatistic;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.StoredBreach;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a now-test stores beyond the back-test's tables: drift values
 * ({@code drift_value}), drift breaches (stored by {@link ResultsStore#saveDriftBreaches}
 * in {@code breach}, period {@code ALL}, keys such as {@code psi:plan} or
 * {@code psi:score}) and the window's counts ({@code nowtest_window}). Writes for a run
 * replace what an earlier attempt stored. Calls join the caller's transaction.
 */
@Repository
public class NowtestStore {

	private final JdbcClient jdbc;

	private final ResultsStore results;

	NowtestStore(JdbcClient jdbc, ResultsStore results) {
		this.jdbc = jdbc;
		this.results = results;
	}

	/**
	 * Whether a file with this SHA-256 was already imported into the dataset (by any
	 * import).
	 */
	boolean alreadyImported(String dataset, String sha256) {
		Long count = this.jdbc.sql("SELECT COUNT(*) FROM import_batch WHERE dataset = ? AND source_sha256 = ?")
			.params(dataset, sha256)
			.query(Long.class)
			.single();
		return count != null && count > 0;
	}

	/** Stores a run's drift values and drift breaches, replacing earlier ones. */
	void saveDrift(long runId, List<StoredDrift> values, List<DriftBreach> breaches) {
		this.jdbc.sql("DELETE FROM drift_value WHERE run_id = ?").param(runId).update();
		for (StoredDrift value : values) {
			this.jdbc.sql("""
					INSERT INTO drift_value (run_id, subject, statistic, model_version_id, val, reference_desc,
						reference_rows, window_rows)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(runId, value.subject(), value.statistic(), value.modelVersionId(), value.value(),
						value.referenceDesc(), value.referenceRows(), value.windowRows())
				.update();
		}
		this.results.saveDriftBreaches(runId,
				breaches.stream()
					.map((breach) -> new StoredBreach(breach.modelVersionId(), ResultsStore.ALL, breach.key(),
							breach.boundKind().name(), breach.bound(), breach.value()))
					.toList());
	}

	/** Stores the window's counts and verdicts, replacing an earlier row. */
	void saveWindow(WindowRecord window) {
		this.jdbc.sql("DELETE FROM nowtest_window WHERE run_id = ?").param(window.runId()).update();
		this.jdbc.sql("""
				INSERT INTO nowtest_window (run_id, window_start, window_end, label_cutoff, rows_in_window, rows_scored,
					rows_awaiting_label, rows_unlabelled, reference_desc, reference_rows, metric_verdict, drift_verdict,
					files_imported, rows_imported, rows_import_rejected)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(window.runId(), Date.valueOf(window.window().start()), Date.valueOf(window.window().asOf()),
					Date.valueOf(window.window().labelCutoff()), window.rowsInWindow(), window.rowsScored(),
					window.rowsAwaitingLabel(), window.rowsUnlabelled(), window.referenceDesc(), window.referenceRows(),
					window.metricVerdict().name(), window.driftVerdict().name(), window.filesImported(),
					window.rowsImported(), window.rowsImportRejected())
			.update();
	}

	/** A now-test run's drift values, subjects in stored order then statistic. */
	public List<StoredDrift> drift(long runId) {
		return this.jdbc.sql("""
				SELECT subject, statistic, model_version_id, val, reference_desc, reference_rows, window_rows
				FROM drift_value WHERE run_id = ? ORDER BY subject, statistic""")
			.param(runId)
			.query((rs, i) -> new StoredDrift(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class),
					rs.getDouble(4), rs.getString(5), rs.getLong(6), rs.getLong(7)))
			.list();
	}

	/** A now-test run's window record, if its scoring step finished. */
	public Optional<WindowRecord> window(long runId) {
		return this.jdbc.sql("""
				SELECT window_start, window_end, label_cutoff, rows_in_window, rows_scored, rows_awaiting_label,
					rows_unlabelled, reference_desc, reference_rows, metric_verdict, drift_verdict, files_imported,
					rows_imported, rows_import_rejected
				FROM nowtest_window WHERE run_id = ?""")
			.param(runId)
			.query((rs, i) -> new WindowRecord(runId,
					new NowtestWindow(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate(),
							rs.getDate(3).toLocalDate()),
					rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getLong(9),
					Verdict.valueOf(rs.getString(10)), Verdict.valueOf(rs.getString(11)), rs.getInt(12), rs.getLong(13),
					rs.getLong(14)))
			.optional();
	}

	/**
	 * One stored drift value.
	 *
	 * @param subject a feature name, or {@code score:<model>@<version>}
	 * @param statistic {@code psi}, {@code ks}, {@code missing_rate} or
	 * {@code missing_rate_change}
	 * @param modelVersionId the model of a score subject, else {@code null}
	 * @param value the statistic's value
	 * @param referenceDesc what the window was compared with
	 * @param referenceRows rows in the reference
	 * @param windowRows rows in the window
	 */
	public record StoredDrift(String subject, String statistic, Long modelVersionId, double value, String referenceDesc,
			long referenceRows, long windowRows) {
	}

	/**
	 * A drift statistic past its bound.
	 *
	 * @param modelVersionId the model it is filed under: the champion for a feature, the
	 * model for its score
	 * @param key {@code <statistic>:<feature>} or {@code psi:score}
	 * @param value the value
	 * @param bound the maximum it exceeded, or for {@code p_value} the minimum it fell
	 * below
	 */
	public record DriftBreach(long modelVersionId, String key, double value, double bound) {

		/** {@link BoundKind#MIN} for a p-value, else {@link BoundKind#MAX}. */
		BoundKind boundKind() {
			return this.key.startsWith(DriftStatistic.P_VALUE.key() + ":") ? BoundKind.MIN : BoundKind.MAX;
		}

	}

	/**
	 * The window of a now-test run and what it held.
	 *
	 * @param runId the run
	 * @param window the days judged
	 * @param rowsInWindow valid rows dated inside the window
	 * @param rowsScored labelled rows old enough to be judged (the metrics' row count)
	 * @param rowsAwaitingLabel rows of the window dated after the label cut-off
	 * @param rowsUnlabelled rows of the window, old enough, whose label is missing
	 * @param referenceDesc what drift compared the window with
	 * @param referenceRows rows in the reference
	 * @param metricVerdict the champion's (or, without one, every model's worst) verdict
	 * on the metrics
	 * @param driftVerdict {@link Verdict#PASS} or {@link Verdict#BREACH} on the drift
	 * bounds that concern the champion
	 * @param filesImported incoming files merged at the start of the run
	 * @param rowsImported new rows they added
	 * @param rowsImportRejected rows they had that were rejected (quarantined)
	 */
	public record WindowRecord(long runId, NowtestWindow window, long rowsInWindow, long rowsScored,
			long rowsAwaitingLabel, long rowsUnlabelled, String referenceDesc, long referenceRows,
			Verdict metricVerdict, Verdict driftVerdict, int filesImported, long rowsImported,
			long rowsImportRejected) {
	}

}
