package io.ratchet.backtest;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.ratchet.data.RowRange;

/**
 * Plans the partitions of a back-test: runs of consecutive months that share one worker
 * step, so that a long history of small months pays the framework's per-step cost (a few
 * tens of milliseconds of step records and bookkeeping) a handful of times instead of
 * once per month.
 *
 * <p>
 * The months keep their order. A group holds at most the budget's bytes of month files,
 * so a month larger than the budget is alone. Consecutive whole months are shared out
 * evenly: as many groups as the budget needs, rounded up to a multiple of the threads,
 * each of about the same bytes, so that the threads finish together; with at least as
 * many months as threads there are at least as many groups as threads. Sizes are the
 * files' lengths in bytes, which cost no reading.
 *
 * <p>
 * The plan is written as a plain string ({@link #format}) to the job execution context by
 * the prepare step, so that a restart re-creates the very same partitions even when a
 * month file was repaired in between (and changed size).
 *
 * <p>
 * A month with more rows than {@code partitionRows} is split into row ranges
 * ({@link RowRange}), one partition each, written {@code 2024-03@0..25000}; its last
 * range is open ({@code 2024-03@50000..}), so every row is read even when the row count
 * the plan was made from is only a bound (a file's line feeds).
 *
 * @param groups the months of each partition, in order
 * @param ranges for each group, the rows of its one month it covers, or
 * {@link RowRange#ALL} (the whole file of every month of the group)
 */
record MonthGroups(List<List<YearMonth>> groups, List<RowRange> ranges) {

	MonthGroups {
		groups = groups.stream().map(List::copyOf).toList();
		ranges = List.copyOf(ranges);
		if (ranges.size() != groups.size()) {
			throw new IllegalArgumentException(groups.size() + " groups but " + ranges.size() + " ranges");
		}
	}

	/** Groups of whole months. */
	MonthGroups(List<List<YearMonth>> groups) {
		this(groups, Collections.nCopies(groups.size(), RowRange.ALL));
	}

	/**
	 * A month, the size of its file and a bound on its rows.
	 *
	 * @param month the month
	 * @param bytes its file's length
	 * @param rows at least its count of rows, or -1 when not counted (never split)
	 */
	record SizedMonth(YearMonth month, long bytes, long rows) {

		SizedMonth(YearMonth month, long bytes) {
			this(month, bytes, -1);
		}

	}

	/**
	 * The plan for these months.
	 * @param months the months in order, with their files' sizes
	 * @param budgetBytes the most bytes of month files a group may hold (a larger month
	 * is alone); 1 gives one month per partition
	 * @param threads how many partitions run at once
	 * @return the groups, every month once, in order
	 */
	static MonthGroups plan(List<SizedMonth> months, long budgetBytes, int threads) {
		return plan(months, budgetBytes, threads, Long.MAX_VALUE);
	}

	/**
	 * The plan for these months, a month with more than {@code partitionRows} rows split
	 * into ranges of that many rows (the last to the end of the file).
	 * @param partitionRows the most rows of one month a partition reads
	 */
	static MonthGroups plan(List<SizedMonth> months, long budgetBytes, int threads, long partitionRows) {
		if (partitionRows < 1) {
			throw new IllegalArgumentException(
					"ratchet.backtest.partition-rows must be at least 1 row, not " + partitionRows);
		}
		if (budgetBytes < 1) {
			throw new IllegalArgumentException(
					"ratchet.backtest.partition-bytes must be at least 1 byte, not " + budgetBytes);
		}
		List<List<YearMonth>> groups = new ArrayList<>();
		List<RowRange> ranges = new ArrayList<>();
		List<SizedMonth> whole = new ArrayList<>();
		for (SizedMonth month : months) {
			if (month.rows() > partitionRows) {
				balanced(whole, budgetBytes, threads, groups, ranges);
				whole.clear();
				for (long from = 0; from < month.rows(); from += partitionRows) {
					boolean last = month.rows() - from <= partitionRows;
					groups.add(List.of(month.month()));
					ranges.add(new RowRange(from, last ? Long.MAX_VALUE : from + partitionRows));
				}
				continue;
			}
			whole.add(month);
		}
		balanced(whole, budgetBytes, threads, groups, ranges);
		return new MonthGroups(groups, ranges);
	}

