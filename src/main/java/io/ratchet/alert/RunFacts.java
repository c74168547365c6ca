package io.ratchet.alert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.ratchet.alert.AlertReport.Point;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunRecord;
import io.ratchet.run.StoredBreach;
import io.ratchet.run.StoredVerdict;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What alerts read about runs, beyond {@link ResultsStore}: figures by their key (drift keys included), a figure's
 * values over earlier runs, and which runs still await their alerts.
 */
@Repository
class RunFacts {

	private final JdbcClient jdbc;

	private final ResultsStore results;

	RunFacts(JdbcClient jdbc, ResultsStore results) {
		this.jdbc = jdbc;
		this.results = results;
	}

	Optional<RunRecord> run(long runId) {
		return this.results.run(runId);
	}

	/** The model a run is judged by: its champion, else the first model it scored. */
	Optional<RunModel> judged(long runId) {
		List<RunModel> models = this.results.runModels(runId);
		return models.stream()
			.filter((model) -> "champion".equals(model.role()))
			.findFirst()
			.or(() -> models.stream().findFirst());
	}

	List<RunModel> models(long runId) {
		return this.results.runModels(runId);
	}

	List<StoredBreach> breaches(long runId, long modelVersionId) {
		return this.results.breaches(runId).stream().filter((b) -> b.modelVersionId() == modelVersionId).toList();
	}

	List<StoredVerdict> verdicts(long runId, long modelVersionId) {
		return this.results.verdicts(runId).stream().filter((v) -> v.modelVersionId() == modelVersionId).toList();
	}

	/**
	 * A model's verdict in a run: BREACH when any period breached, else the whole period's verdict, else the worst of
	 * its periods.
	 */
	String verdictOf(long runId, long modelVersionId) {
		List<StoredVerdict> verdicts = verdicts(runId, modelVersionId);
		if (verdicts.stream().anyMatch((v) -> "BREACH".equals(v.verdict()))) {
			return "BREACH";
		}
		return verdicts.stream()
			.filter((v) -> ResultsStore.ALL.equals(v.period()))
			.map(StoredVerdict::verdict)
			.findFirst()
			.orElseGet(() -> verdicts.stream().anyMatch((v) -> "INSUFFICIENT_DATA".equals(v.verdict()))
					? "INSUFFICIENT_DATA" : "PASS");
	}

	/** A figure of one model and period, or {@code null} when absent or undefined. */
	Double figure(long runId, long modelVersionId, String period, String metric) {
		return this.jdbc.sql("""
				SELECT val FROM metric_value WHERE run_id = ? AND model_version_id = ? AND period = ? AND metric = ?""")
			.params(runId, modelVersionId, period, metric)
			.query((rs, i) -> {
				double value = rs.getDouble(1);
				return rs.wasNull() ? null : value;
			})
			.optional()
			.orElse(null);
	}

	/** A figure month by month within one run (a back-test's trend). */
	List<Point> monthly(long runId, long modelVersionId, String metric) {
		return this.jdbc.sql("""
				SELECT period, val FROM metric_value
				WHERE run_id = ? AND model_version_id = ? AND metric = ? AND period <> ?
				ORDER BY period""")
			.params(runId, modelVersionId, metric, ResultsStore.ALL)
			.query((rs, i) -> {
				double value = rs.getDouble(2);
				return new Point(rs.getString(1), rs.wasNull() ? null : value);
			})
			.list();
	}

	/**
	 * A whole-window figure over the last {@code runs} completed runs of the same job, dataset and model version up
	 * to this run's as-of time (this run included), oldest first, labelled by as-of date. Figures not stored as metric
	 * values (drift statistics) come from the breaches those runs recorded.
	 */
	List<Point> acrossRuns(RunRecord run, long modelVersionId, String metric, int runs) {
		LocalDateTime asOf = (run.asOf() != null) ? run.asOf() : run.startedAt();
		List<Point> points = new ArrayList<>(this.jdbc.sql("""
				SELECT r.as_of, v.val FROM run r
				JOIN metric_value v ON v.run_id = r.id AND v.model_version_id = ? AND v.period = ? AND v.metric = ?
				WHERE r.dataset = ? AND r.job_name = ? AND r.status = 'COMPLETED' AND r.as_of <= ?
				ORDER BY r.as_of DESC, r.id DESC
				FETCH FIRST ? ROWS ONLY""")
			.params(modelVersionId, ResultsStore.ALL, metric, run.dataset(), run.jobName(), Timestamp.valueOf(asOf),
					runs)
			.query((rs, i) -> {
				double value = rs.getDouble(2);
				return new Point(rs.getTimestamp(1).toLocalDateTime().toLocalDate().toString(),
						rs.wasNull() ? null : value);
			})
			.list());
		if (points.isEmpty()) {
			points.addAll(this.jdbc.sql("""
					SELECT r.as_of, b.val FROM run r
					JOIN breach b ON b.run_id = r.id AND b.model_version_id = ? AND b.period = ? AND b.metric = ?
					WHERE r.dataset = ? AND r.job_name = ? AND r.status = 'COMPLETED' AND r.as_of <= ?
					ORDER BY r.as_of DESC, r.id DESC
					FETCH FIRST ? ROWS ONLY""")
				.params(modelVersionId, ResultsStore.ALL, metric, run.dataset(), run.jobName(),
						Timestamp.valueOf(asOf), runs)
				.query((rs, i) -> new Point(rs.getTimestamp(1).toLocalDateTime().toLocalDate().toString(),
						rs.getDouble(2)))
				.list());
		}
		Collections.reverse(points);
		return points;
	}

	/** The run's metrics CSV: its report path when that is the CSV, else {@code metrics.csv} beside it. */
	static Path metricsCsv(RunRecord run) {
		if (run.reportPath() == null) {
			return null;
		}
		Path report = Path.of(run.reportPath());
		Path csv = report.getFileName().toString().endsWith(".csv") ? report : report.resolveSibling("metrics.csv");
		return Files.isRegularFile(csv) ? csv : null;
	}

	/** The run's human-readable report: {@code index.html} beside the CSV when there is one, else the report path. */
	static Path reportPage(RunRecord run) {
		if (run.reportPath() == null) {
			return null;
		}
		Path report = Path.of(run.reportPath());
		if (report.getFileName().toString().endsWith(".csv")) {
			Path html = report.resolveSibling("index.html");
			return Files.isRegularFile(html) ? html : report;
		}
		return report;
	}

	/** Completed runs that finished since {@code since} and whose alerts were never decided, oldest first. */
	List<Long> unevaluated(LocalDateTime since) {
		return this.jdbc.sql("""
				SELECT r.id FROM run r
				WHERE r.status = 'COMPLETED' AND r.finished_at >= ?
					AND NOT EXISTS (SELECT 1 FROM alert_evaluation e WHERE e.run_id = r.id)
				ORDER BY r.finished_at, r.id""")
			.param(Timestamp.valueOf(since))
			.query(Long.class)
			.list();
	}

	boolean evaluated(long runId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM alert_evaluation WHERE run_id = ?")
			.param(runId)
			.query(Long.class)
			.single() > 0;
	}

	/** Records that a run's alerts are decided; fails on a second call (the run's primary key). */
	void markEvaluated(long runId, int alerts, LocalDateTime now) {
		this.jdbc.sql("INSERT INTO alert_evaluation (run_id, evaluated_at, alerts) VALUES (?, ?, ?)")
			.params(runId, Timestamp.valueOf(now), alerts)
			.update();
	}

}
