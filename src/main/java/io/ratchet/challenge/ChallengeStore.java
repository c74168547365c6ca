package io.ratchet.challenge;

import java.util.List;
import java.util.Optional;

import io.ratchet.run.JobKind;
import io.ratchet.run.RunReads;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code challenge_run} and {@code challenge_candidate} tables (migration V7): what
 * each challenge trained, on which window, how the candidates ranked and what the gate
 * decided. Writes replace what an earlier attempt of the same run wrote, so a restarted
 * step never records a candidate twice. What now-tests found for a candidate is read
 * through {@link RunReads}.
 */
@Repository
public class ChallengeStore {

	private final JdbcClient jdbc;

	private final RunReads runs;

	public ChallengeStore(JdbcClient jdbc, RunReads runs) {
		this.jdbc = jdbc;
		this.runs = runs;
	}

	/** A challenge run as recorded. */
	public record ChallengeRun(long runId, String dataset, String championKey, String primaryMetric, String evalFrom,
			String evalTo, Long evaluationRunId, String outcome, String outcomeModel, String outcomeText,
			String ratchetText) {
	}

	/**
	 * A candidate as recorded; the ranking fields are {@code null} until the run ranked
	 * it.
	 */
	public record Candidate(long runId, String modelKey, String spec, String trainFrom, String trainTo, long trainRows,
			String filePath, String registryStatus, Integer ranking, Double metricValue, Double championValue,
			Double diffLow, Double diffHigh, String decision, String failedConditions) {
	}

	void open(long runId, String dataset, String championKey, String primaryMetric, String evalFrom, String evalTo) {
		int updated = this.jdbc.sql("""
				UPDATE challenge_run SET champion_key = ?, primary_metric = ?, eval_from = ?, eval_to = ?
				WHERE run_id = ?""").params(championKey, primaryMetric, evalFrom, evalTo, runId).update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO challenge_run (run_id, dataset, champion_key, primary_metric, eval_from, eval_to)
					VALUES (?, ?, ?, ?, ?, ?)""")
				.params(runId, dataset, championKey, primaryMetric, evalFrom, evalTo)
				.update();
		}
	}

	void addCandidate(long runId, String modelKey, String spec, String trainFrom, String trainTo, long trainRows,
			String filePath) {
		this.jdbc.sql("DELETE FROM challenge_candidate WHERE run_id = ? AND model_key = ?")
			.params(runId, modelKey)
			.update();
		this.jdbc.sql("""
				INSERT INTO challenge_candidate (run_id, model_key, spec, train_from, train_to, train_rows, file_path,
					registry_status)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'REGISTERED')""")
			.params(runId, modelKey, cut(spec, 2000), trainFrom, trainTo, trainRows, filePath)
			.update();
	}

	void evaluated(long runId, long evaluationRunId) {
		this.jdbc.sql("UPDATE challenge_run SET evaluation_run_id = ? WHERE run_id = ?")
			.params(evaluationRunId, runId)
			.update();
	}

	void ranked(long runId, String modelKey, int ranking, Double value, Double championValue) {
		this.jdbc.sql("""
				UPDATE challenge_candidate SET ranking = ?, metric_val = ?, champion_val = ?
				WHERE run_id = ? AND model_key = ?""").params(ranking, value, championValue, runId, modelKey).update();
	}

	void decided(long runId, String modelKey, String decision, Double diffLow, Double diffHigh, String failed) {
		this.jdbc.sql("""
				UPDATE challenge_candidate SET decision = ?, diff_low = ?, diff_high = ?, failed_conditions = ?
				WHERE run_id = ? AND model_key = ?""")
			.params(decision, diffLow, diffHigh, cut(failed, 4000), runId, modelKey)
			.update();
	}

	void registryStatus(long runId, String modelKey, String status) {
		this.jdbc.sql("UPDATE challenge_candidate SET registry_status = ? WHERE run_id = ? AND model_key = ?")
			.params(status, runId, modelKey)
			.update();
	}

	void outcome(long runId, String outcome, String model, String text) {
		this.jdbc.sql("UPDATE challenge_run SET outcome = ?, outcome_model = ?, outcome_text = ? WHERE run_id = ?")
			.params(outcome, model, cut(text, 4000), runId)
			.update();
	}

	void ratchet(long runId, String text) {
		this.jdbc.sql("UPDATE challenge_run SET ratchet_text = ? WHERE run_id = ?")
			.params(cut(text, 4000), runId)
			.update();
	}

	public Optional<ChallengeRun> run(long runId) {
		return this.jdbc.sql("""
				SELECT run_id, dataset, champion_key, primary_metric, eval_from, eval_to, evaluation_run_id, outcome,
					outcome_model, outcome_text, ratchet_text
				FROM challenge_run WHERE run_id = ?""")
			.param(runId)
			.query((rs, i) -> new ChallengeRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getObject(7, Long.class), rs.getString(8), rs.getString(9),
					rs.getString(10), rs.getString(11)))
			.optional();
	}

	/** A run's candidates, ranked ones first by rank, then the others by key. */
	public List<Candidate> candidates(long runId) {
		return this.jdbc.sql("""
				SELECT run_id, model_key, spec, train_from, train_to, train_rows, file_path, registry_status, ranking,
					metric_val, champion_val, diff_low, diff_high, decision, failed_conditions
				FROM challenge_candidate WHERE run_id = ?
				ORDER BY CASE WHEN ranking IS NULL THEN 1 ELSE 0 END, ranking, model_key""")
			.param(runId)
			.query((rs, i) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getObject(9, Integer.class),
					rs.getObject(10, Double.class), rs.getObject(11, Double.class), rs.getObject(12, Double.class),
					rs.getObject(13, Double.class), rs.getString(14), rs.getString(15)))
			.list();
	}

	/**
	 * How many now-test runs scored a model version (its shadow runs so far, breached or
	 * not).
	 */
	public int nowtestsScoring(String modelKey) {
		return this.runs.runsScoring(JobKind.NOWTEST, modelKey);
	}

	/**
	 * How many breaches now-test runs found for a model version (a failed trial when
	 * above 0).
	 */
	public int nowtestBreaches(String modelKey) {
		return this.runs.breachesFound(JobKind.NOWTEST, modelKey);
	}

	/**
	 * The candidates recorded by earlier challenges of a dataset that a later run kept
	 * (not retired, not promoted), newest first.
	 */
	List<String> keptEarlier(String dataset, long beforeRunId) {
		return this.jdbc.sql("""
				SELECT c.model_key FROM challenge_candidate c JOIN challenge_run r ON r.run_id = c.run_id
				WHERE r.dataset = ? AND c.run_id < ? AND c.registry_status = 'KEPT'
				ORDER BY c.run_id DESC, c.ranking""").params(dataset, beforeRunId).query(String.class).list();
	}

	/**
	 * Marks a candidate in every challenge run that recorded it (retired or promoted by a
	 * later run).
	 */
	void registryStatusEverywhere(String modelKey, String status) {
		this.jdbc.sql("UPDATE challenge_candidate SET registry_status = ? WHERE model_key = ?")
			.params(status, modelKey)
			.update();
	}

	void primaryMetric(long runId, String metric) {
		this.jdbc.sql("UPDATE challenge_run SET primary_metric = ? WHERE run_id = ?").params(metric, runId).update();
	}

	private static String cut(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 2) + " …";
	}

}
