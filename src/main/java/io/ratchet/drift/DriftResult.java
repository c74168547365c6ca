package io.ratchet.drift;

/**
 * The drift of one column (or of a model's score) from a reference to a window.
 *
 * @param subject the feature's name, or {@code score:<model>} for a model's score
 * @param psi the population stability index ({@link Psi}); {@link Double#NaN} when a side
 * has no rows
 * @param ks the two-sample Kolmogorov–Smirnov statistic of the non-missing values;
 * {@link Double#NaN} for a categorical column or an empty side
 * @param pValue the p-value of a change in distribution: the two-sample KS test's for a
 * numeric column or a score ({@link KolmogorovSmirnov}), Pearson's chi-squared test's for
 * a categorical column ({@link ChiSquared}); {@link Double#NaN} when there is nothing to
 * test
 * @param missingRate the window's share of missing values
 * @param referenceMissingRate the reference's share of missing values
 * @param referenceRows rows in the reference
 * @param windowRows rows in the window
 * @param exact whether every value was kept (false: the numeric statistics come from a
 * reservoir sample)
 */
public record DriftResult(String subject, double psi, double ks, double pValue, double missingRate,
		double referenceMissingRate, long referenceRows, long windowRows, boolean exact) {

	/**
	 * How much the missing share grew from the reference to the window (negative when it
	 * fell).
	 */
	public double missingRateChange() {
		return this.missingRate - this.referenceMissingRate;
	}

}
