package io.ratchet.backtest;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.ratchet.data.PinnedFile;
import io.ratchet.data.RowRange;

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

	/**
	 * The rows of its one month a row-range partition reads ({@link RowRange#format});
	 * absent for whole months.
	 */
	static final String ROWS = "rows";

	/**
	 * The pins of its files ({@link PinnedFile#format}), one per line in the order of
	 * {@link #INPUT_FILES}; absent for a run planned before files were pinned.
	 */
	static final String INPUT_SHA256 = "inputSha256";

	/** The SHA-256 of the run's model files, {@code name@version <sha256>} lines. */
	static final String MODEL_SHA256 = "modelSha256";

	/** The one month of a partition created before months were grouped. */
	static final String PERIOD = "period";

	/** Its file. */
	static final String INPUT_FILE = "inputFile";

	private final Path datasetDir;

	private final MonthGroups plan;

	private final Map<YearMonth, String> monthPins;

	private final String modelPins;

	/**
	 * @param monthPins each month file's pin ({@link FilePins#months}); empty for a run
	 * planned before files were pinned
	 * @param modelPins the model files' pins ({@link FilePins#MODELS}), or {@code null}
	 */
	MonthPartitioner(Path datasetDir, MonthGroups plan, Map<YearMonth, String> monthPins, String modelPins) {
		this.datasetDir = datasetDir;
		this.plan = plan;
		this.monthPins = monthPins;
		this.modelPins = modelPins;
	}

	MonthPartitioner(Path datasetDir, MonthGroups plan) {
		this(datasetDir, plan, Map.of(), null);
	}

	/** The grid size is ignored: the plan decides the partitions. */
	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < this.plan.groups().size(); i++) {
			List<YearMonth> months = this.plan.groups().get(i);
			RowRange range = this.plan.ranges().get(i);
			ExecutionContext context = new ExecutionContext();
			context.putString(PERIODS, months.stream().map(YearMonth::toString).collect(Collectors.joining(",")));
			context.putString(INPUT_FILES,
					months.stream()
						.map((month) -> this.datasetDir.resolve(month + ".csv").toString())
						.collect(Collectors.joining("\n")));
			if (!this.monthPins.isEmpty()) {
				context.putString(INPUT_SHA256,
						months.stream().map(this.monthPins::get).collect(Collectors.joining("\n")));
			}
			if (this.modelPins != null) {
				context.putString(MODEL_SHA256, this.modelPins);
			}
			YearMonth first = months.get(0);
			YearMonth last = months.get(months.size() - 1);
			String name = (months.size() == 1) ? "month-" + first : "months-" + first + ".." + last;
			if (!range.all()) {
				context.putString(ROWS, range.format());
				name += "@" + range.format();
			}
			partitions.put(name, context);
		}
		return partitions;
	}

	/**
	 * The months of a partition and their files, from its context (also the one-month
	 * context of a run started before months were grouped, when such a run is restarted).
	 */
	static Map<YearMonth, Path> months(ExecutionContext context) {
		return pins(context).entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().file(), (a, b) -> a,
					LinkedHashMap::new));
	}

	/**
	 * The months of a partition and their pinned files; a file of a run planned before
	 * files were pinned has an empty SHA-256 ({@link #pinned}).
	 */
	static Map<YearMonth, PinnedFile> pins(ExecutionContext context) {
		Map<YearMonth, PinnedFile> pins = new LinkedHashMap<>();
		String[] shas = context.containsKey(INPUT_SHA256) ? context.getString(INPUT_SHA256).split("\n") : null;
		int i = 0;
		for (Map.Entry<YearMonth, Path> month : files(context).entrySet()) {
			pins.put(month.getKey(), (shas != null) ? PinnedFile.parse(month.getValue(), shas[i])
					: new PinnedFile(month.getValue(), "", ""));
			i++;
		}
		return pins;
	}

	/** Whether a pin from {@link #pins} holds a SHA-256 to check. */
	static boolean pinned(PinnedFile pin) {
		return !pin.sha256().isEmpty();
	}

	/** The rows of its month a partition reads: {@link RowRange#ALL} unless a range. */
	static RowRange range(ExecutionContext context) {
		return context.containsKey(ROWS) ? RowRange.parse(context.getString(ROWS)) : RowRange.ALL;
	}

	private static Map<YearMonth, Path> files(ExecutionContext context) {
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
