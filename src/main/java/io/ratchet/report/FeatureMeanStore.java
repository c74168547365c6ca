package io.ratchet.report;

import java.util.List;

import io.ratchet.run.Attempt;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code feature_mean} table: each numeric feature's mean per period of a run. Saving
 * a period replaces what an earlier attempt of it stored, so a month run again is stored
 * once. Calls join the caller's transaction; a period's means are inserted as one JDBC
 * batch.
 */
@Repository
public class FeatureMeanStore {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	public FeatureMeanStore(JdbcTemplate jdbcTemplate) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.jdbcTemplate = jdbcTemplate;
	}

	/** Stores a period's means, replacing what an earlier attempt stored. */
	public void save(long runId, String period, FeatureMeans means) {
		save(runId, period, means, Attempt.REPEATED);
	}

	/**
	 * Stores a period's means, first deleting what an earlier attempt stored unless the
	 * attempt is the {@link Attempt#FIRST first}.
	 */
	public void save(long runId, String period, FeatureMeans means, Attempt attempt) {
		if (attempt.replaces()) {
			this.jdbc.sql("DELETE FROM feature_mean WHERE run_id = ? AND period = ?").params(runId, period).update();
		}
		List<Object[]> rows = means.means()
			.stream()
			.map((mean) -> new Object[] { runId, period, mean.feature(), mean.mean(), mean.rows(), mean.missing() })
			.toList();
		if (!rows.isEmpty()) {
			this.jdbcTemplate.batchUpdate("""
					INSERT INTO feature_mean (run_id, period, feature, mean_val, row_count, missing_count)
					VALUES (?, ?, ?, ?, ?, ?)""", rows);
		}
	}

	/** Every stored mean of a run, by feature then period. */
	public List<StoredMean> means(long runId) {
		return this.jdbc.sql("""
				SELECT feature, period, mean_val, row_count FROM feature_mean WHERE run_id = ?
				ORDER BY feature, period""")
			.param(runId)
			.query((rs, i) -> new StoredMean(rs.getString(1), rs.getString(2), rs.getObject(3, Double.class),
					rs.getLong(4)))
			.list();
	}

	/** One stored mean. */
	public record StoredMean(String feature, String period, Double mean, long rows) {
	}

}
