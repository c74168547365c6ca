package io.ratchet.drift;

import org.apache.commons.math3.special.Gamma;

/**
 * The survival function {@code P(D_n ≥ x)} of the one-sample two-sided Kolmogorov
 * statistic {@code D_n}, computed the way Simard and L'Ecuyer (2011, "Computing the
 * two-sided Kolmogorov–Smirnov distribution", J. Stat. Softw. 39(11)) choose between
 * methods, which is also how SciPy's {@code kstwo.sf} chooses (SciPy 1.17), so the
 * figures agree with it to about 1e-12:
 * <ul>
 * <li>{@code n·x ≤ 1} and {@code n·x ≥ n − 1}: Ruben and Gambino's closed forms;</li>
 * <li>{@code x ≥ 0.5}: exactly {@code 2·P(D_n⁺ ≥ x)} (the one-sided tails cannot both be
 * crossed);</li>
 * <li>{@code n ≤ 140}: Durbin's matrix ({@link DurbinMatrix}) while {@code n·x² ≤ 4},
 * else Miller's {@code 2·P(D_n⁺ ≥ x)};</li>
 * <li>{@code n > 140}: 0 from {@code n·x² ≥ 370}; Miller's approximation from
 * {@code n·x² ≥ 2.2}; below that one minus the distribution function, from Durbin's
 * matrix when {@code n ≤ 100000} and {@code n·x^1.5 ≤ 1.4}, else from the Pelz–Good
 * asymptotic series (Pelz and Good 1976).</li>
 * </ul>
 * The one-sided {@code P(D_n⁺ ≥ x)} is the Birnbaum–Tingey sum (every term positive,
 * summed in logarithms).
 */
final class KolmogorovDistribution {

	private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

	private static final double PI2 = Math.PI * Math.PI;

	private KolmogorovDistribution() {
	}

	/** {@code P(D_n ≥ x)}, in [0, 1]. */
	static double sf(long n, double x) {
		if (n < 1) {
			throw new IllegalArgumentException("n must be at least 1, not " + n);
		}
		if (x >= 1) {
			return 0;
		}
		if (x <= 0) {
			return 1;
		}
		double t = n * x;
		if (t <= 1) {
			if (t <= 0.5) {
				return 1;
			}
			// Ruben–Gambino: P(D_n < x) = n!/n^n · (2t − 1)^n
			double logCdf = Gamma.logGamma(n + 1.0) - n * Math.log(n) + n * Math.log(2 * t - 1);
			return clip(1 - Math.exp(logCdf));
		}
		if (t >= n - 1) {
			return clip(2 * Math.pow(1 - x, n));
		}
		if (x >= 0.5) {
			return clip(2 * smirnov(n, x));
		}
		double nxx = t * x;
		if (n <= 140) {
			return (nxx <= 4) ? clip(1 - DurbinMatrix.cdf((int) n, x)) : clip(2 * smirnov(n, x));
		}
		if (nxx >= 370) {
			return 0;
		}
		if (nxx >= 2.2) {
			return clip(2 * smirnov(n, x));
		}
		if (n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4) {
			return clip(1 - DurbinMatrix.cdf((int) n, x));
		}
		return clip(pelzGoodSf(n, x));
	}

	/**
	 * The one-sided {@code P(D_n⁺ ≥ x)} by the Birnbaum–Tingey formula {@code x ·
	 * Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) (1 − x − j/n)^(n−j) (x + j/n)^(j−1)}.
	 */
	static double smirnov(long n, double x) {
		if (x <= 0) {
			return 1;
		}
		if (x >= 1) {
			return 0;
		}
		double logFactorialN = Gamma.logGamma(n + 1.0);
		long last = (long) Math.floor(n * (1 - x));
		double sum = 0;
		for (long j = 0; j <= last; j++) {
			double low = 1 - x - (double) j / n;
			if (low <= 0) {
				continue;
			}
			double logTerm = logFactorialN - Gamma.logGamma(j + 1.0) - Gamma.logGamma(n - j + 1.0)
					+ (n - j) * Math.log(low) + (j - 1) * Math.log(x + (double) j / n);
			sum += Math.exp(logTerm);
		}
		return clip(x * sum);
	}

	/**
	 * One minus Pelz and Good's approximation of {@code P(D_n ≤ x)}:
	 * {@code K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5} with {@code z = x√n}, each
	 * {@code K} a theta-function series truncated after {@code ⌈16z/π⌉} terms.
	 */
	static double pelzGoodSf(long n, double x) {
		double z = Math.sqrt(n) * x;
		double z2 = z * z;
		double qLog = -PI2 / 8 / z2;
		if (qLog < -708) {
			return 1;
		}
		double z4 = z2 * z2;
		double z6 = z4 * z2;
		double[] k = new double[4];
		int terms = (int) Math.ceil(16 * z / Math.PI);
		for (int i = terms; i >= 1; i--) {
			double m2 = (2.0 * i - 1) * (2.0 * i - 1);
			double weight = Math.exp(qLog * m2);
			k[0] += weight;
			k[1] += (-z2 + PI2 / 4 * m2) * weight;
			k[2] += (6 * z6 + 2 * z4 + (2 * z4 - 5 * z2) * PI2 / 4 * m2 + PI2 * PI2 * (1 - 2 * z2) / 16 * m2 * m2)
					* weight;
			k[3] += (-30 * z6 - 90 * z6 * z2 + PI2 * (135 * z4 - 96 * z6) / 4 * m2
					+ PI2 * PI2 * (-60 * z2 + 212 * z4) / 16 * m2 * m2
					+ PI2 * PI2 * PI2 * (5 - 30 * z2) / 64 * m2 * m2 * m2) * weight;
		}
		k[0] *= SQRT_2PI / z;
		k[1] *= SQRT_2PI / (6 * z4);
		k[2] *= SQRT_2PI / (72 * z6 * z);
		k[3] *= SQRT_2PI / (6480 * z6 * z4);
		double extra2 = 0;
		double extra3 = 0;
		for (int i = terms; i >= 1; i--) {
			double i2 = (double) i * i;
			double weight = i2 * Math.exp(-PI2 / 2 / z2 * i2);
			extra2 += weight;
			extra3 += (3 * z2 - PI2 * i2) * weight;
		}
		k[2] += extra2 * PI2 * SQRT_2PI / (-36 * z2 * z);
		k[3] += extra3 * PI2 * SQRT_2PI / (216 * z6);
		double rootN = Math.sqrt(n);
		return (1 - k[0]) - k[1] / rootN - k[2] / n - k[3] / (n * rootN);
	}

	private static double clip(double p) {
		return Math.min(1, Math.max(0, p));
	}

}
