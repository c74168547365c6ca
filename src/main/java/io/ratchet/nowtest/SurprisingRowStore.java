package io.ratchet.nowtest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The now-test's surprising rows ({@code surprising_row},
 * {@code db/common/V29__surprising_row.sql}): per run, model and kind, ranked. Public for
 * {@code jobs/model-cases --add-from}, which makes regression cases of them.
 */
@Repository
public class SurprisingRowStore {

	private final JdbcClient jdbc;

	SurprisingRowStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a run's surprising rows, by model id, replacing earlier ones (a restarted
	 * step); each model's rows come by kind, most surprising first.
	 */
	void save(long runId, Map<Long, List<Surprise>> byModel) {
		this.jdbc.sql("DELETE FROM surprising_row WHERE run_id = ?").param(runId).update();
		byModel.forEach((modelId, rows) -> {
			SurpriseKind kind = null;
			int rank = 0;
			for (Surprise row : rows) {
				rank = (row.kind() == kind) ? rank + 1 : 1;
				kind = row.kind();
				this.jdbc.sql("""
						INSERT INTO surprising_row (run_id, model_version_id, kind, row_rank, measure, file_path, line,
							row_key, row_date, score, label, detail)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(runId, modelId, kind.key(), rank, row.measure(), row.file(), row.line(), row.key(),
							row.date(), row.score(), Double.isNaN(row.label()) ? null : row.label(), row.detail())
					.update();
			}
		});
	}

	/** A run's surprising rows: by model id, then kind, then rank. */
	public List<StoredSurprise> of(long runId) {
		return this.jdbc.sql(SELECT + " WHERE s.run_id = ? ORDER BY s.model_version_id, " + KIND_ORDER + ", s.row_rank")
			.param(runId)
			.query(SurprisingRowStore::stored)
			.list();
	}

	/**
	 * A run's surprising rows of one model ({@code name@version}): by kind, then rank.
	 */
	public List<StoredSurprise> of(long runId, String name, String version) {
		return this.jdbc
			.sql(SELECT + " WHERE s.run_id = ? AND m.name = ? AND m.version = ? ORDER BY " + KIND_ORDER
					+ ", s.row_rank")
			.params(runId, name, version)
			.query(SurprisingRowStore::stored)
			.list();
	}

	/**
	 * The job that made a run ({@code nowtest}, {@code backtest}...), if there is one.
	 */
	public Optional<String> job(long runId) {
		return this.jdbc.sql("SELECT job_name FROM run WHERE id = ?").param(runId).query(String.class).optional();
	}

	/** Whether a run judged a model ({@code run_model}). */
	public boolean judged(long runId, String name, String version) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM run_model r JOIN model_version m ON m.id = r.model_version_id
				WHERE r.run_id = ? AND m.name = ? AND m.version = ?""")
			.params(runId, name, version)
			.query(Long.class)
			.single() > 0;
	}

	private static final String SELECT = """
			SELECT m.name || '@' || m.version, s.kind, s.row_rank, s.measure, s.file_path, s.line, s.row_key,
				s.row_date, s.score, s.label, s.detail
			FROM surprising_row s JOIN model_version m ON m.id = s.model_version_id""";

	private static final String KIND_ORDER = "CASE s.kind WHEN 'loss' THEN 1 WHEN 'range' THEN 2 ELSE 3 END";

	private static StoredSurprise stored(ResultSet rs, int index) throws SQLException {
		double label = rs.getDouble(10);
		if (rs.wasNull()) {
			label = Double.NaN;
		}
		return new StoredSurprise(rs.getString(1), rs.getInt(3),
				new Surprise(SurpriseKind.of(rs.getString(2)), rs.getDouble(4), rs.getString(5), rs.getLong(6),
						rs.getString(7), rs.getObject(8, java.time.LocalDate.class), rs.getDouble(9), label,
						rs.getString(11)));
	}

	/**
	 * A stored surprising row.
	 *
	 * @param model {@code name@version}
	 * @param rank its place within its kind, 1 for the most surprising
	 * @param row the row
	 */
	public record StoredSurprise(String model, int rank, Surprise row) {
	}

}
