package io.ratchet.backtest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the back-test job (the default dataset and the class threshold, which other
 * jobs share, are {@link io.ratchet.system.RatchetDefaults}).
 *
 * @param threads how many months are scored at once; 0 means one per core
 * @param maxRejectedShare a run whose rejected rows exceed this share of all rows read
 * fails
 */
@ConfigurationProperties("ratchet.backtest")
public record BacktestProperties(@DefaultValue("0") int threads, @DefaultValue("0.01") double maxRejectedShare) {

	/**
	 * The thread count to use: {@link #threads()}, or the number of cores when it is 0.
	 */
	public int effectiveThreads() {
		return (this.threads > 0) ? this.threads : Runtime.getRuntime().availableProcessors();
	}

}
