package io.ratchet.training;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * Solves {@code A x = b} for a symmetric positive definite {@code A} with the Cholesky
 * decomposition of Apache Commons Math. The systems of this package are positive definite
 * by construction (a positive penalty on every weight, and an intercept column of ones),
 * so a failure means the data are numerically degenerate.
 */
final class Solve {

	private Solve() {
	}

	/**
	 * {@code a} is read from its lower triangle and mirrored; neither argument is
	 * changed.
	 */
	static double[] cholesky(double[][] a, double[] b) {
		int p = b.length;
		double[][] full = new double[p][p];
		for (int i = 0; i < p; i++) {
			for (int j = 0; j <= i; j++) {
				full[i][j] = a[i][j];
				full[j][i] = a[i][j];
			}
		}
		try {
			CholeskyDecomposition decomposition = new CholeskyDecomposition(new Array2DRowRealMatrix(full, false),
					1e-15, 1e-300);
			return decomposition.getSolver().solve(new ArrayRealVector(b, false)).toArray();
		}
		catch (NonPositiveDefiniteMatrixException ex) {
			throw new TrainingException("the training system is not positive definite (numerically degenerate data: "
					+ ex.getMessage() + ")", ex);
		}
	}

}
