package io.ratchet.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a window with a reference, column by column.
 * <ul>
 * <li>Numeric: buckets cut at the reference's quantiles ({@link NumericBins}, 10 by
 * default) plus a missing bucket; PSI over those buckets; KS statistic and p-value over
 * the non-missing values ({@link KolmogorovSmirnov}).</li>
 * <li>Categorical: one bucket per level seen in the reference (in level order), one
 * "other" bucket for levels the reference never had, and a missing bucket; PSI over
 * those. The p-value is Pearson's chi-squared test ({@link ChiSquared}) over every level
 * seen on either side (each unseen level a column of its own) and missing values as one
 * more level.</li>
 * </ul>
 */
public final class Drift {

	/** The default number of quantile buckets of a numeric column (deciles). */
	public static final int DEFAULT_BINS = 10;

	private Drift() {
	}

	/** The drift of a numeric column or of a score. */
	public static DriftResult numeric(String subject, NumericSample reference, NumericSample window, int bins) {
		double[] referenceValues = reference.values();
		NumericBins cuts = NumericBins.fromReference(referenceValues, bins);
		double psi = Psi.of(cuts.weights(reference), cuts.weights(window));
		KolmogorovSmirnov.Test ks = KolmogorovSmirnov.test(referenceValues, window.values());
		return new DriftResult(subject, psi, (ks != null) ? ks.statistic() : Double.NaN,
				(ks != null) ? ks.pValue() : Double.NaN, window.missingRate(), reference.missingRate(),
				reference.count(), window.count(), reference.exact() && window.exact());
	}

	/** The drift of a categorical column. */
	public static DriftResult categorical(String subject, LevelCounts reference, LevelCounts window) {
		List<String> levels = new ArrayList<>(reference.levels().keySet());
		double[] expected = new double[levels.size() + 2];
		double[] actual = new double[levels.size() + 2];
		int other = levels.size();
		int missing = levels.size() + 1;
		for (int i = 0; i < levels.size(); i++) {
			expected[i] = reference.levels().get(levels.get(i));
		}
		expected[missing] = reference.missing();
		for (Map.Entry<String, Long> level : window.levels().entrySet()) {
			int index = levels.indexOf(level.getKey());
			actual[(index >= 0) ? index : other] += level.getValue();
		}
		actual[missing] = window.missing();
		return new DriftResult(subject, Psi.of(expected, actual), Double.NaN, chiSquared(reference, window).pValue(),
				window.missingRate(), reference.missingRate(), reference.count(), window.count(), true);
	}

	/** Pearson's test over every level of either side, missing values as one more. */
	static ChiSquared.Test chiSquared(LevelCounts reference, LevelCounts window) {
		Set<String> levels = new TreeSet<>(reference.levels().keySet());
		levels.addAll(window.levels().keySet());
		double[] referenceCounts = new double[levels.size() + 1];
		double[] windowCounts = new double[levels.size() + 1];
		int i = 0;
		for (String level : levels) {
			referenceCounts[i] = reference.levels().getOrDefault(level, 0L);
			windowCounts[i] = window.levels().getOrDefault(level, 0L);
			i++;
		}
		referenceCounts[i] = reference.missing();
		windowCounts[i] = window.missing();
		return ChiSquared.test(referenceCounts, windowCounts);
	}

}
