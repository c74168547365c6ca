package io.ratchet.metrics;

import java.util.Objects;

/**
 * A 95% confidence interval around one figure: the range {@code [lo, hi]} and the method
 * that gave it ({@link IntervalMethod}).
 *
 * @param lo the lower end
 * @param hi the upper end, at least {@code lo}
 * @param method how it was computed
 */
public record Interval(double lo, double hi, IntervalMethod method) {

	/** The two-sided 95% quantile of the standard normal distribution. */
	public static final double Z_95 = 1.959963984540054;

	public Interval {
		Objects.requireNonNull(method, "method");
		if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
			throw new IllegalArgumentException("not an interval: [" + lo + ", " + hi + "]");
		}
	}

	/** Whether the value lies in the interval, ends included. */
	public boolean contains(double value) {
		return this.lo <= value && value <= this.hi;
	}

}
