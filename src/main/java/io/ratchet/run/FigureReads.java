package io.ratchet.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of stored figures ({@code metric_value}, and {@code breach} for figures only a
 * breach records, such as drift statistics) by their key: one figure, a figure month by
 * month, a whole-period figure across runs, a model's figures by period. Figures are
 * keyed by their stored metric key, so drift keys work too. An undefined figure (stored
 * as NULL) comes back as {@code null} or is left out, never as 0. Read-only.
 */
@Repository
public class FigureReads {

	/**
	 * The end of the statements of a whole-period figure across runs: the last completed
	 * runs up to a time.
	 */
	private static final String ACROSS_RUNS = """
			WHERE r.dataset = ? AND r.job_name = ? AND r.status = ? AND r.as_of <= ?
			ORDER BY r.as_of DESC, r.id DESC
			FETCH FIRST ? ROWS ONLY""";

	private final JdbcClient jdbc;

	public FigureReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A figure of one period. */
	public record PeriodFigure(Period period, Double value) {
	}

	/** A whole-period figure of one run, with the run's as-of time. */
	public record RunFigure(long runId, LocalDateTime asOf, Double value) {
	}

	/**
	 * One run's stored figures of its champion over one period (the row count as
	 * {@link Metric#N}).
	 */
	public record ChampionFigures(long runId, String jobName, String modelName, Period period,
			Map<MetricId, Double> values) {
	}

	/** A figure of one model and period, or {@code null} when absent or undefined. */
	public Double figure(long runId, long modelVersionId, Period period, String metric) {
		return this.jdbc.sql("""
				SELECT val FROM metric_value WHERE run_id = ? AND model_version_id = ? AND period = ? AND metric = ?""")
			.params(runId, modelVersionId, period.value(), metric)
			.query((rs, i) -> value(rs, 1))
			.optional()
			.orElse(null);
	}

	/**
	 * A figure month by month within one run (the whole period left out), in period
	 * order.
	 */
	public List<PeriodFigure> monthly(long runId, long modelVersionId, String metric) {
		return this.jdbc.sql("""
				SELECT period, val FROM metric_value
				WHERE run_id = ? AND model_version_id = ? AND metric = ? AND period <> ?
				ORDER BY period""")
			.params(runId, modelVersionId, metric, Period.ALL_VALUE)
			.query((rs, i) -> new PeriodFigure(Period.of(rs.getString(1)), value(rs, 2)))
			.list();
	}

	/**
	 * A whole-period figure over the last {@code runs} completed runs of the same job,
	 * dataset and model version up to {@code asOf} (inclusive), newest first.
	 */
	public List<RunFigure> wholePeriodAcrossRuns(RunRecord run, LocalDateTime asOf, long modelVersionId, String metric,
			int runs) {
		return acrossRuns(this.jdbc.sql("""
				SELECT r.id, r.as_of, v.val FROM run r
				JOIN metric_value v ON v.run_id = r.id AND v.model_version_id = ? AND v.period = ? AND v.metric = ?
				""" + ACROSS_RUNS), run, asOf, modelVersionId, metric, runs,
				(rs, i) -> new RunFigure(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime(), value(rs, 3)));
	}

	/**
	 * As {@link #wholePeriodAcrossRuns}, for a figure that only breaches record (a drift
	 * statistic): the value of each whole-period breach of it, newest first.
	 */
	public List<RunFigure> wholePeriodBreachesAcrossRuns(RunRecord run, LocalDateTime asOf, long modelVersionId,
			String metric, int runs) {
		return acrossRuns(this.jdbc.sql("""
				SELECT r.id, r.as_of, b.val FROM run r
				JOIN breach b ON b.run_id = r.id AND b.model_version_id = ? AND b.period = ? AND b.metric = ?
				""" + ACROSS_RUNS), run, asOf, modelVersionId, metric, runs,
				(rs, i) -> new RunFigure(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime(), rs.getDouble(3)));
	}

	/**
	 * Runs a statement of the two above: its parameters are the model version, the whole
	 * period, the figure, the run's dataset and job, the completed status, the as-of
	 * bound and the number of runs, in that order.
	 */
	private static List<RunFigure> acrossRuns(JdbcClient.StatementSpec statement, RunRecord run, LocalDateTime asOf,
			long modelVersionId, String metric, int runs, RowMapper<RunFigure> mapper) {
		return statement
			.params(modelVersionId, Period.ALL_VALUE, metric, run.dataset(), run.jobName(), RunStatus.COMPLETED.name(),
					Timestamp.valueOf(asOf), runs)
			.query(mapper)
			.list();
	}

