package io.ratchet.drift;

/**
 * The exact distribution function of the one-sample two-sided Kolmogorov statistic,
 * {@code P(D_n < d)}, by Durbin's matrix method (Durbin 1968) as made practical by
 * Marsaglia, Tsang and Wang (2003): with {@code k = ceil(n·d)} and {@code h = k − n·d}, a
 * {@code (2k−1)}-square matrix {@code H} is raised to the n-th power and
 * {@code P = n!/n^n · (H^n)[k][k]}. Powers of two are taken out while squaring so nothing
 * overflows. Memory {@code O(k²)}, time {@code O(k³ log n)}: used where {@code k} is
 * small (see {@link KolmogorovDistribution}).
 */
final class DurbinMatrix {

	private static final double SCALE = Math.scalb(1.0, 128);

	private static final int SCALE_EXPONENT = 128;

	private DurbinMatrix() {
	}

	/** {@code P(D_n < d)} for {@code n ≥ 1} and {@code 0 < d < 1}. */
	static double cdf(int n, double d) {
		double nd = n * d;
		if (nd <= 0.5) {
			return 0;
		}
		int k = (int) Math.ceil(nd);
		double h = k - nd;
		int m = 2 * k - 1;
		double[][] matrix = initial(m, h);
		double[][] power = identity(m);
		long exponent = 0;
		long matrixExponent = 0;
		for (int rest = n; rest > 0; rest >>= 1) {
			if ((rest & 1) == 1) {
				power = multiply(power, matrix);
				exponent += matrixExponent;
			}
			matrix = multiply(matrix, matrix);
			matrixExponent *= 2;
			if (Math.abs(matrix[k - 1][k - 1]) > SCALE) {
				scale(matrix);
				matrixExponent += SCALE_EXPONENT;
			}
		}
		double p = power[k - 1][k - 1];
		for (int i = 1; i <= n; i++) {
			p = i * p / n;
			if (Math.abs(p) < 1 / SCALE) {
				p *= SCALE;
				exponent -= SCALE_EXPONENT;
			}
		}
		return Math.scalb(p, (int) exponent);
	}

	/**
	 * Durbin's matrix: {@code 1/(i−j+1)!} on and below the first superdiagonal, the first
	 * column and last row corrected by {@code h}.
	 */
	private static double[][] initial(int m, double h) {
		double[] inverseFactorial = new double[m + 1];
		inverseFactorial[0] = 1;
		for (int i = 1; i <= m; i++) {
			inverseFactorial[i] = inverseFactorial[i - 1] / i;
		}
		double[][] matrix = new double[m][m];
		for (int i = 0; i < m; i++) {
			for (int j = 0; j < m; j++) {
				if (i - j + 1 >= 0) {
					matrix[i][j] = inverseFactorial[i - j + 1];
				}
			}
		}
		for (int i = 0; i < m; i++) {
			matrix[i][0] = (1 - Math.pow(h, i + 1)) * inverseFactorial[i + 1];
			matrix[m - 1][m - 1 - i] = matrix[i][0];
		}
		matrix[m - 1][0] = (1 - 2 * Math.pow(h, m) + Math.pow(Math.max(0, 2 * h - 1), m)) * inverseFactorial[m];
		return matrix;
	}

	private static double[][] identity(int m) {
		double[][] identity = new double[m][m];
		for (int i = 0; i < m; i++) {
			identity[i][i] = 1;
		}
		return identity;
	}

	private static double[][] multiply(double[][] a, double[][] b) {
		int m = a.length;
		double[][] product = new double[m][m];
		for (int i = 0; i < m; i++) {
			for (int l = 0; l < m; l++) {
				double left = a[i][l];
				if (left == 0) {
					continue;
				}
				for (int j = 0; j < m; j++) {
					product[i][j] += left * b[l][j];
				}
			}
		}
		return product;
	}

	private static void scale(double[][] matrix) {
		for (double[] row : matrix) {
			for (int j = 0; j < row.length; j++) {
				row[j] /= SCALE;
			}
		}
	}

}
