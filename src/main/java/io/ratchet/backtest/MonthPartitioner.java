package io.ratchet.backtest;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per month file. Each partition's context holds only plain values (the
 * month and the file path), so a worker can run on another thread or, with remote
 * partitioning, in another process.
 */
class MonthPartitioner implements Partitioner {

	static final String PERIOD = "period";

	static final String INPUT_FILE = "inputFile";

	private final Path datasetDir;

	private final List<YearMonth> months;

	MonthPartitioner(Path datasetDir, List<YearMonth> months) {
		this.datasetDir = datasetDir;
		this.months = List.copyOf(months);
	}

	/** The grid size is ignored: the number of partitions is the number of months. */
	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (YearMonth month : this.months) {
			ExecutionContext context = new ExecutionContext();
			context.putString(PERIOD, month.toString());
			context.putString(INPUT_FILE, this.datasetDir.resolve(month + ".csv").toString());
			partitions.put("month-" + month, context);
		}
		return partitions;
	}

}
