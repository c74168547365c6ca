package io.ratchet.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.Interval;
import io.ratchet.metrics.IntervalMethod;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.requirement.Breach;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Runs and everything they measured. Writes for one partition replace that partition's
 * earlier rows, so a partition that is run again after a crash (between its commit and
 * the step's own bookkeeping) never stores a figure twice. Calls join the caller's
 * transaction (a tasklet step's chunk transaction).
 *
 * <p>
 * A month's rows (about 50 metric values per model, a verdict, breaches and a state per
 * model) are written as JDBC batches, one statement per table and month rather than one
 * per row: with hundreds of small months the round trips were most of a back-test's time.
 * A batch runs in the caller's transaction like any statement, so a month's figures are
 * still stored all or nothing.
 */
@Repository
public class ResultsStore {

	/** The period name of whole-period figures. */
	public static final String ALL = Period.ALL_VALUE;

	private static final String INSERT_BREACH = """
			INSERT INTO breach (run_id, model_version_id, period, metric, bound_kind, bound, val, interval_lo,
				interval_hi)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	/**
	 * Every metric value of a run in the primary key's order: {@code run_id} is named in
	 * the order too, so that H2 reads the key's index in order rather than sorting the
	 * run's rows (it sorts by an index only when the order starts with the index's first
	 * column), which lets it hand them over as it reads them ({@link LazyRunReads}).
	 */
	static final String METRIC_VALUES_OF_RUN = """
			SELECT model_version_id, period, metric, val, row_count FROM metric_value
			WHERE run_id = ? ORDER BY run_id, model_version_id, period, metric""";

	/**
	 * Every interval of a run in the primary key's order, as
	 * {@link #METRIC_VALUES_OF_RUN}.
	 */
	static final String METRIC_INTERVALS_OF_RUN = """
			SELECT model_version_id, period, metric, lo, hi, method FROM metric_interval
			WHERE run_id = ? ORDER BY run_id, model_version_id, period, metric""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	public ResultsStore(JdbcTemplate jdbcTemplate) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * Records a run when it starts, or marks an existing one (a restart) as started
	 * again, keeping what it recorded.
	 */
	public void openRun(long runId, String jobName, String dataset, String fromPeriod, String toPeriod,
			LocalDateTime asOf, String parameters, int periods) {
		int updated = this.jdbc.sql("UPDATE run SET status = ?, failure = NULL, finished_at = NULL WHERE id = ?")
			.params(RunStatus.STARTED.name(), runId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO run (id, job_name, dataset, from_period, to_period, as_of, parameters, status,
						started_at, periods)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(runId, jobName, dataset, fromPeriod, toPeriod, ts(asOf), parameters, RunStatus.STARTED.name(),
						ts(LocalDateTime.now()), periods)
				.update();
		}
	}

	/**
	 * Records the months a run covers once they are resolved, and the months between them
	 * that have no data file (reported as absent, not as failures).
	 */
	public void describeRun(long runId, String fromPeriod, String toPeriod, int periods, List<String> absent) {
		this.jdbc.sql("UPDATE run SET from_period = ?, to_period = ?, periods = ?, absent_periods = ? WHERE id = ?")
			.params(fromPeriod, toPeriod, periods, absent.isEmpty() ? null : truncate(String.join(",", absent)), runId)
			.update();
	}

	/**
	 * Records that a run scored a model version in a role, replacing an earlier record of
	 * the same pair.
	 */
	public void recordRunModel(long runId, long modelVersionId, Role role) {
		recordRunModel(runId, modelVersionId, role.value());
	}

	/**
	 * As {@link #recordRunModel(long, long, Role)}, with the role as stored
	 * ({@code champion}, …).
	 */
	public void recordRunModel(long runId, long modelVersionId, String role) {
		this.jdbc.sql("DELETE FROM run_model WHERE run_id = ? AND model_version_id = ?")
			.params(runId, modelVersionId)
			.update();
		this.jdbc.sql("INSERT INTO run_model (run_id, model_version_id, role) VALUES (?, ?, ?)")
			.params(runId, modelVersionId, role)
			.update();
	}

	/**
	 * Stores one partition's counts and every model's figures, replacing what an earlier
	 * attempt stored.
	 */
	public void savePartition(PartitionResult partition, List<ModelFigures> figures) {
		savePartition(partition, figures, Attempt.REPEATED);
	}

	/**
	 * Stores one partition's counts and every model's figures, first deleting what an
	 * earlier attempt stored unless the attempt is the {@link Attempt#FIRST first}.
	 */
	public void savePartition(PartitionResult partition, List<ModelFigures> figures, Attempt attempt) {
		if (attempt.replaces()) {
			deletePeriod(partition.runId(), partition.period(), figures);
		}
		this.jdbc.sql("""
				INSERT INTO run_partition (run_id, period, file_path, rows_read, rows_accepted, rows_rejected,
					rows_unlabelled, rejected_file, millis, finished_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(partition.runId(), partition.period(), partition.file(), partition.rowsRead(),
					partition.rowsAccepted(), partition.rowsRejected(), partition.rowsUnlabelled(),
					partition.rejectedFile(), partition.millis(), ts(LocalDateTime.now()))
			.update();
		saveFigures(partition.runId(), partition.period(), figures);
		batch("INSERT INTO partition_state (run_id, model_version_id, period, state) VALUES (?, ?, ?, ?)",
				figures.stream()
					.map((figure) -> new Object[] { partition.runId(), figure.modelVersionId(), partition.period(),
							figure.state() })
					.toList());
	}

	/**
	 * Stores the whole-period figures of every model, replacing earlier ones (of the same
	 * models: a run's models are the same in every attempt).
	 */
	public void saveWholePeriod(long runId, List<ModelFigures> figures) {
		deletePeriod(runId, ALL, figures);
		saveFigures(runId, ALL, figures);
	}

	/**
	 * Stores a run's drift breaches (whole period, keys with a colon such as
	 * {@code psi:plan}), replacing the drift breaches an earlier attempt stored and
	 * leaving the metric breaches alone.
	 */
	public void saveDriftBreaches(long runId, List<StoredBreach> breaches) {
		this.jdbc.sql("DELETE FROM breach WHERE run_id = ? AND period = ? AND metric LIKE '%:%'")
			.params(runId, ALL)
			.update();
		batch(INSERT_BREACH, breaches.stream()
			.map((breach) -> new Object[] { runId, breach.modelVersionId(), breach.period(), breach.metric(),
					breach.boundKind(), breach.bound(), breach.value(), breach.intervalLo(), breach.intervalHi() })
			.toList());
	}

	/** The accumulator states of one model's partitions, in period order. */
	public List<byte[]> partitionStates(long runId, long modelVersionId) {
		return this.jdbc
			.sql("SELECT state FROM partition_state WHERE run_id = ? AND model_version_id = ? ORDER BY period")
			.params(runId, modelVersionId)
			.query((rs, i) -> rs.getBytes(1))
			.list();
	}

	/**
	 * The accumulator state of one model and period, or {@code null} when none was
	 * stored. The period is compared as it is stored ({@code CHAR(7)}: both databases
	 * ignore the padding of {@code ALL}), so the primary key finds the one row: a
	 * {@code TRIM(period)} made the database read, state by state, every stored state of
	 * the model (some 3 GB of pages read per back-test of 2.4M rows, issue 18).
	 */
	public byte[] partitionState(long runId, long modelVersionId, String period) {
		return this.jdbc
			.sql("SELECT state FROM partition_state WHERE run_id = ? AND model_version_id = ? AND period = ?")
			.params(runId, modelVersionId, period)
			.query((rs, i) -> rs.getBytes(1))
			.optional()
			.orElse(null);
	}

	/**
	 * Hands the partition states of one model of a run to {@code action} one at a time,
	 * in period order, so that a merge never holds more than one of them (a long
	 * history's states together can be larger than the heap).
	 */
	public void forEachPartitionState(long runId, long modelVersionId, Consumer<byte[]> action) {
		this.jdbc.sql("SELECT state FROM partition_state WHERE run_id = ? AND model_version_id = ? ORDER BY period")
			.params(runId, modelVersionId)
			.query((ResultSet rs) -> {
				action.accept(rs.getBytes(1));
			});
	}

	/**
	 * The months of a run whose results are stored (committed with the figures by
	 * {@link #savePartition}).
	 */
	public Set<String> storedPeriods(long runId) {
		return new HashSet<>(this.jdbc.sql("SELECT TRIM(period) FROM run_partition WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.list());
	}

	/**
	 * Per model version of a run, the decision threshold its binary accumulators used,
	 * read from the head of its first stored state (regression models and models without
	 * a state are left out).
	 */
	public Map<Long, Double> thresholds(long runId) {
		// each model's first period, then its state by primary key: a single query with a
		// correlated MIN per row read the run's states once per state (quadratic in the
		// months; 15% of an 840-month back-test's CPU)
		Map<Long, String> firstPeriods = new HashMap<>();
		this.jdbc
			.sql("SELECT model_version_id, MIN(period) FROM partition_state WHERE run_id = ? GROUP BY model_version_id")
			.param(runId)
			.query((ResultSet rs) -> {
				firstPeriods.put(rs.getLong(1), rs.getString(2));
			});
		Map<Long, Double> thresholds = new HashMap<>();
		firstPeriods.forEach((modelVersionId, period) -> this.jdbc
			.sql("SELECT state FROM partition_state WHERE run_id = ? AND model_version_id = ? AND period = ?")
			.params(runId, modelVersionId, period)
			.query((ResultSet rs) -> {
				try (InputStream state = rs.getBinaryStream(1)) {
					Accumulators.threshold(state.readNBytes(Accumulators.THRESHOLD_PREFIX_BYTES))
						.ifPresent((threshold) -> thresholds.put(modelVersionId, threshold));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}));
		return thresholds;
	}

	public List<PartitionResult> partitions(long runId) {
		return this.jdbc.sql("""
				SELECT run_id, period, file_path, rows_read, rows_accepted, rows_rejected, rows_unlabelled,
					rejected_file, millis
				FROM run_partition WHERE run_id = ? ORDER BY period""")
			.param(runId)
			.query((rs, i) -> new PartitionResult(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getLong(9)))
			.list();
	}

	/** Every model version a run scored, with its role, in role then name order. */
	public List<RunModel> runModels(long runId) {
		return this.jdbc.sql("""
				SELECT m.id, m.name, m.version, m.sha256, m.file_path, r.role
				FROM run_model r JOIN model_version m ON m.id = r.model_version_id
				WHERE r.run_id = ?
				ORDER BY CASE r.role WHEN 'champion' THEN 0 WHEN 'candidate' THEN 1 ELSE 2 END, m.name, m.version""")
			.param(runId)
			.query((rs, i) -> new RunModel(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).trim(),
					rs.getString(5), rs.getString(6)))
			.list();
	}

	/**
	 * Every metric value of a run (NULL values come back as absent), in the primary key's
	 * order, read without H2's temporary copy of a large result ({@link LazyRunReads}).
	 */
	public List<StoredMetric> metricValues(long runId) {
		return LazyRunReads.list(this.jdbcTemplate, (connection) -> connection.prepareStatement(METRIC_VALUES_OF_RUN),
				runId, (rs, i) -> {
					double value = rs.getDouble(4);
					Double val = rs.wasNull() ? null : value;
					return new StoredMetric(rs.getLong(1), rs.getString(2), MetricId.of(rs.getString(3)), val,
							rs.getLong(5));
				});
	}

	/**
	 * Every 95% interval stored for a run's figures, ordered by model, period and metric:
	 * each period's packed set ({@code metric_interval_set}, {@link IntervalSet}) and the
	 * rows of a run stored before intervals were packed ({@code metric_interval}, read as
	 * {@link #metricValues}).
	 */
	public List<StoredInterval> metricIntervals(long runId) {
		List<StoredInterval> intervals = new ArrayList<>(LazyRunReads.list(this.jdbcTemplate,
				(connection) -> connection.prepareStatement(METRIC_INTERVALS_OF_RUN), runId,
				(rs, i) -> new StoredInterval(rs.getLong(1), rs.getString(2), MetricId.of(rs.getString(3)),
						new Interval(rs.getDouble(4), rs.getDouble(5),
								IntervalMethod.fromKey(rs.getString(6).trim())))));
		this.jdbc.sql("SELECT model_version_id, period, intervals FROM metric_interval_set WHERE run_id = ?")
			.param(runId)
			.query((ResultSet rs) -> {
				long model = rs.getLong(1);
				String period = rs.getString(2);
				IntervalSet.unpack(rs.getBytes(3), "run " + runId + ", model version " + model + ", period " + period)
					.forEach((key, interval) -> intervals
						.add(new StoredInterval(model, period, MetricId.of(key), interval)));
			});
		intervals.sort(Comparator.comparingLong(StoredInterval::modelVersionId)
			.thenComparing(StoredInterval::period)
			.thenComparing((interval) -> interval.metric().key()));
		return intervals;
	}

	public List<StoredBreach> breaches(long runId) {
		return this.jdbc.sql("""
				SELECT model_version_id, period, metric, bound_kind, bound, val, interval_lo, interval_hi FROM breach
				WHERE run_id = ? ORDER BY model_version_id, period, metric""")
			.param(runId)
			.query((rs, i) -> new StoredBreach(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getDouble(5), rs.getDouble(6), rs.getObject(7, Double.class), rs.getObject(8, Double.class)))
			.list();
	}

	public List<StoredVerdict> verdicts(long runId) {
		return this.jdbc.sql("""
				SELECT model_version_id, period, verdict, row_count FROM period_verdict
				WHERE run_id = ? ORDER BY model_version_id, period""")
			.param(runId)
			.query((rs, i) -> new StoredVerdict(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
	}

	public void finishRun(long runId, RunStatus status, String verdict, long rowsRead, long rowsRejected,
			long rowsUnlabelled, String reportPath, String failure) {
		this.jdbc.sql("""
				UPDATE run SET status = ?, verdict = ?, finished_at = ?, rows_read = ?, rows_rejected = ?,
					rows_unlabelled = ?, report_path = ?, failure = ?
				WHERE id = ?""")
			.params(status.name(), verdict, ts(LocalDateTime.now()), rowsRead, rowsRejected, rowsUnlabelled, reportPath,
					truncate(failure), runId)
			.update();
	}

	/** Marks a run failed, keeping whatever else it recorded. */
	public void failRun(long runId, String failure) {
		this.jdbc.sql("UPDATE run SET status = ?, finished_at = ?, failure = ? WHERE id = ?")
			.params(RunStatus.FAILED.name(), ts(LocalDateTime.now()), truncate(failure), runId)
			.update();
	}

	public Optional<RunRecord> run(long runId) {
		return this.jdbc.sql(RunRecord.SELECT + " WHERE id = ?").param(runId).query(RunRecord::map).optional();
	}

	/** The most recent runs, newest first. */
	public List<RunRecord> recentRuns(int limit) {
		return this.jdbc.sql(RunRecord.SELECT + " ORDER BY started_at DESC, id DESC FETCH FIRST ? ROWS ONLY")
			.param(limit)
			.query(RunRecord::map)
			.list();
	}

	/**
	 * The most recent runs of one job and/or dataset, newest first.
	 * @param jobName a job name, or {@code null} for every job
	 * @param dataset a dataset, or {@code null} for every dataset
	 */
	public List<RunRecord> recentRuns(int limit, String jobName, String dataset) {
		return recentRuns(limit, jobName, dataset, null);
	}

	/**
	 * As above, of one status too.
	 * @param status a {@link RunStatus} name, or {@code null} for every status
	 */
	public List<RunRecord> recentRuns(int limit, String jobName, String dataset, String status) {
		// One constant statement: a null filter matches every row (the CAST types the
		// parameter for PostgreSQL).
		return this.jdbc
			.sql(RunRecord.SELECT
					+ """

							WHERE (CAST(? AS VARCHAR(100)) IS NULL OR job_name = ?) AND (CAST(? AS VARCHAR(200)) IS NULL OR dataset = ?)
							AND (CAST(? AS VARCHAR(20)) IS NULL OR status = ?)
							ORDER BY started_at DESC, id DESC FETCH FIRST ? ROWS ONLY""")
			.params(jobName, jobName, dataset, dataset, status, status, limit)
			.query(RunRecord::map)
			.list();
	}

	/**
	 * Every model's metric values, verdict and breaches of one period: a batch per table.
	 */
	private void saveFigures(long runId, String period, List<ModelFigures> figures) {
		List<Object[]> values = new ArrayList<>();
		List<Object[]> verdicts = new ArrayList<>();
		List<Object[]> breaches = new ArrayList<>();
		List<Object[]> intervals = new ArrayList<>();
		for (ModelFigures figure : figures) {
			long model = figure.modelVersionId();
			if (!figure.intervals().byKey().isEmpty()) {
				intervals.add(new Object[] { runId, model, period, IntervalSet.pack(figure.intervals().byKey()) });
			}
			long rowCount = figure.values().n();
			for (Metric metric : Metric.forTask(figure.task())) {
				values.add(new Object[] { runId, model, period, metric.key(), figure.values().values().get(metric),
						rowCount });
			}
			figure.values()
				.own()
				.forEach((key, value) -> values.add(new Object[] { runId, model, period, key, value, rowCount }));
			verdicts.add(new Object[] { runId, model, period, figure.check().verdict().name(), rowCount });
			for (Breach breach : figure.check().breaches()) {
				Interval judged = breach.interval();
				breaches.add(new Object[] { runId, model, period, breach.figure(), breach.kind().name(), breach.bound(),
						breach.value(), (judged != null) ? judged.lo() : null, (judged != null) ? judged.hi() : null });
			}
		}
		batch("""
				INSERT INTO metric_value (run_id, model_version_id, period, metric, val, row_count)
				VALUES (?, ?, ?, ?, ?, ?)""", values);
		batch("""
				INSERT INTO period_verdict (run_id, model_version_id, period, verdict, row_count)
				VALUES (?, ?, ?, ?, ?)""", verdicts);
		batch(INSERT_BREACH, breaches);
		batch("INSERT INTO metric_interval_set (run_id, model_version_id, period, intervals) VALUES (?, ?, ?, ?)",
				intervals);
	}

	/**
	 * Runs one statement for each row of arguments, as one JDBC batch (none if empty).
	 */
	private void batch(String sql, List<Object[]> rows) {
		if (!rows.isEmpty()) {
			this.jdbcTemplate.batchUpdate(sql, rows);
		}
	}

	/**
	 * Deletes what an earlier attempt stored for a period (a month or the whole period),
	 * model by model: each delete then finds its rows by the primary keys' prefix (run,
	 * model, period), where deleting by run and period would read every row of the run,
	 * once per month (quadratic in the length of the history; for the whole period, a
	 * quarter of the summary step's own work at 840 months). The models are the run's,
	 * the same in every attempt.
	 */
	private void deletePeriod(long runId, String period, List<ModelFigures> figures) {
		List<Object[]> keys = figures.stream()
			.map((figure) -> new Object[] { runId, figure.modelVersionId(), period })
			.toList();
		for (String table : List.of("metric_value", "metric_interval", "metric_interval_set", "period_verdict",
				"breach", "partition_state")) {
			batch("DELETE FROM " + table + " WHERE run_id = ? AND model_version_id = ? AND period = ?", keys);
		}
		this.jdbc.sql("DELETE FROM run_partition WHERE run_id = ? AND period = ?").params(runId, period).update();
	}

	private static Timestamp ts(LocalDateTime time) {
		return (time != null) ? Timestamp.valueOf(time) : null;
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= 4000) ? text : text.substring(0, 3990) + " …";
	}

}
