package io.ratchet.run;

import io.ratchet.metrics.MetricId;
import io.ratchet.metrics.MetricId;

/**
 * One stored metric value; {@code value} is {@code null} when the metric is undefined for
 * the period.
 */
public record StoredMetric(long modelVersionId, String period, MetricId metric, Double value, long rowCount) {

}
