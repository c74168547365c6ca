package io.ratchet.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings that moved from {@code ratchet.backtest} to {@link RatchetDefaults}
 * ({@code ratchet.defaults}): a configuration that still sets one stops at start-up with
 * a message naming the new setting, rather than being ignored silently (Spring Boot
 * ignores a setting nothing binds).
 *
 * @param defaultDataset {@code ratchet.backtest.default-dataset}, now
 * {@code ratchet.defaults.dataset}
 * @param threshold {@code ratchet.backtest.threshold}, now
 * {@code ratchet.defaults.threshold}
 */
@ConfigurationProperties("ratchet.backtest")
record MovedSettings(String defaultDataset, String threshold) {

	MovedSettings {
		moved(defaultDataset, "ratchet.backtest.default-dataset", RatchetDefaults.DATASET_SETTING);
		moved(threshold, "ratchet.backtest.threshold", "ratchet.defaults.threshold");
	}

	private static void moved(String value, String old, String now) {
		if (value != null) {
			throw new IllegalArgumentException("setting " + old + " has moved: write " + now + ": " + value
					+ " instead (ratchet.backtest keeps only threads and max-rejected-share)");
		}
	}

}
