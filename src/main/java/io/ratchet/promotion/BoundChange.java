package io.ratchet.promotion;

import io.ratchet.metrics.MetricId;
import io.ratchet.requirement.BoundKind;

/**
 * One number of {@code config/requirements.yml} the ratchet changes.
 *
 * @param section {@code monthly} or {@code period}
 * @param metric the bounded metric
 * @param kind minimum or maximum
 * @param from the bound as written
 * @param to the new bound (never looser than {@code from})
 * @param performance the new champion's back-test figure it derives from (worst month for
 * monthly bounds, whole period for period bounds)
 * @param line the line of the number in the file (1-based)
 */
public record BoundChange(String section, MetricId metric, BoundKind kind, double from, double to, double performance,
		int line) {

}
