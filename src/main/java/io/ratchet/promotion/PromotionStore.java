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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The stored runs the gate reads, and the audit it writes ({@code promotion_event}, {@code promotion_evidence}). */
@Repository
class PromotionStore {

	/** Jobs whose runs compare models month by month over the same months. */
	static final List<String> EVIDENCE_JOBS = List.of("backtest", "challenge");

	private final JdbcClient jdbc;

	PromotionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The latest completed back-test (or challenge) run of the dataset that scored both models. */
	OptionalLong latestEvidenceRun(String dataset, String championKey, String candidateKey) {
		return this.jdbc.sql("""
				SELECT r.id FROM run r
				WHERE r.dataset = ? AND r.status = 'COMPLETED' AND r.job_name IN ('backtest', 'challenge')
				AND EXISTS (SELECT 1 FROM run_model rm JOIN model_version m ON m.id = rm.model_version_id
					WHERE rm.run_id = r.id AND CONCAT(m.name, '@', m.version) = ?)
				AND EXISTS (SELECT 1 FROM run_model rm JOIN model_version m ON m.id = rm.model_version_id
					WHERE rm.run_id = r.id AND CONCAT(m.name, '@', m.version) = ?)
				ORDER BY r.started_at DESC, r.id DESC FETCH FIRST 1 ROWS ONLY""")
			.params(dataset, championKey, candidateKey)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	/** The completed now-tests of the dataset that scored a model, newest first, with its role, verdict and breaches. */
	List<Gate.ShadowRun> nowtests(String dataset, String modelKey) {
		return this.jdbc.sql("""
				SELECT r.id, r.as_of, rm.role,
					(SELECT v.verdict FROM period_verdict v WHERE v.run_id = r.id
						AND v.model_version_id = rm.model_version_id AND v.period = 'ALL'),
					(SELECT COUNT(*) FROM breach b WHERE b.run_id = r.id AND b.model_version_id = rm.model_version_id)
				FROM run r JOIN run_model rm ON rm.run_id = r.id JOIN model_version m ON m.id = rm.model_version_id
				WHERE r.dataset = ? AND r.job_name = 'nowtest' AND r.status = 'COMPLETED'
				AND CONCAT(m.name, '@', m.version) = ?
				ORDER BY r.as_of DESC, r.id DESC""")
			.params(dataset, modelKey)
			.query((rs, i) -> new Gate.ShadowRun(rs.getLong(1),
					(rs.getTimestamp(2) != null) ? rs.getTimestamp(2).toLocalDateTime().toLocalDate() : null,
					rs.getString(3), rs.getString(4), rs.getInt(5)))
			.list();
	}

	/**
	 * A model's stored figures in one run, by period then metric (NULL values, undefined metrics, are left out).
	 */
	Map<String, Map<Metric, Double>> figures(long runId, long modelVersionId) {
		Map<String, Map<Metric, Double>> byPeriod = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT period, metric, val, row_count FROM metric_value
				WHERE run_id = ? AND model_version_id = ? ORDER BY period, metric""")
			.params(runId, modelVersionId)
			.query((rs, i) -> {
				Map<Metric, Double> values = byPeriod.computeIfAbsent(rs.getString(1).strip(),
						(period) -> new LinkedHashMap<>());
				double value = rs.getDouble(3);
				if (!rs.wasNull()) {
					values.put(Metric.fromKey(rs.getString(2)), value);
				}
				values.put(Metric.N, (double) rs.getLong(4));
				return 0;
			})
			.list();
		return byPeriod;
	}

	/** One stored champion figure set: run, job, model name, period and figures. */
	record ChampionFigures(long runId, String jobName, String modelName, String period, Map<Metric, Double> values) {
	}

	/** The figures of each completed run's champion for a dataset, for replaying bounds over the history. */
	List<ChampionFigures> championFigures(String dataset) {
		Map<String, ChampionFigures> byKey = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT r.id, r.job_name, m.name, v.period, v.metric, v.val, v.row_count
				FROM run r JOIN run_model rm ON rm.run_id = r.id AND rm.role = 'champion'
				JOIN model_version m ON m.id = rm.model_version_id
				JOIN metric_value v ON v.run_id = r.id AND v.model_version_id = rm.model_version_id
				WHERE r.dataset = ? AND r.status = 'COMPLETED'
				ORDER BY r.id, v.period""")
			.param(dataset)
			.query((rs, i) -> {
				long runId = rs.getLong(1);
				String job = rs.getString(2);
				String model = rs.getString(3);
				String period = rs.getString(4).strip();
				ChampionFigures figures = byKey.computeIfAbsent(runId + "/" + period,
						(key) -> new ChampionFigures(runId, job, model, period, new LinkedHashMap<>()));
				double value = rs.getDouble(6);
				if (!rs.wasNull()) {
					figures.values().put(Metric.fromKey(rs.getString(5)), value);
				}
				figures.values().put(Metric.N, (double) rs.getLong(7));
				return 0;
			})
			.list();
		return new ArrayList<>(byKey.values());
	}

	/** Which model had the champion role in each completed run of a dataset, oldest first. */
	record ChampionRun(long runId, String jobName, LocalDateTime startedAt, String champion) {
	}

	List<ChampionRun> championRuns(String dataset) {
		return this.jdbc.sql("""
				SELECT r.id, r.job_name, r.started_at, CONCAT(m.name, '@', m.version)
				FROM run r JOIN run_model rm ON rm.run_id = r.id AND rm.role = 'champion'
				JOIN model_version m ON m.id = rm.model_version_id
				WHERE r.dataset = ? ORDER BY r.started_at, r.id""")
			.param(dataset)
			.query((rs, i) -> new ChampionRun(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime(),
					rs.getString(4)))
			.list();
	}

	/** Records an event and its evidence runs (a blank reason as none); returns its id. */
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
