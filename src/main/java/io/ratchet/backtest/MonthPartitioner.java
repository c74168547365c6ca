package io.ratchet.backtest;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per group of consecutive months ({@link MonthGroups}). Each partition's
 * context holds only plain strings (the months and their file paths), so a worker can run
 * on another thread or, with remote partitioning, in another process.
 *
 * <p>
 * A partition of one month is named {@code month-2024-01} as before months were grouped,
 * one of several {@code months-2024-01..2024-06}; the names come from a plan stored with
 * the run, so a restart finds the partitions of the first execution.
 */
class MonthPartitioner implements Partitioner {

	/**
	 * The key of the plan ({@link MonthGroups#format}) in the job execution context.
	 */
	static final String PLAN = "ratchet.partitions";

	/** The partition's months, comma-separated ({@code 2024-01,2024-02}). */
	static final String PERIODS = "periods";

	/** Their files, one path per line, in the same order. */
	static final String INPUT_FILES = "inputFiles";

	/** The one month of a partition created before months were grouped. */
	static final String PERIOD = "period";

	/** Its file. */
	static final String INPUT_FILE = "inputFile";

	private final Path datasetDir;

	private final MonthGroups plan;

	MonthPartitioner(Path datasetDir, MonthGroups plan) {
		this.datasetDir = datasetDir;
		this.plan = plan;
	}

	/** The grid size is ignored: the plan decides the partitions. */
	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (List<YearMonth> months : this.plan.groups()) {
			ExecutionContext context = new ExecutionContext();
			context.putString(PERIODS, months.stream().map(YearMonth::toString).collect(Collectors.joining(",")));
			context.putString(INPUT_FILES,
					months.stream()
						.map((month) -> this.datasetDir.resolve(month + ".csv").toString())
						.collect(Collectors.joining("\n")));
			YearMonth first = months.get(0);
			YearMonth last = months.get(months.size() - 1);
			partitions.put((months.size() == 1) ? "month-" + first : "months-" + first + ".." + last, context);
		}
		return partitions;
	}

	/**
	 * The months of a partition and their files, from its context (also the one-month
	 * context of a run started before months were grouped, when such a run is restarted).
	 */
	static Map<YearMonth, Path> months(ExecutionContext context) {
		Map<YearMonth, Path> files = new LinkedHashMap<>();
		if (!context.containsKey(PERIODS)) {
			files.put(YearMonth.parse(context.getString(PERIOD)), Path.of(context.getString(INPUT_FILE)));
			return files;
		}
		List<YearMonth> months = MonthGroups.months(context.getString(PERIODS));
		String[] paths = context.getString(INPUT_FILES).split("\n");
		for (int i = 0; i < months.size(); i++) {
			files.put(months.get(i), Path.of(paths[i]));
		}
		return files;
	}

}
