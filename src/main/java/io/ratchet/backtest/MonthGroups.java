package io.ratchet.backtest;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Plans the partitions of a back-test: runs of consecutive months that share one worker
 * step, so that a long history of small months pays the framework's per-step cost (a few
 * tens of milliseconds of step records and bookkeeping) a handful of times instead of
 * once per month.
 *
 * <p>
 * A group takes the next month while the total size of its month files stays within the
 * budget, so a month larger than the budget is alone and the months keep their order. To
 * keep every thread busy, a group also holds at most {@code months / threads} months
 * (rounded down, at least one): with at least as many months as threads there are at
 * least as many groups as threads. Sizes are the files' lengths in bytes, which cost no
 * reading.
 *
 * <p>
 * The plan is written as a plain string ({@link #format}) to the job execution context by
 * the prepare step, so that a restart re-creates the very same partitions even when a
 * month file was repaired in between (and changed size).
 *
 * @param groups the months of each partition, in order
 */
record MonthGroups(List<List<YearMonth>> groups) {

	MonthGroups {
		groups = groups.stream().map(List::copyOf).toList();
	}

	/** A month and the size of its file. */
	record SizedMonth(YearMonth month, long bytes) {
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
		if (budgetBytes < 1) {
			throw new IllegalArgumentException(
					"ratchet.backtest.partition-bytes must be at least 1 byte, not " + budgetBytes);
		}
		int maxMonths = Math.max(1, months.size() / Math.max(1, threads));
		List<List<YearMonth>> groups = new ArrayList<>();
		List<YearMonth> group = new ArrayList<>();
		long bytes = 0;
		for (SizedMonth month : months) {
			boolean full = !group.isEmpty() && (group.size() >= maxMonths || bytes + month.bytes() > budgetBytes);
			if (full) {
				groups.add(group);
				group = new ArrayList<>();
				bytes = 0;
			}
			group.add(month.month());
			bytes += month.bytes();
		}
		if (!group.isEmpty()) {
			groups.add(group);
		}
		return new MonthGroups(groups);
	}

	/** One month per group: the plan of runs started before months were grouped. */
	static MonthGroups oneEach(List<YearMonth> months) {
		return new MonthGroups(months.stream().map(List::of).toList());
	}

	/** {@code 2024-01,2024-02;2024-03}: groups separated by semicolons. */
	String format() {
		return this.groups.stream()
			.map((group) -> group.stream().map(YearMonth::toString).collect(Collectors.joining(",")))
			.collect(Collectors.joining(";"));
	}

	/** The inverse of {@link #format}. */
	static MonthGroups parse(String plan) {
		if (plan.isEmpty()) {
			return new MonthGroups(List.of());
		}
		return new MonthGroups(Arrays.stream(plan.split(";")).map(MonthGroups::months).toList());
	}

	/** {@code 2024-01,2024-02} as months. */
	static List<YearMonth> months(String months) {
		return months.isEmpty() ? List.of() : Arrays.stream(months.split(",")).map(YearMonth::parse).toList();
	}

}
