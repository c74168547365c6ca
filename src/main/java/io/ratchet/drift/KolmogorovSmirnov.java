package io.ratchet.drift;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov–Smirnov statistic: the largest distance between the empirical
 * distribution functions of two samples, {@code sup_x |F_ref(x) − F_win(x)|}, computed
 * exactly by sorting both samples and sweeping them once (ties are stepped over together,
 * so equal values never open a gap). Memory: both samples, sorted copies.
 */
public final class KolmogorovSmirnov {

	private KolmogorovSmirnov() {
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
		double[] a = first.clone();
		double[] b = second.clone();
		Arrays.sort(a);
		Arrays.sort(b);
		int i = 0;
		int j = 0;
		double largest = 0;
		while (i < a.length && j < b.length) {
			double x = Math.min(a[i], b[j]);
			while (i < a.length && a[i] == x) {
				i++;
			}
			while (j < b.length && b[j] == x) {
				j++;
			}
			largest = Math.max(largest, Math.abs((double) i / a.length - (double) j / b.length));
		}
		return largest;
	}

}