	/**
	 * The whole-period figure of some runs: run id to model version id to value (runs
	 * without one left out).
	 */
	public Map<Long, Map<Long, Double>> wholePeriod(Collection<Long> runIds, String metric) {
		Map<Long, Map<Long, Double>> byRun = new LinkedHashMap<>();
		if (runIds.isEmpty()) {
			return byRun;
		}
		// one query for all the runs rather than one per run (a chart covers up to 30
		// runs, a report several charts)
		this.jdbc.sql("""
				SELECT run_id, model_version_id, val FROM metric_value
				WHERE run_id IN (:runs) AND period = :period AND metric = :metric""")
			.param("runs", List.copyOf(runIds))
			.param("period", Period.ALL_VALUE)
			.param("metric", metric)
			.query((rs) -> {
				Double value = value(rs, 3);
				byRun.computeIfAbsent(rs.getLong(1), (id) -> new LinkedHashMap<>()).put(rs.getLong(2), value);
			});
		return byRun;
	}

	/**
	 * A model's stored figures in one run, by period (as stored, stripped) then metric,
	 * with the row count as {@link Metric#N}; undefined figures are left out.
	 */
	public Map<String, Map<MetricId, Double>> figures(long runId, long modelVersionId) {
		Map<String, Map<MetricId, Double>> byPeriod = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT period, metric, val, row_count FROM metric_value
				WHERE run_id = ? AND model_version_id = ? ORDER BY period, metric""")
			.params(runId, modelVersionId)
			.query((rs, i) -> {
				Map<MetricId, Double> values = byPeriod.computeIfAbsent(rs.getString(1).strip(),
						(period) -> new LinkedHashMap<>());
				double value = rs.getDouble(3);
				if (!rs.wasNull()) {
					values.put(MetricId.of(rs.getString(2)), value);
				}
				values.put(Metric.N, (double) rs.getLong(4));
				return 0;
			})
			.list();
		return byPeriod;
	}

	/**
	 * The whole-period figures of the champion in the latest completed run of a dataset
	 * that stored any (a back-test's, a now-test's window), with the row count as
	 * {@link Metric#N}; undefined figures are left out. Two small reads, whatever the
	 * number of runs: for a scrape of the HTTP endpoint.
	 */
	public Optional<ChampionFigures> latestChampionFigures(String dataset) {
		record Latest(long runId, String jobName, long modelVersionId, String modelName) {
		}
		return this.jdbc.sql("""
				SELECT r.id, r.job_name, m.id, m.name
				FROM run r JOIN run_model rm ON rm.run_id = r.id AND rm.role = ?
				JOIN model_version m ON m.id = rm.model_version_id
				WHERE r.dataset = ? AND r.status = ? AND EXISTS (SELECT 1 FROM metric_value v
					WHERE v.run_id = r.id AND v.model_version_id = m.id AND v.period = ?)
				ORDER BY r.id DESC FETCH FIRST 1 ROWS ONLY""")
			.params(Role.CHAMPION.value(), dataset, RunStatus.COMPLETED.name(), Period.ALL_VALUE)
			.query((rs, i) -> new Latest(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
			.optional()
			.map((latest) -> new ChampionFigures(latest.runId(), latest.jobName(), latest.modelName(), Period.ALL,
					figures(latest.runId(), latest.modelVersionId()).getOrDefault(Period.ALL_VALUE, Map.of())));
	}

	/** The figures of each completed run's champion on a dataset, by run then period. */
	public List<ChampionFigures> championFigures(String dataset) {
		Map<String, ChampionFigures> byKey = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT r.id, r.job_name, m.name, v.period, v.metric, v.val, v.row_count
				FROM run r JOIN run_model rm ON rm.run_id = r.id AND rm.role = ?
				JOIN model_version m ON m.id = rm.model_version_id
				JOIN metric_value v ON v.run_id = r.id AND v.model_version_id = rm.model_version_id
				WHERE r.dataset = ? AND r.status = ?
				ORDER BY r.id, v.period""")
			.params(Role.CHAMPION.value(), dataset, RunStatus.COMPLETED.name())
			.query((rs, i) -> {
				long runId = rs.getLong(1);
				String job = rs.getString(2);
				String model = rs.getString(3);
				Period period = Period.of(rs.getString(4));
				ChampionFigures figures = byKey.computeIfAbsent(runId + "/" + period,
						(key) -> new ChampionFigures(runId, job, model, period, new LinkedHashMap<>()));
				double value = rs.getDouble(6);
				if (!rs.wasNull()) {
					figures.values().put(MetricId.of(rs.getString(5)), value);
				}
				figures.values().put(Metric.N, (double) rs.getLong(7));
				return 0;
			})
			.list();
		return new ArrayList<>(byKey.values());
	}

	/**
	 * A stored value, {@code null} when it is NULL (an undefined figure). {@code wasNull}
	 * is asked right after the value is read: asked after reading another column it would
	 * answer for that column and turn NULL into 0.
	 */
	private static Double value(ResultSet rs, int column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

}
