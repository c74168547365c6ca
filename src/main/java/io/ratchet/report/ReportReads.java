package io.ratchet.report;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.LogCoverage;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What a report reads beyond {@link ResultsStore}: figures across earlier runs and a now-test's drift. Read-only. */
@Repository
class ReportReads {

	private final JdbcClient jdbc;

	ReportReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A whole-period (window) figure of the given model versions over the last {@code limit} completed runs of the
	 * same job and dataset up to this run (this run included), oldest first: run label (as-of date and run id) to
	 * model version id to value.
	 */
	Map<String, Map<Long, Double>> acrossRuns(RunRecord run, String metric, int limit) {
		Timestamp upTo = Timestamp.valueOf((run.asOf() != null) ? run.asOf() : run.startedAt());
		List<Object[]> runs = new ArrayList<>(this.jdbc.sql("""
				SELECT r.id, r.as_of FROM run r
				WHERE r.dataset = ? AND r.job_name = ? AND (r.id = ? OR (r.status = 'COMPLETED' AND r.as_of <= ?))
				ORDER BY r.as_of DESC, r.id DESC FETCH FIRST ? ROWS ONLY""")
			.params(run.dataset(), run.jobName(), run.id(), upTo, limit)
			.query((rs, i) -> new Object[] { rs.getLong(1), rs.getTimestamp(2) })
			.list());
		Collections.reverse(runs);
		Map<Long, Map<Long, Double>> byRun = new LinkedHashMap<>();
		Map<String, Map<Long, Double>> values = new LinkedHashMap<>();
		for (Object[] row : runs) {
			long id = (Long) row[0];
			Timestamp asOf = (Timestamp) row[1];
			String label = ((asOf != null) ? asOf.toLocalDateTime().toLocalDate() + " " : "") + "#" + id;
			Map<Long, Double> byModel = new LinkedHashMap<>();
			byRun.put(id, byModel);
			values.put(label, byModel);
		}
		if (byRun.isEmpty()) {
			return values;
		}
		// one query for all the runs rather than one per run (a chart covers up to 30 runs, a report several charts)
		this.jdbc.sql("""
				SELECT run_id, model_version_id, val FROM metric_value
				WHERE run_id IN (:runs) AND period = :period AND metric = :metric""")
			.param("runs", List.copyOf(byRun.keySet()))
			.param("period", ResultsStore.ALL)
			.param("metric", metric)
			.query((rs) -> {
				double value = rs.getDouble(3);
				byRun.get(rs.getLong(1)).put(rs.getLong(2), rs.wasNull() ? null : value);
			});
		return values;
	}

	/** A now-test's PSI per feature (scores excluded). */
	Map<String, Double> featurePsi(long runId) {
		Map<String, Double> psi = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT subject, val FROM drift_value WHERE run_id = ? AND statistic = 'psi' AND subject NOT LIKE 'score:%'
				ORDER BY subject""")
			.param(runId)
			.query((rs) -> {
				psi.put(rs.getString(1), rs.getDouble(2));
			});
		return psi;
	}

	/** The models of each run, as {@code name@version} joined by commas, champion first. */
	Map<Long, String> modelsOfRuns() {
		Map<Long, List<String>> models = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT r.run_id, m.name, m.version, r.role FROM run_model r
				JOIN model_version m ON m.id = r.model_version_id
				ORDER BY r.run_id, CASE r.role WHEN 'champion' THEN 0 ELSE 1 END, m.name, m.version""")
			.query((rs) -> {
				models.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>())
					.add(rs.getString(2) + "@" + rs.getString(3));
			});
		Map<Long, String> joined = new LinkedHashMap<>();
		models.forEach((id, list) -> joined.put(id, (list.size() <= 4) ? String.join(", ", list)
				: String.join(", ", list.subList(0, 3)) + " and " + (list.size() - 3) + " more"));
		return joined;
	}

	/**
	 * The logged models' counts of a run, summed over its periods: model version id to how its rows and logged scores
	 * met (empty when the run scored no logged model).
	 */
	Map<Long, LogCoverage> loggedCoverage(long runId) {
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

}
