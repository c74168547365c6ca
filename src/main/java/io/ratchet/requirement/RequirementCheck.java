package io.ratchet.requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import io.ratchet.data.Segment;
import io.ratchet.metrics.Interval;
import io.ratchet.metrics.MetricId;
import io.ratchet.metrics.MetricIntervals;
import io.ratchet.metrics.MetricValues;

/** Checks one model's figures for one period against its requirements. */
public final class RequirementCheck {

	/** The period name of whole-period figures. */
	public static final String WHOLE_PERIOD = "ALL";

	private RequirementCheck() {
	}

	/**
	 * Checks the figures against the bounds that apply.
	 * <p>
	 * A period with fewer labelled rows than {@link DatasetRequirements#minRows()}, or
	 * with none at all, is {@code INSUFFICIENT_DATA}: nothing is judged, there are no
	 * breaches, and every bounded metric is listed as not evaluated. The whole period
	 * obeys the same minimum as a month. Otherwise each bound is checked; a bounded
	 * metric absent from the figures (undefined for the period) is listed as not
	 * evaluated and is no breach.
	 * @param req the dataset's requirements
	 * @param modelName the model's name (its overrides apply)
	 * @param period {@code YYYY-MM} for a month, {@link #WHOLE_PERIOD} for the whole
	 * period; copied into breaches
	 * @param wholePeriod whether to check the whole-period bounds rather than the monthly
	 * ones
	 * @param values the figures
	 */
	public static CheckResult check(DatasetRequirements req, String modelName, String period, boolean wholePeriod,
			MetricValues values) {
		return check(req, modelName, period, wholePeriod, values, MetricIntervals.NONE);
	}

	/**
	 * Checks the figures as
	 * {@link #check(DatasetRequirements, String, String, boolean, MetricValues)} does, a
	 * bound with {@code judge: interval} on the figure's interval when it has one
	 * ({@link Bound#breachedSide(double, Optional)}); such a breach carries the interval,
	 * so that its wording says it was judged on it.
	 * @param intervals the figures' 95% intervals
	 */
	public static CheckResult check(DatasetRequirements req, String modelName, String period, boolean wholePeriod,
			MetricValues values, MetricIntervals intervals) {
		Objects.requireNonNull(intervals, "intervals");
		Objects.requireNonNull(req, "req");
		Objects.requireNonNull(modelName, "modelName");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(values, "values");
		List<Bound> bounds = wholePeriod ? req.periodFor(modelName) : req.monthlyFor(modelName);
		return check(bounds, req.minRows(), modelName, period, null, values, intervals);
	}

	/**
	 * Checks a segment's figures against the bounds on its level
	 * ({@link DatasetRequirements#segmentBoundsFor}), the same for a month and the whole
	 * period. A segment with fewer labelled rows than {@code minRows} (the dataset's
	 * {@code segments.min-rows}) is {@code INSUFFICIENT_DATA} and never breaches.
	 * Breaches name the segment.
	 */
	public static CheckResult checkSegment(DatasetRequirements req, long minRows, String modelName, String period,
			Segment segment, MetricValues values) {
		Objects.requireNonNull(segment, "segment");
		return check(req.segmentBoundsFor(segment), minRows, modelName, period, segment, values, MetricIntervals.NONE);
	}

	private static CheckResult check(List<Bound> bounds, long minRows, String modelName, String period, Segment segment,
			MetricValues values, MetricIntervals intervals) {
		long n = values.n();
		if (n == 0 || n < minRows) {
			return new CheckResult(Verdict.INSUFFICIENT_DATA, List.of(), bounds.stream().map(Bound::metric).toList());
		}
		List<Breach> breaches = new ArrayList<>();
		List<MetricId> notEvaluated = new ArrayList<>();
		for (Bound bound : bounds) {
			OptionalDouble value = values.get(bound.metric());
			if (value.isEmpty()) {
				notEvaluated.add(bound.metric());
				continue;
			}
			double actual = value.getAsDouble();
			Optional<Interval> interval = (bound.judge() == Judge.INTERVAL) ? intervals.get(bound.metric())
					: Optional.empty();
			Optional<BoundKind> side = bound.breachedSide(actual, interval);
			side.ifPresent((kind) -> breaches.add(new Breach(modelName, period, bound.metric(), actual, kind,
					bound.limit(kind), segment, interval.orElse(null))));
		}
		return new CheckResult(breaches.isEmpty() ? Verdict.PASS : Verdict.BREACH, breaches, notEvaluated);
	}

}
