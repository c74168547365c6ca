package io.ratchet.run;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.ratchet.requirement.Verdict;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads across runs ({@code run} with {@code run_model}, {@code period_verdict},
 * {@code breach}): counts and latest status per job, runs that scored a model and in
 * which role, and which runs come before another. One run's own rows are read through
 * {@link ResultsStore}; figures through {@link FigureReads}. Read-only.
 */
@Repository
public class RunReads {

	private final JdbcClient jdbc;

	public RunReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A run's id and as-of time ({@code null} when it has none). */
	public record RunAt(long runId, LocalDateTime asOf) {
	}

	/**
	 * A completed run that scored a model: its as-of date, the model's role, whole-period
	 * verdict and breaches.
	 */
	public record ScoredRun(long runId, LocalDate asOf, Role role, Verdict verdict, int breaches) {
	}

	/** A run and the model ({@code name@version}) that had a role in it. */
	public record RoleInRun(long runId, String jobName, LocalDateTime startedAt, String modelKey) {
	}

	/** How many runs of a job have a status. */
	public long count(String jobName, RunStatus status) {
		return this.jdbc.sql("SELECT COUNT(*) FROM run WHERE job_name = ? AND status = ?")
			.params(jobName, status.name())
			.query(Long.class)
			.single();
	}

	/** The status of the job's latest run, if it ever ran. */
	public Optional<RunStatus> lastStatus(String jobName) {
		return this.jdbc
			.sql("SELECT status FROM run WHERE job_name = ? ORDER BY started_at DESC, id DESC FETCH FIRST 1 ROWS ONLY")
			.param(jobName)
			.query(String.class)
			.optional()
			.map(RunStatus::valueOf);
	}

	/** The completed runs that finished since {@code since}, oldest first. */
	public List<Long> completedSince(LocalDateTime since) {
		return this.jdbc.sql("""
				SELECT r.id FROM run r
				WHERE r.status = ? AND r.finished_at >= ?
				ORDER BY r.finished_at, r.id""")
			.params(RunStatus.COMPLETED.name(), Timestamp.valueOf(since))
			.query(Long.class)
			.list();
	}

	/**
	 * This run and the completed runs of its job and dataset up to its as-of time, the
	 * last {@code limit} of them, newest first.
	 */
	public List<RunAt> upTo(RunRecord run, int limit) {
		Timestamp upTo = Timestamp.valueOf((run.asOf() != null) ? run.asOf() : run.startedAt());
		return this.jdbc.sql("""
				SELECT r.id, r.as_of FROM run r
				WHERE r.dataset = ? AND r.job_name = ? AND (r.id = ? OR (r.status = ? AND r.as_of <= ?))
				ORDER BY r.as_of DESC, r.id DESC FETCH FIRST ? ROWS ONLY""")
			.params(run.dataset(), run.jobName(), run.id(), RunStatus.COMPLETED.name(), upTo, limit)
			.query((rs, i) -> new RunAt(rs.getLong(1),
					(rs.getTimestamp(2) != null) ? rs.getTimestamp(2).toLocalDateTime() : null))
			.list();
	}

