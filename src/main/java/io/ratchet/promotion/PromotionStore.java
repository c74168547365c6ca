package io.ratchet.promotion;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.run.FigureReads;
import io.ratchet.run.JobKind;
import io.ratchet.run.Role;
import io.ratchet.run.RunReads;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The stored runs the gate reads (through {@link RunReads} and {@link FigureReads}), and
 * the audit it writes ({@code promotion_event}, {@code promotion_evidence}).
 */
@Repository
class PromotionStore {

	/** Jobs whose runs compare models month by month over the same months. */
	static final List<JobKind> EVIDENCE_JOBS = List.of(JobKind.BACKTEST, JobKind.CHALLENGE);

	private final JdbcClient jdbc;

	private final RunReads runs;

	private final FigureReads figures;

	PromotionStore(JdbcClient jdbc, RunReads runs, FigureReads figures) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.figures = figures;
	}

	/**
	 * The latest completed back-test (or challenge) run of the dataset that scored both
	 * models.
	 */
	OptionalLong latestEvidenceRun(String dataset, String championKey, String candidateKey) {
		return this.runs.latestCompletedScoringBoth(dataset, EVIDENCE_JOBS, championKey, candidateKey);
	}

	/**
	 * The completed now-tests of the dataset that scored a model, newest first, with its
	 * role, verdict and breaches.
	 */
	List<Gate.ShadowRun> nowtests(String dataset, String modelKey) {
		return this.runs.completedScoring(dataset, JobKind.NOWTEST, modelKey)
			.stream()
			.map((run) -> new Gate.ShadowRun(run.runId(), run.asOf(), run.role().value(),
					(run.verdict() != null) ? run.verdict().name() : null, run.breaches()))
			.toList();
	}

	/**
	 * A model's stored figures in one run, by period then metric (NULL values, undefined
	 * metrics, are left out).
	 */
	Map<String, Map<MetricId, Double>> figures(long runId, long modelVersionId) {
		return this.figures.figures(runId, modelVersionId);
	}

	/**
	 * The figures of each completed run's champion for a dataset, for replaying bounds
	 * over the history.
	 */
	List<FigureReads.ChampionFigures> championFigures(String dataset) {
		return this.figures.championFigures(dataset);
	}

	/** Which model had the champion role in each run of a dataset, oldest first. */
	List<RunReads.RoleInRun> championRuns(String dataset) {
		return this.runs.runsWithRole(dataset, Role.CHAMPION);
	}

	/**
	 * Records an event and its evidence runs (a blank reason as none); returns its id.
	 */
	long record(EventKind kind, String dataset, String modelKey, String previousChampion, String actor, String reason,
			List<Long> evidenceRunIds, String details, Long undoes) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO promotion_event (kind, dataset, model_key, previous_champion, actor, occurred_at, reason,
					details, undoes_event_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(kind.name(), dataset, modelKey, previousChampion, actor, Timestamp.valueOf(LocalDateTime.now()),
					(reason == null || reason.isBlank()) ? null : reason.strip(), truncate(details), undoes)
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		for (Long runId : evidenceRunIds) {
			this.jdbc.sql("INSERT INTO promotion_evidence (event_id, run_id) VALUES (?, ?)").params(id, runId).update();
		}
		return id;
	}

	/** Every event of a dataset, oldest first. */
	List<PromotionEvent> events(String dataset) {
		Map<Long, List<Long>> evidence = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT e.event_id, e.run_id FROM promotion_evidence e JOIN promotion_event p ON p.id = e.event_id
				WHERE p.dataset = ? ORDER BY e.event_id, e.run_id""")
			.param(dataset)
			.query((rs, i) -> evidence.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		return this.jdbc.sql("""
				SELECT id, kind, dataset, model_key, previous_champion, actor, occurred_at, reason, details
				FROM promotion_event WHERE dataset = ? ORDER BY occurred_at, id""")
			.param(dataset)
			.query((rs, i) -> new PromotionEvent(rs.getLong(1), EventKind.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toLocalDateTime(),
					rs.getString(8), evidence.getOrDefault(rs.getLong(1), List.of()), rs.getString(9)))
			.list();
	}

	/** The latest promotion of a dataset that no rollback has undone yet. */
	Optional<PromotionEvent> lastPromotionNotUndone(String dataset) {
		Optional<Long> id = this.jdbc.sql("""
				SELECT p.id FROM promotion_event p
				WHERE p.dataset = ? AND p.kind IN ('PROMOTE', 'FORCED_PROMOTE')
				AND NOT EXISTS (SELECT 1 FROM promotion_event r WHERE r.undoes_event_id = p.id)
				ORDER BY p.occurred_at DESC, p.id DESC FETCH FIRST 1 ROWS ONLY""")
			.param(dataset)
			.query(Long.class)
			.optional();
		return id.flatMap((eventId) -> events(dataset).stream().filter((event) -> event.id() == eventId).findFirst());
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= 100000) ? text : text.substring(0, 99990) + " …";
	}

}
