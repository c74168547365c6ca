package io.ratchet.backtest;

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
 */
@ConfigurationProperties("ratchet.backtest")
public record BacktestProperties(@DefaultValue("0") int threads, @DefaultValue("0.01") double maxRejectedShare,
		@DefaultValue("1MB") DataSize partitionBytes, @DefaultValue("1000000") long partitionRows) {

	/**
	 * The thread count to use: {@link #threads()}, or the number of cores when it is 0.
	 */
	public int effectiveThreads() {
		return (this.threads > 0) ? this.threads : Runtime.getRuntime().availableProcessors();
	}

}
