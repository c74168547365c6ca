package io.ratchet.metrics;

/**
 * Wilson's score interval for a proportion {@code k / n}: the values of p for which
 * {@code |k/n - p| <= z·sqrt(p(1-p)/n)}, closed form. Unlike {@code p ± z·se} it stays
 * inside [0, 1] and keeps its coverage near 0 and 1.
 */
final class Wilson {

	private Wilson() {
	}

	/**
	 * The 95% interval of {@code k} successes in {@code n} trials; {@code null} when n is
	 * 0.
	 */
	static Interval of(long k, long n) {
		if (n <= 0) {
			return null;
		}
		if (k < 0 || k > n) {
			throw new IllegalArgumentException("not a proportion: " + k + " of " + n);
		}
		double z2 = Interval.Z_95 * Interval.Z_95;
		double p = (double) k / n;
		double denominator = 1 + z2 / n;
		double centre = (p + z2 / (2.0 * n)) / denominator;
		double half = Interval.Z_95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
		return new Interval(Math.max(0, centre - half), Math.min(1, centre + half), IntervalMethod.WILSON);
	}

}
