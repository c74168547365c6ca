package io.ratchet.drift;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's chi-squared test of homogeneity on a 2 × k table: the counts of each level in
 * a reference and in a window. The statistic is {@code Σ (O − E)² / E} over both rows,
 * with {@code E = row total · column total / grand total}, and {@code k − 1} degrees of
 * freedom; no continuity correction, also with one degree of freedom (SciPy's
 * {@code chi2_contingency(table, correction=False)}). The p-value is the chi-squared
 * survival function, the regularised upper incomplete gamma function
 * {@code Q(dof/2, χ²/2)} of Commons Math (already a dependency; accurate far into the
 * tail, where {@code 1 − cdf} would round to 0).
 *
 * <p>
 * Levels the reference never had are ordinary columns (their reference count is 0; their
 * expected counts are not, because the column total includes the window). Sparse cells
 * make the chi-squared approximation unreliable, so before the test every column whose
 * expected count is below {@value #MIN_EXPECTED} in either row is pooled into one "rare
 * levels" column (Cochran's rule); if that pool is itself still sparse it is merged into
 * the smallest other column. Empty columns are dropped. With fewer than two columns left
 * there is nothing to test and the p-value is {@link Double#NaN}.
 */
public final class ChiSquared {

	/** The smallest expected count a column keeps on its own. */
	public static final double MIN_EXPECTED = 5;

	private ChiSquared() {
	}

	/**
	 * The test of two rows of counts over the same columns (same length, same order).
	 * @return the test; statistic and p-value {@link Double#NaN} when either row is empty
	 * or fewer than two columns are left after pooling
	 */
	public static Test test(double[] reference, double[] window) {
		if (reference.length != window.length) {
			throw new IllegalArgumentException(
					"column counts differ: " + reference.length + " reference, " + window.length + " window");
		}
		List<double[]> columns = pooled(reference, window);
		double referenceTotal = 0;
		double windowTotal = 0;
		for (double[] column : columns) {
			referenceTotal += column[0];
			windowTotal += column[1];
		}
		if (columns.size() < 2 || referenceTotal == 0 || windowTotal == 0) {
			return new Test(Double.NaN, Double.NaN, columns.size() - 1);
		}
		double total = referenceTotal + windowTotal;
		double statistic = 0;
		for (double[] column : columns) {
			double columnTotal = column[0] + column[1];
			statistic += term(column[0], referenceTotal * columnTotal / total);
			statistic += term(column[1], windowTotal * columnTotal / total);
		}
		int dof = columns.size() - 1;
		return new Test(statistic, Gamma.regularizedGammaQ(dof / 2.0, statistic / 2), dof);
	}

	/**
	 * The columns after pooling: {@code {reference count, window count}} each, empty ones
	 * left out, sparse ones pooled.
	 */
	static List<double[]> pooled(double[] reference, double[] window) {
		double referenceTotal = 0;
		double windowTotal = 0;
		for (int i = 0; i < reference.length; i++) {
			referenceTotal += reference[i];
			windowTotal += window[i];
		}
		double total = referenceTotal + windowTotal;
		List<double[]> columns = new ArrayList<>();
		double[] rare = new double[2];
		for (int i = 0; i < reference.length; i++) {
			double columnTotal = reference[i] + window[i];
			if (columnTotal == 0) {
				continue;
			}
			if (sparse(columnTotal, referenceTotal, windowTotal, total)) {
				rare[0] += reference[i];
				rare[1] += window[i];
			}
			else {
				columns.add(new double[] { reference[i], window[i] });
			}
		}
		if (rare[0] + rare[1] > 0) {
			if (sparse(rare[0] + rare[1], referenceTotal, windowTotal, total) && !columns.isEmpty()) {
				double[] smallest = columns.get(0);
				for (double[] column : columns) {
					if (column[0] + column[1] < smallest[0] + smallest[1]) {
						smallest = column;
					}
				}
				smallest[0] += rare[0];
				smallest[1] += rare[1];
			}
			else {
				columns.add(rare);
			}
		}
		return columns;
	}

	private static boolean sparse(double columnTotal, double referenceTotal, double windowTotal, double total) {
		return Math.min(referenceTotal, windowTotal) * columnTotal / total < MIN_EXPECTED;
	}

	private static double term(double observed, double expected) {
		double difference = observed - expected;
		return difference * difference / expected;
	}

	/**
	 * A chi-squared test.
	 *
	 * @param statistic Pearson's statistic
	 * @param pValue the probability of a statistic at least this large when both rows
	 * come from one distribution
	 * @param degreesOfFreedom columns after pooling, minus one
	 */
	public record Test(double statistic, double pValue, int degreesOfFreedom) {
	}

}
