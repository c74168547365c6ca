package io.ratchet.run;

import io.ratchet.metrics.Interval;
import io.ratchet.metrics.MetricId;

/**
 * One stored 95% interval ({@code metric_interval}) of a figure.
 *
 * @param modelVersionId the {@code model_version} row
 * @param period {@code YYYY-MM}, or {@code ALL} for the whole period
 * @param metric the metric
 * @param interval the interval and its method
 */
public record StoredInterval(long modelVersionId, String period, MetricId metric, Interval interval) {

}
