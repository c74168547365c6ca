package io.ratchet.report;

import io.ratchet.metrics.MetricId;

/**
 * A metric a report charts and its bound, if any (a requirement's
 * {@link io.ratchet.requirement.Bound} always has one).
 *
 * @param metric the metric
 * @param min its minimum, or {@code null}
 * @param max its maximum, or {@code null}
 */
record ChartedMetric(MetricId metric, Double min, Double max) {

	boolean breachedBy(double value) {
		return (this.min != null && value < this.min) || (this.max != null && value > this.max);
	}

	/**
	 * The bound drawn as the dashed red line: the minimum, else the maximum, else
	 * {@code null}.
	 */
	Double limit() {
		return (this.min != null) ? this.min : this.max;
	}

	/** The bound's legend, e.g. {@code minimum 0.76}, or {@code null} without a bound. */
	String limitLabel() {
		return (this.min != null) ? "minimum " + this.min : (this.max != null) ? "maximum " + this.max : null;
	}

}