	/**
	 * The latest completed run of one of the jobs on a dataset that scored both models
	 * ({@code name@version}).
	 */
	public OptionalLong latestCompletedScoringBoth(String dataset, Collection<JobKind> jobs, String firstKey,
			String secondKey) {
		return this.jdbc.sql("""
				SELECT r.id FROM run r
				WHERE r.dataset = :dataset AND r.status = :status AND r.job_name IN (:jobs)
				AND EXISTS (SELECT 1 FROM run_model rm JOIN model_version m ON m.id = rm.model_version_id
					WHERE rm.run_id = r.id AND CONCAT(m.name, '@', m.version) = :first)
				AND EXISTS (SELECT 1 FROM run_model rm JOIN model_version m ON m.id = rm.model_version_id
					WHERE rm.run_id = r.id AND CONCAT(m.name, '@', m.version) = :second)
				ORDER BY r.started_at DESC, r.id DESC FETCH FIRST 1 ROWS ONLY""")
			.param("dataset", dataset)
			.param("status", RunStatus.COMPLETED.name())
			.param("jobs", jobs.stream().map(JobKind::jobName).toList())
			.param("first", firstKey)
			.param("second", secondKey)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	/**
	 * The completed runs of a job on a dataset that scored a model
	 * ({@code name@version}), newest first, with its role, whole-period verdict
	 * ({@code null} when none was stored) and number of breaches.
	 */
	public List<ScoredRun> completedScoring(String dataset, JobKind job, String modelKey) {
		return this.jdbc.sql("""
				SELECT r.id, r.as_of, rm.role,
					(SELECT v.verdict FROM period_verdict v WHERE v.run_id = r.id
						AND v.model_version_id = rm.model_version_id AND v.period = ?),
					(SELECT COUNT(*) FROM breach b WHERE b.run_id = r.id AND b.model_version_id = rm.model_version_id)
				FROM run r JOIN run_model rm ON rm.run_id = r.id JOIN model_version m ON m.id = rm.model_version_id
				WHERE r.dataset = ? AND r.job_name = ? AND r.status = ?
				AND CONCAT(m.name, '@', m.version) = ?
				ORDER BY r.as_of DESC, r.id DESC""")
			.params(Period.ALL_VALUE, dataset, job.jobName(), RunStatus.COMPLETED.name(), modelKey)
			.query((rs, i) -> new ScoredRun(rs.getLong(1),
					(rs.getTimestamp(2) != null) ? rs.getTimestamp(2).toLocalDateTime().toLocalDate() : null,
					Role.of(rs.getString(3)), (rs.getString(4) != null) ? Verdict.valueOf(rs.getString(4)) : null,
					rs.getInt(5)))
			.list();
	}

	/**
	 * How many runs of a job (whatever their status or dataset) scored a model
	 * ({@code name@version}).
	 */
	public int runsScoring(JobKind job, String modelKey) {
		return countOfModel(this.jdbc.sql("""
				SELECT COUNT(*) FROM run r JOIN run_model rm ON rm.run_id = r.id
					JOIN model_version m ON m.id = rm.model_version_id
				WHERE r.job_name = ? AND m.name = ? AND m.version = ?"""), job, modelKey);
	}

	/**
	 * How many breaches runs of a job (whatever their status or dataset) found for a
	 * model ({@code name@version}).
	 */
	public int breachesFound(JobKind job, String modelKey) {
		return countOfModel(this.jdbc.sql("""
				SELECT COUNT(*) FROM run r JOIN breach b ON b.run_id = r.id
					JOIN model_version m ON m.id = b.model_version_id
				WHERE r.job_name = ? AND m.name = ? AND m.version = ?"""), job, modelKey);
	}

	/**
	 * Runs a count of the two above, whose parameters are the job and the model's name
	 * and version.
	 */
	private static int countOfModel(JdbcClient.StatementSpec statement, JobKind job, String modelKey) {
		int at = modelKey.lastIndexOf('@');
		return statement.params(job.jobName(), modelKey.substring(0, at), modelKey.substring(at + 1))
			.query(Long.class)
			.single()
			.intValue();
	}

	/**
	 * Which model had a role in each run of a dataset (whatever its status), oldest
	 * first.
	 */
	public List<RoleInRun> runsWithRole(String dataset, Role role) {
		return this.jdbc.sql("""
				SELECT r.id, r.job_name, r.started_at, CONCAT(m.name, '@', m.version)
				FROM run r JOIN run_model rm ON rm.run_id = r.id AND rm.role = ?
				JOIN model_version m ON m.id = rm.model_version_id
				WHERE r.dataset = ? ORDER BY r.started_at, r.id""")
			.params(role.value(), dataset)
			.query((rs, i) -> new RoleInRun(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime(),
					rs.getString(4)))
			.list();
	}

	/**
	 * The models ({@code name@version}) of every run, champion first, then by name and
	 * version.
	 */
	public Map<Long, List<String>> modelKeysByRun() {
		Map<Long, List<String>> models = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT r.run_id, m.name, m.version FROM run_model r
				JOIN model_version m ON m.id = r.model_version_id
				ORDER BY r.run_id, CASE r.role WHEN 'champion' THEN 0 ELSE 1 END, m.name, m.version""").query((rs) -> {
			models.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>())
				.add(rs.getString(2) + "@" + rs.getString(3));
		});
		return models;
	}

}
