package io.ratchet.alert;

import java.sql.Date;
import java.util.List;

import io.ratchet.alert.AlertPolicy.State;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code alert_state} table: the breaches failing now, per dataset and model, since
 * when and last told when.
 */
@Repository
class AlertStates {

	private final JdbcClient jdbc;

	AlertStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The states of one dataset and model whose keys start with the job's name. */
	List<State> of(String dataset, String model, String job) {
		return this.jdbc.sql("""
				SELECT breach_key, failing_since, last_notified FROM alert_state
				WHERE dataset = ? AND model_name = ? AND breach_key LIKE ?
				ORDER BY failing_since, breach_key""")
			.params(dataset, model, job + " %")
			.query((rs, i) -> new State(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate()))
			.list();
	}

	/**
	 * Models of a dataset other than the given one with states for the job (an earlier
	 * champion's breaches).
	 */
	List<String> otherModels(String dataset, String model, String job) {
		return this.jdbc.sql("""
				SELECT DISTINCT model_name FROM alert_state
				WHERE dataset = ? AND model_name <> ? AND breach_key LIKE ? ORDER BY model_name""")
			.params(dataset, model, job + " %")
			.query(String.class)
			.list();
	}

	void save(String dataset, String model, State state, long runId) {
		int updated = this.jdbc.sql("""
				UPDATE alert_state SET failing_since = ?, last_notified = ?, last_run_id = ?
				WHERE dataset = ? AND model_name = ? AND breach_key = ?""")
			.params(Date.valueOf(state.failingSince()), Date.valueOf(state.lastNotified()), runId, dataset, model,
					state.key())
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO alert_state (dataset, model_name, breach_key, failing_since, last_notified, last_run_id)
					VALUES (?, ?, ?, ?, ?, ?)""")
				.params(dataset, model, state.key(), Date.valueOf(state.failingSince()),
						Date.valueOf(state.lastNotified()), runId)
				.update();
		}
	}

	void remove(String dataset, String model, String key) {
		this.jdbc.sql("DELETE FROM alert_state WHERE dataset = ? AND model_name = ? AND breach_key = ?")
			.params(dataset, model, key)
			.update();
	}

	void removeModel(String dataset, String model, String job) {
		this.jdbc.sql("DELETE FROM alert_state WHERE dataset = ? AND model_name = ? AND breach_key LIKE ?")
			.params(dataset, model, job + " %")
			.update();
	}

}
