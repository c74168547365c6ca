package io.ratchet.promotion;

/** The standard normal distribution's upper tail, for p-values. */
final class Normal {

	private Normal() {
	}

	/** P(Z > z) for a standard normal Z, through erfc. */
	static double upperTail(double z) {
		if (Double.isInfinite(z)) {
			return (z > 0) ? 0 : 1;
		}
		return 0.5 * erfc(z / Math.sqrt(2));
	}

	/**
	 * The complementary error function, by the Chebyshev fit of Numerical Recipes
	 * (fractional error below 1.2e-7 everywhere), enough for a p-value.
	 */
	static double erfc(double x) {
		double z = Math.abs(x);
		double t = 1 / (1 + 0.5 * z);
		double r = t * Math
			.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
					+ t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
		return (x >= 0) ? r : 2 - r;
	}

}
