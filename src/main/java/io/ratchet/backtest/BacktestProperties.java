package io.ratchet.backtest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the back-test job (the default dataset and the class threshold, which other
 * jobs share, are {@link io.ratchet.system.RatchetDefaults}).
 *
 * @param threads how many months are scored at once; 0 means one per core
 * @param maxRejectedShare a run whose rejected rows exceed this share of all rows read
 * fails
 * @param partitionBytes how many bytes of month files consecutive months may share one
 * partition with (one worker step); a month file larger than this is alone, and
 * {@code 1B} gives one partition per month (see {@link MonthGroups})
 * @param partitionRows a month with more rows than this is split into row-range
 * partitions of this many rows (see {@link MonthGroups}). The default, 1,000,000, is some
 * 100 MB of a 16-feature CSV and a few seconds of one core: a range pays a worker step,
 * one state row per model and a merge, a few tens of milliseconds, so below that
 * splitting costs more than it spreads; above it one month no longer holds a thread (or a
 * remote worker) for long while the others wait
 * @param commitBytes how many bytes of month files consecutive months of a partition may
 * share one transaction with (one commit; a failure rolls back the months of its
 * transaction, which a restart redoes); a larger month is committed alone, and {@code 1B}
 * commits every month on its own
 * @param workers where the partitions run: {@code local} threads of this process, or
 * {@code remote} worker processes ({@code jobs/worker}) reached through the broker
 * ({@code io.ratchet.remote}; needs PostgreSQL)
 * @param remote how the manager waits for remote workers
 */
@ConfigurationProperties("ratchet.backtest")
public record BacktestProperties(@DefaultValue("0") int threads, @DefaultValue("0.01") double maxRejectedShare,
		@DefaultValue("1MB") DataSize partitionBytes, @DefaultValue("128KB") DataSize commitBytes,
		@DefaultValue("1000000") long partitionRows, @DefaultValue("local") Workers workers,
		@DefaultValue Remote remote) {

	/** Where the partitions of a back-test run. */
	public enum Workers {

		/** on {@link #effectiveThreads()} threads of the process that runs the job */
		LOCAL,
		/** on worker processes, through the message broker */
		REMOTE

	}

	/**
	 * @param timeout how long a partition may stay unchanged in the job repository (not
	 * taken by any worker, or its worker silent: killed, cut off) before the manager
	 * fails it; longer than the longest month takes
	 * @param pollInterval how often the manager reads the partitions' state
	 */
	public record Remote(@DefaultValue("10m") Duration timeout, @DefaultValue("1s") Duration pollInterval) {
	}

	/**
	 * The thread count to use: {@link #threads()}, or the number of cores when it is 0.
	 */
	public int effectiveThreads() {
		return (this.threads > 0) ? this.threads : Runtime.getRuntime().availableProcessors();
	}

}
