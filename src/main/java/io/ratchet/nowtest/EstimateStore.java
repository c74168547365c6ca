package io.ratchet.nowtest;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The now-test's estimates without labels ({@code performance_estimate},
 * {@code db/common/V24__performance_estimate.sql}): per run, model and metric.
 */
@Repository
class EstimateStore {

	private final JdbcClient jdbc;

	EstimateStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a run's estimates, replacing earlier ones (a restarted step). */
	void save(long runId, List<StoredEstimate> estimates) {
		this.jdbc.sql("DELETE FROM performance_estimate WHERE run_id = ?").param(runId).update();
		for (StoredEstimate e : estimates) {
			this.jdbc.sql("""
					INSERT INTO performance_estimate (run_id, model_version_id, metric, rows_awaiting, estimated,
						rows_labelled, estimated_labelled, realised, bound_kind, bound, breached, calibration_error,
						calibration_rows, calibrated)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(runId, e.modelVersionId(), e.metric(), e.rowsAwaiting(), e.estimated(), e.rowsLabelled(),
						e.estimatedLabelled(), e.realised(), e.boundKind(), e.bound(), e.breached(),
						e.calibrationError(), e.calibrationRows(), e.calibrated())
				.update();
		}
	}

	/** A run's estimates, by model and then in the estimate's metric order. */
	List<StoredEstimate> of(long runId) {
		return this.jdbc.sql("""
				SELECT e.model_version_id, m.name || '@' || m.version AS model, e.metric, e.rows_awaiting, e.estimated,
					e.rows_labelled, e.estimated_labelled, e.realised, e.bound_kind, e.bound, e.breached,
					e.calibration_error, e.calibration_rows, e.calibrated
				FROM performance_estimate e JOIN model_version m ON m.id = e.model_version_id
				WHERE e.run_id = ? ORDER BY e.model_version_id""")
			.param(runId)
			.query((rs, i) -> new StoredEstimate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					number(rs, 5), rs.getLong(6), number(rs, 7), number(rs, 8), rs.getString(9), number(rs, 10),
					rs.getBoolean(11), number(rs, 12), rs.getLong(13), rs.getBoolean(14)))
			.list();
	}

	private static Double number(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

	/**
	 * One estimated figure of a model in a run.
	 *
	 * @param modelVersionId the model's id
	 * @param model {@code name@version} (read back only; {@code null} when saving)
	 * @param metric the metric's key
	 * @param rowsAwaiting the window's rows still awaiting a label, estimated
	 * @param estimated the estimate over those rows, {@code null} when undefined
	 * @param rowsLabelled the window's labelled rows
	 * @param estimatedLabelled the same estimate over the labelled rows
	 * @param realised the figure the labels give over the labelled rows
	 * @param boundKind {@code MIN} or {@code MAX} of the monthly bound, {@code null}
	 * without one
	 * @param bound the bound's value
	 * @param breached whether the estimate is past the bound (an early warning)
	 * @param calibrationError the expected calibration error on the reference's labelled
	 * rows
	 * @param calibrationRows the rows it was measured on
	 * @param calibrated whether it is within the limit, so the estimate is trusted
	 */
	record StoredEstimate(long modelVersionId, String model, String metric, long rowsAwaiting, Double estimated,
			long rowsLabelled, Double estimatedLabelled, Double realised, String boundKind, Double bound,
			boolean breached, Double calibrationError, long calibrationRows, boolean calibrated) {
	}

}
