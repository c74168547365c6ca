package io.ratchet.segment;

import io.ratchet.data.Segment;
import io.ratchet.metrics.MetricValues;
import io.ratchet.requirement.CheckResult;

/**
 * What one model scored on one segment level over one period, how that compares with the
 * bounds on the level, and (for a month) the accumulator state the whole period is merged
 * from.
 *
 * @param modelVersionId the {@code model_version} row
 * @param segment the segment level
 * @param values its figures
 * @param check its verdict and breaches (each naming the segment)
 * @param state the serialised accumulator, or {@code null} for the whole period
 */
public record SegmentFigures(long modelVersionId, Segment segment, MetricValues values, CheckResult check,
		byte[] state) {

}
