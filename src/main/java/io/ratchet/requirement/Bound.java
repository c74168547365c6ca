package io.ratchet.requirement;

import java.util.Objects;
import java.util.Optional;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.Interval;
import io.ratchet.metrics.MetricId;

/**
 * A requirement on one metric: a minimum, a maximum, or both (inclusive: a value equal to
 * a bound meets it). Any side may be bounded whatever the metric's direction, and
 * descriptive metrics such as {@link Metric#N} may be bounded too.
 *
 * @param metric the metric
 * @param min the lowest acceptable value, or {@code null}
 * @param max the highest acceptable value, or {@code null}
 * @param judge whether the figure or its 95% interval is judged
 */
public record Bound(MetricId metric, Double min, Double max, Judge judge) {

	public Bound {
		Objects.requireNonNull(metric, "metric");
		Objects.requireNonNull(judge, "judge");
		String problem = problem(metric, min, max);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
	}

	/** A bound judged on the figure itself. */
	public Bound(MetricId metric, Double min, Double max) {
		this(metric, min, max, Judge.POINT);
	}

	/** A minimum only. */
	public static Bound atLeast(MetricId metric, double min) {
		return new Bound(metric, min, null);
	}

	/** A maximum only. */
	public static Bound atMost(MetricId metric, double max) {
		return new Bound(metric, null, max);
	}

	/** Whether the value crosses this bound: below the minimum or above the maximum. */
	public boolean breachedBy(double value) {
		return breachedSide(value).isPresent();
	}

	/** The side the value crosses, if it crosses one. */
	public Optional<BoundKind> breachedSide(double value) {
		if (this.min != null && value < this.min) {
			return Optional.of(BoundKind.MIN);
		}
		if (this.max != null && value > this.max) {
			return Optional.of(BoundKind.MAX);
		}
		return Optional.empty();
	}

	/**
	 * The side a figure with that interval crosses, if it crosses one: judged on the
	 * figure, or, for {@code judge: interval} when the figure has an interval, on the
	 * interval, which crosses a minimum only when its upper end is below it and a maximum
	 * only when its lower end is above it.
	 */
	public Optional<BoundKind> breachedSide(double value, Optional<Interval> interval) {
		if (this.judge == Judge.POINT || interval.isEmpty()) {
			return breachedSide(value);
		}
		if (this.min != null && interval.get().hi() < this.min) {
			return Optional.of(BoundKind.MIN);
		}
		if (this.max != null && interval.get().lo() > this.max) {
			return Optional.of(BoundKind.MAX);
		}
		return Optional.empty();
	}

	/** The limit on that side; fails when this bound has none there. */
	public double limit(BoundKind kind) {
		Double limit = (kind == BoundKind.MIN) ? this.min : this.max;
		if (limit == null) {
			throw new IllegalStateException("the bound on " + this.metric.key() + " has no " + kind);
		}
		return limit;
	}

	/**
	 * Why min and max do not make a bound, or {@code null} when they do; shared with the
	 * file reader.
	 */
	static String problem(MetricId metric, Double min, Double max) {
		if (min == null && max == null) {
			return "bound on " + metric.key() + " has neither min nor max";
		}
		if (min != null && !Double.isFinite(min)) {
			return "min of " + metric.key() + " must be a finite number, not " + min;
		}
		if (max != null && !Double.isFinite(max)) {
			return "max of " + metric.key() + " must be a finite number, not " + max;
		}
		if (min != null && max != null && min > max) {
			return "bound on " + metric.key() + " has min " + min + " above max " + max;
		}
		return null;
	}

}
