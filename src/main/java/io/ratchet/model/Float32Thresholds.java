package io.ratchet.model;

/**
 * Exact double thresholds for comparisons that a library makes after casting its input to
 * float32. Rounding a double to the nearest float is monotonic, so {@code {x : (float) x
 * < t}} is a down-set of the doubles: there is one double {@code d} with {@code x < d}
 * exactly when {@code (float) x < t}, for every double {@code x} (infinities included;
 * NaN is routed separately). A scorer that compares the double input with {@code d}
 * therefore routes every row as the library does, without casting anything per row.
 */
public final class Float32Thresholds {

	private Float32Thresholds() {
	}

	/**
	 * The double {@code d} such that {@code x < d} exactly when {@code (float) x < t}:
	 * XGBoost's {@code x < t} on float32 inputs. {@code t} must not be NaN.
	 */
	public static double below(float t) {
		if (Float.isNaN(t)) {
			throw new IllegalArgumentException("a threshold must not be NaN");
		}
		if (t == Float.NEGATIVE_INFINITY) {
			return Double.NEGATIVE_INFINITY; // nothing is below -inf
		}
		float previous = Math.nextDown(t);
		// every double strictly between previous and t rounds to one of them: the
		// midpoint decides, exact in double
		double midpoint = (previous == Float.NEGATIVE_INFINITY) ? (double) t - Math.ulp(t) / 2.0
				: (double) previous + Math.ulp(previous) / 2.0;
		// the midpoint itself rounds to the even one of the two
		return ((float) midpoint < t) ? Math.nextUp(midpoint) : midpoint;
	}

	/**
	 * The double {@code d} such that {@code x < d} exactly when {@code (float) x <= t}:
	 * scikit-learn's {@code float32(x) <= threshold} with a float64 threshold. {@code t}
	 * must not be NaN.
	 */
	public static double atMost(double t) {
		if (Double.isNaN(t)) {
			throw new IllegalArgumentException("a threshold must not be NaN");
		}
		float largest = (float) t;
		if (largest > t) {
			largest = Math.nextDown(largest);
		}
		// (float) x <= t exactly when (float) x <= largest, the largest float not above t
		return below(Math.nextUp(largest));
	}

}