	/**
	 * Groups a run of consecutive whole months into groups of about equal bytes, as many
	 * as the budget needs rounded up to a multiple of the threads (at most one per
	 * month), so that the threads finish together: 840 equal months with room for 253 in
	 * a group were 253, 253, 253 and 81 months (one thread idle for the last fifth of the
	 * months), now 4 × 210. A month goes to the group its middle byte falls in, but no
	 * group is skipped and the last months fill the last groups, so none is empty; a
	 * group is also cut where it would pass the budget, so a month larger than the budget
	 * is alone.
	 */
	private static void balanced(List<SizedMonth> run, long budgetBytes, int threads, List<List<YearMonth>> groups,
			List<RowRange> ranges) {
		if (run.isEmpty()) {
			return;
		}
		// a month over the budget is alone whatever the plan: only the others are shared
		// out
		long total = 0;
		int small = 0;
		for (SizedMonth month : run) {
			if (month.bytes() <= budgetBytes) {
				total += month.bytes();
				small++;
			}
		}
		int perThread = Math.max(1, threads);
		long needed = Math.max(1, (total + budgetBytes - 1) / budgetBytes);
		long rounded = Math.max(perThread, (needed + perThread - 1) / perThread * perThread);
		int count = (int) Math.max(1, Math.min(small, rounded));
		double share = Math.max(1.0, (double) total / count);
		List<YearMonth> group = new ArrayList<>();
		long bytes = 0;
		long before = 0;
		int seen = 0;
		int index = 0;
		for (SizedMonth month : run) {
			int target = index;
			if (month.bytes() <= budgetBytes) {
				long middle = (long) ((before + month.bytes() / 2.0) / share);
				target = (int) Math.max(count - (small - seen), Math.min(index + 1, Math.min(count - 1, middle)));
				before += month.bytes();
				seen++;
			}
			boolean full = !group.isEmpty() && (target > index || bytes + month.bytes() > budgetBytes);
			if (full) {
				groups.add(group);
				ranges.add(RowRange.ALL);
				group = new ArrayList<>();
				bytes = 0;
			}
			index = target;
			group.add(month.month());
			bytes += month.bytes();
		}
		groups.add(group);
		ranges.add(RowRange.ALL);
	}

	/** One month per group: the plan of runs started before months were grouped. */
	static MonthGroups oneEach(List<YearMonth> months) {
		return new MonthGroups(months.stream().map(List::of).toList());
	}

	/**
	 * {@code 2024-01,2024-02;2024-03@0..25000;2024-03@25000..}: groups separated by
	 * semicolons, a range after its month.
	 */
	String format() {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < this.groups.size(); i++) {
			String months = this.groups.get(i).stream().map(YearMonth::toString).collect(Collectors.joining(","));
			RowRange range = this.ranges.get(i);
			parts.add(range.all() ? months : months + "@" + range.format());
		}
		return String.join(";", parts);
	}

	/** The inverse of {@link #format}. */
	static MonthGroups parse(String plan) {
		List<List<YearMonth>> groups = new ArrayList<>();
		List<RowRange> ranges = new ArrayList<>();
		for (String part : plan.isEmpty() ? new String[0] : plan.split(";")) {
			int at = part.indexOf('@');
			groups.add(months((at < 0) ? part : part.substring(0, at)));
			ranges.add((at < 0) ? RowRange.ALL : RowRange.parse(part.substring(at + 1)));
		}
		return new MonthGroups(groups, ranges);
	}

	/** The months split into row ranges, each with its ranges in row order. */
	Map<YearMonth, List<RowRange>> splitMonths() {
		Map<YearMonth, List<RowRange>> split = new LinkedHashMap<>();
		for (int i = 0; i < this.groups.size(); i++) {
			if (!this.ranges.get(i).all()) {
				split.computeIfAbsent(this.groups.get(i).get(0), (month) -> new ArrayList<>()).add(this.ranges.get(i));
			}
		}
		return split;
	}

	/** {@code 2024-01,2024-02} as months. */
	static List<YearMonth> months(String months) {
		return months.isEmpty() ? List.of() : Arrays.stream(months.split(",")).map(YearMonth::parse).toList();
	}

}
