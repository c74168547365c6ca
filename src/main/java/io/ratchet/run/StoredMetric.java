package io.ratchet.run;

import io.ratchet.metrics.Metric;

/**
 * One stored metric value; {@code value} is {@code null} when the metric is undefined for
 * the period.
 */
public record StoredMetric(long modelVersionId, String period, Metric metric, Double value, long rowCount) {

}
