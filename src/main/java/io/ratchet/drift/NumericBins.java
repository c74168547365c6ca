package io.ratchet.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Buckets for a numeric value, cut at the reference's quantiles: with {@code n} sorted
 * reference values and {@code bins} wanted, cut {@code k} (for {@code k = 1 … bins−1}) is
 * the value at position {@code ceil(k · n / bins) − 1} (the lower empirical quantile).
 * Buckets are right-closed, {@code (cut[k−1], cut[k]]}, the first open below and the last
 * open above. Repeated cuts (a value taking up more than a bucket's share, ties) are kept
 * once, so a column with few distinct values gets fewer buckets rather than empty ones.
 * Missing values have a bucket of their own, the last.
 */
public final class NumericBins {

	private final double[] cuts;

	private NumericBins(double[] cuts) {
		this.cuts = cuts;
	}

	/**
	 * Cuts at the quantiles of a reference sample.
	 * @param reference the reference's non-missing values (any order; not changed)
	 * @param bins the number of buckets wanted (at least 1)
	 */
	public static NumericBins fromReference(double[] reference, int bins) {
		if (bins < 1) {
			throw new IllegalArgumentException("bins must be at least 1, not " + bins);
		}
		double[] sorted = reference.clone();
		Arrays.sort(sorted);
		List<Double> cuts = new ArrayList<>();
		int n = sorted.length;
		for (int k = 1; k < bins && n > 0; k++) {
			int position = (int) Math.ceil((double) k * n / bins) - 1;
			double cut = sorted[Math.max(0, position)];
			if (cuts.isEmpty() || cut > cuts.get(cuts.size() - 1)) {
				cuts.add(cut);
			}
		}
		// A cut at the largest value would leave the last bucket for values never seen in
		// the reference only.
		if (!cuts.isEmpty() && cuts.get(cuts.size() - 1) >= sorted[n - 1]) {
			cuts.remove(cuts.size() - 1);
		}
		return new NumericBins(cuts.stream().mapToDouble(Double::doubleValue).toArray());
	}

	/** The cut points, ascending. */
	public double[] cuts() {
		return this.cuts.clone();
	}

	/** Buckets in all: the value buckets and the missing bucket. */
	public int size() {
		return this.cuts.length + 2;
	}

	/** The bucket of a value; {@link Double#NaN} (missing) goes to the last bucket. */
	public int bucket(double value) {
		if (Double.isNaN(value)) {
			return this.cuts.length + 1;
		}
		int position = Arrays.binarySearch(this.cuts, value);
		// found: value equals a cut, which closes its bucket on the right; absent:
		// insertion point
		return (position >= 0) ? position : -position - 1;
	}

	/**
	 * Weights per bucket of a sample: each sampled value counts
	 * {@code (count − missing) / values.length} (1 when the sample holds every value),
	 * and the missing bucket counts {@code missing}.
	 */
	public double[] weights(NumericSample sample) {
		double[] weights = new double[size()];
		double[] values = sample.values();
		double each = (values.length == 0) ? 0 : (double) (sample.count() - sample.missing()) / values.length;
		for (double value : values) {
			weights[bucket(value)] += each;
		}
		weights[size() - 1] = sample.missing();
		return weights;
	}

}
