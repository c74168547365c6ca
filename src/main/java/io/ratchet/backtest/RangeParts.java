package io.ratchet.backtest;

import java.time.YearMonth;
import java.util.List;

import io.ratchet.backtest.BacktestMonthTasklet.StoredModel;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.ReadStats;
import io.ratchet.data.RowRange;
import io.ratchet.model.LoggedModel;
import io.ratchet.model.ScoringPass.Scored;
import io.ratchet.report.FeatureMeans;
import io.ratchet.run.RangeStateStore;

/**
 * The month worker's side of row ranges (a big month split into partitions of
 * {@code ratchet.backtest.partition-rows} rows): whether a range is stored already, and
 * storing what a range read, its counts and feature sums and each model's accumulator
 * state, for {@link MonthRanges} to merge into the month's figures after the months.
 */
final class RangeParts {

	private final RangeStateStore ranges;

	RangeParts(RangeStateStore ranges) {
		this.ranges = ranges;
	}

	/** Whether {@code range} of a split month was stored by an earlier attempt. */
	boolean stored(long runId, YearMonth month, RowRange range) {
		return !range.all() && this.ranges.storedRanges(runId, month.toString()).contains(range.from());
	}

	/**
	 * Refuses a range of a month with segments: ranges keep no segment states (the
	 * prepare step plans such a month whole; a run planned otherwise must start anew).
	 */
	static void requireWhole(DatasetConfig dataset, YearMonth month, RowRange range) {
		if (!dataset.segments().isEmpty() && !range.all()) {
			throw new IllegalStateException(
					"month " + month + " of dataset " + dataset.name() + " has segments, which row ranges do not keep ("
							+ range + "): start a new run, which plans it whole");
		}
	}

	/**
	 * Stores what a range read: its counts, time and feature sums, and per model its
	 * accumulator state and, for a logged model, its coverage.
	 */
	void save(long runId, YearMonth month, RowRange range, ReadStats stats, long millis, FeatureMeans means,
			List<Scored<StoredModel>> scored) {
		List<RangeStateStore.RangeState> states = scored.stream()
			.map((model) -> new RangeStateStore.RangeState(model.subject().id(), model.accumulator().toBytes(),
					model.logged() ? model.coverage() : null,
					model.version().definition() instanceof LoggedModel logged && logged.column() == null))
			.toList();
		this.ranges.save(runId, month.toString(),
				new RangeStateStore.RangeResult(range, stats, millis, means.toBytes()), states);
	}

}
