package io.ratchet.drift;

/**
 * The exact null distribution of the two-sample Kolmogorov–Smirnov statistic for samples
 * of {@code m} and {@code n} continuous values: {@code P(D ≥ h/lcm(m, n))}. Under the
 * null hypothesis every merged order is equally likely, so this is the share of lattice
 * paths from {@code (0, 0)} to {@code (m, n)} that touch
 * {@code |i·n − j·m| ≥ h·gcd(m, n)}.
 * <ul>
 * <li>{@code m = n}: the reflection formula {@code 2 Σ_{k≥1} (−1)^(k+1) C(2n, n − kh) /
 * C(2n, n)}, each ratio built as a product so nothing overflows.</li>
 * <li>otherwise: the probability of staying strictly inside the band, swept row by row
 * with {@code u(i, j) = i/(i+j) · u(i−1, j) + j/(i+j) · u(i, j−1)} (the share of paths to
 * {@code (i, j)} that stayed inside; every value in [0, 1], so no overflow whatever the
 * sizes), then {@code 1 − u(m, n)}. Time: the band's cells, about {@code 2·D·m·n}.</li>
 * </ul>
 */
final class SmirnovExact {

	private SmirnovExact() {
	}

	/**
	 * {@code P(D ≥ h / lcm(m, n))}.
	 * @param m the first sample's size (at least 1)
	 * @param n the second sample's size (at least 1)
	 * @param h the statistic times {@code lcm(m, n)}, an integer
	 */
	static double sf(int m, int n, long h) {
		if (h <= 0) {
			return 1;
		}
		if (m == n) {
			return equalSizes(n, h);
		}
		return 1 - inside(m, n, h * gcd(m, n));
	}

	private static double equalSizes(int n, long h) {
		double sum = 0;
		double ratio = 1;
		double sign = 1;
		for (long k = 1; n - k * h >= 0; k++) {
			// C(2n, n − kh) / C(2n, n − (k−1)h) = Π_{j<h} (n − (k−1)h − j) / (n + (k−1)h
			// + j + 1)
			for (long j = 0; j < h && ratio > 0; j++) {
				ratio *= (double) (n - (k - 1) * h - j) / (n + (k - 1) * h + j + 1);
			}
			if (ratio == 0) {
				break;
			}
			sum += sign * ratio;
			sign = -sign;
		}
		return Math.min(1, Math.max(0, 2 * sum));
	}

	/** The share of paths that keep {@code |i·n − j·m| < bound} all the way. */
	private static double inside(int m, int n, long bound) {
		double[] row = new double[n + 1];
		row[0] = 1;
		for (int j = 1; j <= n && (long) j * m < bound; j++) {
			row[j] = row[j - 1];
		}
		for (int i = 1; i <= m; i++) {
			// the band of row i: |i·n − j·m| < bound
			long centre = (long) i * n;
			int low = (int) Math.max(0, Math.floorDiv(centre - bound, m) + 1);
			int high = (int) Math.min(n, ceilDiv(centre + bound, m) - 1);
			if (low > high) {
				return 0;
			}
			if (low > 0) {
				row[low - 1] = 0;
			}
			for (int j = low; j <= high; j++) {
				double fromLeft = (j > low) ? row[j - 1] : 0;
				row[j] = ((double) i * row[j] + (double) j * fromLeft) / (i + j);
			}
			for (int j = high + 1; j <= n && row[j] != 0; j++) {
				row[j] = 0;
			}
		}
		return row[n];
	}

	private static long ceilDiv(long a, long b) {
		return -Math.floorDiv(-a, b);
	}

	private static int gcd(int a, int b) {
		return (b == 0) ? a : gcd(b, a % b);
	}

}
