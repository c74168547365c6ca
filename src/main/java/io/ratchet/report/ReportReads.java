package io.ratchet.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.data.LogCoverage;
import io.ratchet.metrics.Interval;
import io.ratchet.metrics.IntervalMethod;
import io.ratchet.run.FigureReads;
import io.ratchet.run.IntervalSet;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunReads;
import io.ratchet.run.RunRecord;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a report reads beyond {@link ResultsStore}: figures across earlier runs and the
 * models of every run (through {@link RunReads} and {@link FigureReads}), logged coverage
 * (through {@link LoggedPredictionsStore}) and a now-test's drift ({@code drift_value}).
 * Read-only.
 */
@Repository
class ReportReads {

	private final JdbcClient jdbc;

	private final RunReads runs;

	private final FigureReads figures;

	private final LoggedPredictionsStore logged;

	ReportReads(JdbcClient jdbc, RunReads runs, FigureReads figures, LoggedPredictionsStore logged) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.figures = figures;
		this.logged = logged;
	}

	/**
	 * A whole-period (window) figure of the given model versions over the last
	 * {@code limit} completed runs of the same job and dataset up to this run (this run
	 * included), oldest first: run label (as-of date and run id) to model version id to
	 * value.
	 */
	Map<String, Map<Long, Double>> acrossRuns(RunRecord run, String metric, int limit) {
		List<RunReads.RunAt> runs = new ArrayList<>(this.runs.upTo(run, limit));
		Collections.reverse(runs);
		Map<Long, Map<Long, Double>> figures = this.figures
			.wholePeriod(runs.stream().map(RunReads.RunAt::runId).toList(), metric);
		Map<String, Map<Long, Double>> values = new LinkedHashMap<>();
		for (RunReads.RunAt at : runs) {
			String label = ((at.asOf() != null) ? at.asOf().toLocalDate() + " " : "") + "#" + at.runId();
			values.put(label, new LinkedHashMap<>(figures.getOrDefault(at.runId(), Map.of())));
		}
		return values;
	}

	/**
	 * A model's stored 95% intervals of one metric in a run, by period: from each
	 * period's packed set ({@code metric_interval_set}, {@link IntervalSet}) or, for a
	 * run stored before they were packed, its rows of {@code metric_interval}.
	 */
	Map<String, Interval> intervals(long runId, long modelVersionId, String metric) {
		Map<String, Interval> intervals = new TreeMap<>();
		this.jdbc.sql("""
				SELECT period, lo, hi, method FROM metric_interval
				WHERE run_id = ? AND model_version_id = ? AND metric = ?""")
			.params(runId, modelVersionId, metric)
			.query((rs) -> {
				intervals.put(rs.getString(1).trim(),
						new Interval(rs.getDouble(2), rs.getDouble(3), IntervalMethod.fromKey(rs.getString(4).trim())));
			});
		this.jdbc.sql("SELECT period, intervals FROM metric_interval_set WHERE run_id = ? AND model_version_id = ?")
			.params(runId, modelVersionId)
			.query((rs) -> {
				String period = rs.getString(1).trim();
				Interval interval = IntervalSet
					.unpack(rs.getBytes(2), "run " + runId + ", model version " + modelVersionId + ", period " + period)
					.get(metric);
				if (interval != null) {
					intervals.put(period, interval);
				}
			});
		return intervals;
	}

	/** A now-test's PSI per feature (scores excluded). */
	Map<String, Double> featurePsi(long runId) {
		Map<String, Double> psi = new LinkedHashMap<>();
		this.jdbc
			.sql("""
					SELECT subject, val FROM drift_value WHERE run_id = ? AND statistic = 'psi' AND subject NOT LIKE 'score:%'
					ORDER BY subject""")
			.param(runId)
			.query((rs) -> {
				psi.put(rs.getString(1), rs.getDouble(2));
			});
		return psi;
	}

	/**
	 * The models of each run, as {@code name@version} joined by commas, champion first.
	 */
	Map<Long, String> modelsOfRuns() {
		Map<Long, String> joined = new LinkedHashMap<>();
		this.runs.modelKeysByRun()
			.forEach((id, list) -> joined.put(id, (list.size() <= 4) ? String.join(", ", list)
					: String.join(", ", list.subList(0, 3)) + " and " + (list.size() - 3) + " more"));
		return joined;
	}

	/**
	 * The logged models' counts of a run, summed over its periods: model version id to
	 * how its rows and logged scores met (empty when the run scored no logged model).
	 */
	Map<Long, LogCoverage> loggedCoverage(long runId) {
		return this.logged.coverageByModel(runId);
	}

}
