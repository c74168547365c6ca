package io.ratchet.drift;

/**
 * Population stability index of two distributions over the same buckets:
 * {@code Σ (a − e) · ln(a / e)}, where {@code e} is a bucket's share in the reference and
 * {@code a} its share in the window.
 *
 * <p>
 * An empty bucket would make the logarithm infinite, so a share of zero is replaced by
 * {@link #EPSILON} (0.0001, a common choice) on that side only; other shares are left as
 * they are (not renormalised). With that floor a bucket that holds 10% of the window but
 * is empty in the reference adds about {@code 0.1 · ln(1000) ≈ 0.69}.
 */
public final class Psi {

	/** The share used for an empty bucket. */
	public static final double EPSILON = 1e-4;

	private Psi() {
	}

	/**
	 * The index of two vectors of counts or weights (same length, same bucket order).
	 * @param reference counts per bucket in the reference
	 * @param window counts per bucket in the window
	 * @return the index, or {@link Double#NaN} when either side has no rows
	 */
	public static double of(double[] reference, double[] window) {
		if (reference.length != window.length) {
			throw new IllegalArgumentException(
					"bucket counts differ: " + reference.length + " reference, " + window.length + " window");
		}
		double referenceTotal = sum(reference);
		double windowTotal = sum(window);
		if (referenceTotal == 0 || windowTotal == 0) {
			return Double.NaN;
		}
		double psi = 0;
		for (int i = 0; i < reference.length; i++) {
			double e = share(reference[i], referenceTotal);
			double a = share(window[i], windowTotal);
			psi += (a - e) * Math.log(a / e);
		}
		return psi;
	}

	private static double share(double count, double total) {
		return (count == 0) ? EPSILON : count / total;
	}

	private static double sum(double[] counts) {
		double total = 0;
		for (double count : counts) {
			total += count;
		}
		return total;
	}

}
