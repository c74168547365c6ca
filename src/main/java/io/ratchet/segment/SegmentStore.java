package io.ratchet.segment;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.ratchet.data.Segment;
import io.ratchet.data.Task;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.run.Attempt;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Segment figures in the database ({@code segment_period}, {@code segment_value}, see
 * {@code db/common/V20__segments.sql}). A period is replaced as a whole, so a month run
 * again is stored once. Calls join the caller's transaction (the month's, with its
 * overall figures).
 */
@Repository
public class SegmentStore {

	/** The key of a model's period of a run, the prefix of both tables' primary keys. */
	private static final String KEY = " WHERE run_id = ? AND model_version_id = ? AND period = ?";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	public SegmentStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/** One stored figure of a segment level. */
	public record StoredSegmentValue(long modelVersionId, String period, Segment segment, String metric, Double value,
			long rowCount, String verdict) {
	}

	/**
	 * Replaces the segment figures of one period of a run, model by model: what an
	 * earlier attempt left under the same run, model and period is deleted first.
	 * @param modelVersionIds the run's models (whose rows an earlier attempt may have
	 * left)
	 */
	public void save(long runId, String period, Task task, List<Long> modelVersionIds, List<SegmentFigures> figures) {
		save(runId, period, task, modelVersionIds, figures, Attempt.REPEATED);
	}

	/**
	 * Stores the segment figures of one period of a run, first deleting, model by model,
	 * what an earlier attempt left unless the attempt is the {@link Attempt#FIRST first},
	 * as {@code ResultsStore} does for the month's own figures. (The first attempt's
	 * deletes find nothing, yet H2 reads far more for a {@code DELETE} by the key's
	 * prefix than a {@code SELECT} does: {@code segment_period}'s rows hold the levels'
	 * states.)
	 * @param modelVersionIds the run's models (whose rows an earlier attempt may have
	 * left)
	 */
	public void save(long runId, String period, Task task, List<Long> modelVersionIds, List<SegmentFigures> figures,
			Attempt attempt) {
		List<Object[]> keys = modelVersionIds.stream().map((model) -> new Object[] { runId, model, period }).toList();
		if (attempt.replaces() && !keys.isEmpty()) {
			this.jdbcTemplate.batchUpdate("DELETE FROM segment_value" + KEY, keys);
			this.jdbcTemplate.batchUpdate("DELETE FROM segment_period" + KEY, keys);
		}
		List<Object[]> periods = new ArrayList<>();
		List<Object[]> values = new ArrayList<>();
		for (SegmentFigures figure : figures) {
			Segment segment = figure.segment();
			long model = figure.modelVersionId();
			periods.add(new Object[] { runId, model, period, segment.column(), segment.level(), figure.values().n(),
					figure.check().verdict().name(), figure.state() });
			for (Metric metric : Metric.forTask(task)) {
				values.add(new Object[] { runId, model, period, segment.column(), segment.level(), metric.key(),
						figure.values().values().get(metric) });
			}
			figure.values()
				.own()
				.forEach((key, value) -> values
					.add(new Object[] { runId, model, period, segment.column(), segment.level(), key, value }));
		}
		if (!periods.isEmpty()) {
			this.jdbcTemplate.batchUpdate("""
					INSERT INTO segment_period (run_id, model_version_id, period, segment_column, segment_level,
						row_count, verdict, state)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", periods);
			this.jdbcTemplate.batchUpdate("""
					INSERT INTO segment_value (run_id, model_version_id, period, segment_column, segment_level, metric,
						val)
					VALUES (?, ?, ?, ?, ?, ?, ?)""", values);
		}
	}

	/**
	 * Merges the stored month states of each of a model's segment levels, by month, and
	 * hands the level's merged accumulator to {@code action} before the next level's
	 * states are read: one level's whole period is held at a time, not every level's at
	 * once (a level of a long history holds up to {@code BinaryAccumulator.EXACT_LIMIT}
	 * scores).
	 * @param empty a new empty accumulator to merge into
	 * @param read a stored state read back
	 */
	public void forEachMergedSegment(long runId, long modelVersionId, Supplier<MetricAccumulator> empty,
			Function<byte[], MetricAccumulator> read, BiConsumer<Segment, MetricAccumulator> action) {
		var level = new Object() {
			Segment segment;

			MetricAccumulator merged;

			void finish() {
				if (this.segment != null) {
					action.accept(this.segment, this.merged);
				}
			}
		};
		this.jdbc.sql("""
				SELECT segment_column, segment_level, state FROM segment_period
				WHERE run_id = ? AND model_version_id = ? AND state IS NOT NULL
				ORDER BY segment_column, segment_level, period""")
			.params(runId, modelVersionId)
			.query((ResultSet rs) -> {
				Segment segment = new Segment(rs.getString(1), rs.getString(2));
				if (!segment.equals(level.segment)) {
					level.finish();
					level.segment = segment;
					level.merged = empty.get();
				}
				level.merged.merge(read.apply(rs.getBytes(3)));
			});
		level.finish();
	}

	/**
	 * Every stored figure of a run, by model, segment and period. Each level's row count
	 * and verdict are read in one pass over {@code segment_period} and joined to the
	 * figures here: H2's join of the two tables, whose {@code segment_period} rows hold
	 * the month states, allocated about twice the run's states in pages read (JFR, 2.4M
	 * rows: 0.37 GB).
	 */
	public List<StoredSegmentValue> values(long runId) {
		Map<LevelPeriod, StoredLevel> levels = new HashMap<>();
		this.jdbc.sql("""
				SELECT model_version_id, period, segment_column, segment_level, row_count, verdict
				FROM segment_period WHERE run_id = ?""").param(runId).query((ResultSet rs) -> {
			levels.put(new LevelPeriod(rs.getLong(1), rs.getString(2), new Segment(rs.getString(3), rs.getString(4))),
					new StoredLevel(rs.getLong(5), rs.getString(6)));
		});
		List<StoredSegmentValue> values = new ArrayList<>();
		this.jdbc.sql("""
				SELECT model_version_id, period, segment_column, segment_level, metric, val FROM segment_value
				WHERE run_id = ?
				ORDER BY model_version_id, segment_column, segment_level, period, metric""")
			.param(runId)
			.query((ResultSet rs) -> {
				LevelPeriod key = new LevelPeriod(rs.getLong(1), rs.getString(2),
						new Segment(rs.getString(3), rs.getString(4)));
				StoredLevel level = levels.get(key);
				// as an inner join: a figure without its level's row is not listed
				if (level != null) {
					values
						.add(new StoredSegmentValue(key.modelVersionId(), key.period(), key.segment(), rs.getString(5),
								(rs.getObject(6) != null) ? rs.getDouble(6) : null, level.rowCount(), level.verdict()));
				}
			});
		return values;
	}

	/** A level's period of a model: the key of a {@code segment_period} row in a run. */
	private record LevelPeriod(long modelVersionId, String period, Segment segment) {
	}

	/** What {@code segment_period} holds of a level's period besides its state. */
	private record StoredLevel(long rowCount, String verdict) {
	}

}
