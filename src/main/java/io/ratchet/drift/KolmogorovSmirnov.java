package io.ratchet.drift;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov–Smirnov test: the statistic is the largest distance between
 * the empirical distribution functions of two samples,
 * {@code sup_x |F_ref(x) − F_win(x)|}, computed exactly by sorting both samples and
 * sweeping them once (ties are stepped over together, so equal values never open a gap).
 * Memory: both samples, sorted copies.
 *
 * <p>
 * The p-value ({@link #test}) is chosen as SciPy's {@code ks_2samp(method='auto')} does:
 * <ul>
 * <li>{@link Method#EXACT} when both samples have at most {@value #MAX_EXACT} values: the
 * exact null distribution ({@link SmirnovExact}) at the statistic rounded to a multiple
 * of {@code 1/lcm(m, n)};</li>
 * <li>{@link Method#ASYMPTOTIC} otherwise: the one-sample Kolmogorov distribution with
 * {@code n = round(m·n/(m+n))} ({@link KolmogorovDistribution}).</li>
 * </ul>
 * Ties: the statistic is exact with ties (it is only measured where a run of equal values
 * ends), but both null distributions assume continuous values, where ties cannot happen.
 * With ties the true null distribution of the statistic is stochastically smaller, so the
 * p-value is conservative (too large, never too small): a drift alarm on it is never more
 * likely than its level says. This is what SciPy does too.
 */
public final class KolmogorovSmirnov {

	/** The largest sample size for which the p-value is exact. */
	public static final int MAX_EXACT = 10_000;

	private KolmogorovSmirnov() {
	}

	/**
	 * The statistic and its two-sided p-value.
	 * @return the test, or {@code null} when either sample is empty
	 */
	public static Test test(double[] first, double[] second) {
		if (first.length == 0 || second.length == 0) {
			return null;
		}
		int m = first.length;
		int n = second.length;
		Sweep sweep = sweep(first, second);
		if (Math.max(m, n) <= MAX_EXACT) {
			long gcd = gcd(m, n);
			long h = sweep.lattice() / gcd;
			return new Test(h / ((double) (m / gcd) * n), SmirnovExact.sf(m, n, h), Method.EXACT);
		}
		double big = Math.max(m, n);
		double small = Math.min(m, n);
		long effective = (long) Math.rint(big * small / (big + small));
		return new Test(sweep.largest(), KolmogorovDistribution.sf(effective, sweep.largest()), Method.ASYMPTOTIC);
	}

	/**
	 * The statistic of two samples of finite values (missing values must already be left
	 * out).
	 * @return a value in [0, 1], or {@link Double#NaN} when either sample is empty
	 */
	public static double statistic(double[] first, double[] second) {
		if (first.length == 0 || second.length == 0) {
			return Double.NaN;
		}
		return sweep(first, second).largest();
	}

	/**
	 * Sweeps both sorted samples once; {@code lattice} is the largest
	 * {@code |i·n − j·m|}, the statistic times {@code m·n} as an exact integer.
	 */
	private static Sweep sweep(double[] first, double[] second) {
		double[] a = first.clone();
		double[] b = second.clone();
		Arrays.sort(a);
		Arrays.sort(b);
		int m = a.length;
		int n = b.length;
		int i = 0;
		int j = 0;
		double largest = 0;
		long lattice = 0;
		while (i < m && j < n) {
			double x = Math.min(a[i], b[j]);
			while (i < m && a[i] == x) {
				i++;
			}
			while (j < n && b[j] == x) {
				j++;
			}
			largest = Math.max(largest, Math.abs((double) i / m - (double) j / n));
			lattice = Math.max(lattice, Math.abs((long) i * n - (long) j * m));
		}
		return new Sweep(largest, lattice);
	}

	private static long gcd(long a, long b) {
		return (b == 0) ? a : gcd(b, a % b);
	}

	/** How a p-value was computed. */
	public enum Method {

		/** The exact null distribution of the two-sample statistic. */
		EXACT,
		/** Kolmogorov's distribution at the effective sample size. */
		ASYMPTOTIC

	}

	/**
	 * A two-sample test.
	 *
	 * @param statistic the largest distance between the two distribution functions
	 * @param pValue the probability of a statistic at least this large when both samples
	 * come from one continuous distribution
	 * @param method how the p-value was computed
	 */
	public record Test(double statistic, double pValue, Method method) {
	}

	private record Sweep(double largest, long lattice) {
	}

}
