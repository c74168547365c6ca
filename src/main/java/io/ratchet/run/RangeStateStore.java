package io.ratchet.run;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.ratchet.data.LogCoverage;
import io.ratchet.data.ReadStats;
import io.ratchet.data.RowRange;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each row-range partition of a split month counted
 * ({@code db/common/V23__row_ranges.sql}): its read counts and feature sums, and per
 * model its accumulator state and logged coverage, until the summary merges a month's
 * ranges into the month's own rows. Saving a range replaces what an earlier attempt of it
 * stored, so a range run again is stored once. Calls join the caller's transaction.
 */
@Repository
public class RangeStateStore {

	private final JdbcClient jdbc;

	public RangeStateStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One range's counts.
	 *
	 * @param range the rows of the month file
	 * @param stats the read counts of the range
	 * @param millis how long the range took
	 * @param featureState the feature sums ({@code FeatureMeans#toBytes})
	 */
	public record RangeResult(RowRange range, ReadStats stats, long millis, byte[] featureState) {
	}

	/**
	 * One model's state of one range.
	 *
	 * @param modelVersionId the model
	 * @param state its accumulator's state
	 * @param coverage how rows and logged scores met, or {@code null} when not logged
	 * @param fromLog whether the logged scores come from a prediction log (every range
	 * counts all the month's predictions)
	 */
	public record RangeState(long modelVersionId, byte[] state, LogCoverage coverage, boolean fromLog) {
	}

	/** Replaces what a range of a month stored. */
	public void save(long runId, String period, RangeResult result, List<RangeState> states) {
		long first = result.range().from();
		this.jdbc.sql("DELETE FROM range_state WHERE run_id = ? AND period = ? AND first_row = ?")
			.params(runId, period, first)
			.update();
		this.jdbc.sql("DELETE FROM range_result WHERE run_id = ? AND period = ? AND first_row = ?")
			.params(runId, period, first)
			.update();
		ReadStats stats = result.stats();
		Long end = (result.range().to() == Long.MAX_VALUE) ? null : result.range().to();
		this.jdbc.sql("""
				INSERT INTO range_result (run_id, period, first_row, end_row, rows_read, rows_accepted, rows_rejected,
					rows_unlabelled, millis, feature_state)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(runId, period, first, end, stats.rows(), stats.accepted(), stats.rejected(), stats.unlabelled(),
					result.millis(), result.featureState())
			.update();
		for (RangeState state : states) {
			LogCoverage coverage = state.coverage();
			this.jdbc.sql("""
					INSERT INTO range_state (run_id, period, first_row, model_version_id, state, logged, joined,
						unlogged, awaiting_label, from_log)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(runId, period, first, state.modelVersionId(), state.state(),
						(coverage != null) ? coverage.logged() : null, (coverage != null) ? coverage.joined() : null,
						(coverage != null) ? coverage.unlogged() : null,
						(coverage != null) ? coverage.awaitingLabel() : null, state.fromLog())
				.update();
		}
	}

	/** The first rows of the ranges of a month that are stored. */
	public Set<Long> storedRanges(long runId, String period) {
		return this.jdbc.sql("SELECT first_row FROM range_result WHERE run_id = ? AND period = ?")
			.params(runId, period)
			.query(Long.class)
			.list()
			.stream()
			.collect(Collectors.toSet());
	}

	/** The ranges of a month, in row order. */
	public List<RangeResult> results(long runId, String period) {
		return this.jdbc.sql("""
				SELECT first_row, end_row, rows_read, rows_accepted, rows_rejected, rows_unlabelled, millis,
					feature_state
				FROM range_result WHERE run_id = ? AND period = ? ORDER BY first_row""")
			.params(runId, period)
			.query((rs, i) -> {
				long end = rs.getLong(2);
				boolean open = rs.wasNull();
				RowRange range = new RowRange(rs.getLong(1), open ? Long.MAX_VALUE : end);
				return new RangeResult(range, new ReadStats(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)),
						rs.getLong(7), rs.getBytes(8));
			})
			.list();
	}

	/** One model's states of a month's ranges, in row order. */
	public List<RangeState> states(long runId, String period, long modelVersionId) {
		return this.jdbc.sql("""
				SELECT state, logged, joined, unlogged, awaiting_label, from_log FROM range_state
				WHERE run_id = ? AND period = ? AND model_version_id = ? ORDER BY first_row""")
			.params(runId, period, modelVersionId)
			.query((rs, i) -> {
				byte[] state = rs.getBytes(1);
				long logged = rs.getLong(2);
				LogCoverage coverage = rs.wasNull() ? null
						: new LogCoverage(logged, rs.getLong(3), rs.getLong(4), rs.getLong(5));
				return new RangeState(modelVersionId, state, coverage, rs.getBoolean(6));
			})
			.list();
	}

}
