package io.ratchet.alert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.ratchet.alert.AlertReport.Point;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.FigureReads;
import io.ratchet.run.Period;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunReads;
import io.ratchet.run.RunRecord;
import io.ratchet.run.StoredBreach;
import io.ratchet.run.StoredVerdict;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What alerts read about runs, through {@link ResultsStore}, {@link RunReads} and
 * {@link FigureReads}: figures by their key (drift keys included), a figure's values over
 * earlier runs, and which runs still await their alerts (the {@code alert_evaluation}
 * table, which alerts own).
 */
@Repository
class RunFacts {

	private final JdbcClient jdbc;

	private final ResultsStore results;

	private final RunReads runs;

	private final FigureReads figures;

	RunFacts(JdbcClient jdbc, ResultsStore results, RunReads runs, FigureReads figures) {
		this.jdbc = jdbc;
		this.results = results;
		this.runs = runs;
		this.figures = figures;
	}

	Optional<RunRecord> run(long runId) {
		return this.results.run(runId);
	}

	/** The model a run is judged by: its champion, else the first model it scored. */
	Optional<RunModel> judged(long runId) {
		List<RunModel> models = this.results.runModels(runId);
		return models.stream()
			.filter((model) -> model.is(Role.CHAMPION))
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
	 * A model's verdict in a run: BREACH when any period breached, else the whole
	 * period's verdict, else the worst of its periods.
	 */
	String verdictOf(long runId, long modelVersionId) {
		List<StoredVerdict> verdicts = verdicts(runId, modelVersionId);
		if (verdicts.stream().anyMatch((v) -> v.is(Verdict.BREACH))) {
			return Verdict.BREACH.name();
		}
		return verdicts.stream()
			.filter(StoredVerdict::isWholePeriod)
			.map(StoredVerdict::verdict)
			.findFirst()
			.orElseGet(() -> verdicts.stream().anyMatch((v) -> v.is(Verdict.INSUFFICIENT_DATA))
					? Verdict.INSUFFICIENT_DATA.name() : Verdict.PASS.name());
	}

	/** A figure of one model and period, or {@code null} when absent or undefined. */
	Double figure(long runId, long modelVersionId, String period, String metric) {
		return this.figures.figure(runId, modelVersionId, Period.of(period), metric);
	}

	/** A figure month by month within one run (a back-test's trend). */
	List<Point> monthly(long runId, long modelVersionId, String metric) {
		return this.figures.monthly(runId, modelVersionId, metric)
			.stream()
			.map((figure) -> new Point(figure.period().value(), figure.value()))
			.toList();
	}

	/**
	 * A whole-window figure over the last {@code runs} completed runs of the same job,
	 * dataset and model version up to this run's as-of time (this run included), oldest
	 * first, labelled by as-of date. Figures not stored as metric values (drift
	 * statistics) come from the breaches those runs recorded.
	 */
	List<Point> acrossRuns(RunRecord run, long modelVersionId, String metric, int runs) {
		LocalDateTime asOf = (run.asOf() != null) ? run.asOf() : run.startedAt();
		List<FigureReads.RunFigure> figures = this.figures.wholePeriodAcrossRuns(run, asOf, modelVersionId, metric,
				runs);
		if (figures.isEmpty()) {
			figures = this.figures.wholePeriodBreachesAcrossRuns(run, asOf, modelVersionId, metric, runs);
		}
		List<Point> points = new ArrayList<>();
		for (FigureReads.RunFigure figure : figures) {
			points.add(new Point(figure.asOf().toLocalDate().toString(), figure.value()));
		}
		Collections.reverse(points);
		return points;
	}

	/**
	 * The run's metrics CSV: its report path when that is the CSV, else
	 * {@code metrics.csv} beside it.
	 */
	static Path metricsCsv(RunRecord run) {
		if (run.reportPath() == null) {
			return null;
		}
		Path report = Path.of(run.reportPath());
		Path csv = report.getFileName().toString().endsWith(".csv") ? report : report.resolveSibling("metrics.csv");
		return Files.isRegularFile(csv) ? csv : null;
	}

	/**
	 * The run's human-readable report: {@code index.html} beside the CSV when there is
	 * one, else the report path.
	 */
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

	/**
	 * Completed runs that finished since {@code since} and whose alerts were never
	 * decided, oldest first.
	 */
	List<Long> unevaluated(LocalDateTime since) {
		List<Long> completed = this.runs.completedSince(since);
		if (completed.isEmpty()) {
			return completed;
		}
		Set<Long> evaluated = new HashSet<>(this.jdbc.sql("SELECT run_id FROM alert_evaluation WHERE run_id IN (:runs)")
			.param("runs", completed)
			.query(Long.class)
			.list());
		return completed.stream().filter((id) -> !evaluated.contains(id)).toList();
	}

	boolean evaluated(long runId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM alert_evaluation WHERE run_id = ?")
			.param(runId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Records that a run's alerts are decided; fails on a second call (the run's primary
	 * key).
	 */
	void markEvaluated(long runId, int alerts, LocalDateTime now) {
		this.jdbc.sql("INSERT INTO alert_evaluation (run_id, evaluated_at, alerts) VALUES (?, ?, ?)")
			.params(runId, Timestamp.valueOf(now), alerts)
			.update();
	}

}
