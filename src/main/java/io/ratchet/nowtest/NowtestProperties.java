package io.ratchet.nowtest;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the now-test job ({@code ratchet.nowtest}). Durations are whole days
 * written like {@code 30d}. Bad values stop the application at start-up with the key and
 * the cause.
 *
 * @param window how many days, up to and including the as-of date, the window covers
 * @param labelDelay rows younger than this (dated after as-of minus the delay) have no
 * final label yet and are left out of the metrics
 * @param zone the time zone in which "yesterday" of a scheduled run is taken; empty for
 * the system's
 * @param datasets per-dataset overrides of {@code window} and {@code label-delay}
 * @param drift how drift is measured
 */
@ConfigurationProperties("ratchet.nowtest")
public record NowtestProperties(@DefaultValue("30d") Duration window, @DefaultValue("0d") Duration labelDelay,
		@DefaultValue("") String zone, Map<String, DatasetSettings> datasets, @DefaultValue Drift drift) {

	public NowtestProperties {
		datasets = (datasets != null) ? Map.copyOf(datasets) : Map.of();
		days(window, "ratchet.nowtest.window", 1);
		days(labelDelay, "ratchet.nowtest.label-delay", 0);
		datasets.forEach((name, settings) -> {
			if (settings.window() != null) {
				days(settings.window(), "ratchet.nowtest.datasets." + name + ".window", 1);
			}
			if (settings.labelDelay() != null) {
				days(settings.labelDelay(), "ratchet.nowtest.datasets." + name + ".label-delay", 0);
			}
		});
		zoneId(zone);
	}

	/**
	 * One dataset's overrides.
	 *
	 * @param window its window, or {@code null} for {@link NowtestProperties#window()}
	 * @param labelDelay its label delay, or {@code null} for
	 * {@link NowtestProperties#labelDelay()}
	 */
	public record DatasetSettings(Duration window, Duration labelDelay) {
	}

	/**
	 * How drift is measured.
	 *
	 * @param reference {@code training}: the champion's training window
	 * ({@code training.window} of its model file; when it has none, the last
	 * {@code months}); {@code last-months}: the {@code months} calendar months before the
	 * window's first month
	 * @param months how many months {@code last-months} takes
	 * @param bins quantile buckets per numeric feature and score
	 * @param sampleSize the most values kept per numeric column and side; beyond it a
	 * fixed-seed reservoir sample
	 */
	public record Drift(@DefaultValue("training") String reference, @DefaultValue("3") int months,
			@DefaultValue("10") int bins, @DefaultValue("200000") int sampleSize) {

		public Drift {
			if (!reference.equals("training") && !reference.equals("last-months")) {
				throw new IllegalArgumentException(
						"ratchet.nowtest.drift.reference must be training or last-months, not '" + reference + "'");
			}
			if (months < 1) {
				throw new IllegalArgumentException("ratchet.nowtest.drift.months must be at least 1, not " + months);
			}
			if (bins < 2) {
				throw new IllegalArgumentException("ratchet.nowtest.drift.bins must be at least 2, not " + bins);
			}
			if (sampleSize < 100) {
				throw new IllegalArgumentException(
						"ratchet.nowtest.drift.sample-size must be at least 100, not " + sampleSize);
			}
		}

	}

	/** The window of a dataset, in days. */
	public int windowDays(String dataset) {
		DatasetSettings own = this.datasets.get(dataset);
		return (int) ((own != null && own.window() != null) ? own.window() : this.window).toDays();
	}

	/** The label delay of a dataset, in days. */
	public int labelDelayDays(String dataset) {
		DatasetSettings own = this.datasets.get(dataset);
		return (int) ((own != null && own.labelDelay() != null) ? own.labelDelay() : this.labelDelay).toDays();
	}

	/** The zone of scheduled runs. */
	public ZoneId zoneId() {
		return zoneId(this.zone);
	}

	private static ZoneId zoneId(String zone) {
		if (zone == null || zone.isBlank()) {
			return ZoneId.systemDefault();
		}
		try {
			return ZoneId.of(zone.trim());
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("ratchet.nowtest.zone is not a time zone: '" + zone + "'", ex);
		}
	}

	private static void days(Duration duration, String key, int least) {
		if (duration.isNegative() || duration.toDays() < least
				|| !duration.equals(Duration.ofDays(duration.toDays()))) {
			throw new IllegalArgumentException(
					key + " must be a whole number of days, at least " + least + ", written like 30d; not " + duration);
		}
	}

}
