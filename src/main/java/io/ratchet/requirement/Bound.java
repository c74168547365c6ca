package io.ratchet.requirement;

import java.util.Objects;
import java.util.Optional;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;

/**
 * A requirement on one metric: a minimum, a maximum, or both (inclusive: a value equal to
 * a bound meets it). Any side may be bounded whatever the metric's direction, and
 * descriptive metrics such as {@link Metric#N} may be bounded too.
 *
 * @param metric the metric
 * @param min the lowest acceptable value, or {@code null}
 * @param max the highest acceptable value, or {@code null}
 */
public record Bound(MetricId metric, Double min, Double max) {

	public Bound {
		Objects.requireNonNull(metric, "metric");
		String problem = problem(metric, min, max);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
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
