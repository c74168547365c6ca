package io.ratchet.run;

import io.ratchet.metrics.Intervals;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MetricIntervals;
import io.ratchet.metrics.MetricValues;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The 95% intervals stored beside every figure ({@code metric_interval}): the bootstrap's
 * resample count and seed (see {@link Intervals}). More resamples give steadier interval
 * ends at a cost proportional to the resamples times the used score bins, per month and
 * model. A regression model's intervals come from the bootstrap replicates its
 * accumulator keeps (64, with their own seed: {@code metrics/README.md}), which these
 * settings do not change.
 *
 * @param resamples bootstrap resamples per figure (at least 2)
 * @param seed the bootstrap's seed: a re-run of the same data gives the same intervals
 */
@ConfigurationProperties("ratchet.intervals")
public record IntervalProperties(@DefaultValue("200") int resamples, @DefaultValue("18") long seed) {

	public IntervalProperties {
		if (resamples < 2) {
			throw new IllegalArgumentException("ratchet.intervals.resamples must be at least 2, not " + resamples);
		}
	}

	/** The settings when none are configured. */
	public static IntervalProperties defaults() {
		return new IntervalProperties(Intervals.DEFAULT_RESAMPLES, Intervals.DEFAULT_SEED);
	}

	/** The intervals of an accumulator's figures ({@code values}, its result). */
	public MetricIntervals of(MetricAccumulator accumulator, MetricValues values) {
		return Intervals.of(accumulator, values, this.resamples, this.seed);
	}

}
