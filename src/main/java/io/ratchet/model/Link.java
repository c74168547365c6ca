package io.ratchet.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a model turns its raw sum {@code z} into a prediction. */
public enum Link {

	/** The prediction is {@code z} itself (regression). */
	IDENTITY,

	/** The prediction is {@code 1 / (1 + exp(-z))}, a probability (binary). */
	LOGISTIC,

	/**
	 * One sum per class, the probabilities {@code exp(z_c) / sum exp(z_j)} (multiclass,
	 * {@link #softmax}); {@link #apply} of a single sum is refused.
	 */
	SOFTMAX;

	/**
	 * Applies the link. The logistic form never evaluates {@code exp} of a positive
	 * argument, so it stays exact and free of overflow for any finite {@code z} (it gives
	 * exactly 0 or 1 only once the true value rounds there).
	 */
	public double apply(double z) {
		if (this == IDENTITY) {
			return z;
		}
		if (this == SOFTMAX) {
			throw new IllegalStateException("softmax turns one sum per class into probabilities: use softmax(z)");
		}
		if (z >= 0) {
			return 1.0 / (1.0 + Math.exp(-z));
		}
		double e = Math.exp(z);
		return e / (1.0 + e);
	}

	/**
	 * Applies the link in float32 as XGBoost does ({@code common::Sigmoid}):
	 * {@code 1 / (1 + expf(min(-z, 88.7)))} with every operation rounded to float32 (its
	 * tiny epsilon added to a denominator of at least 1 changes nothing) and {@code expf}
	 * computed as glibc computes it ({@link GlibcExpf}).
	 */
	public double applyFloat32(float z) {
		if (this == IDENTITY) {
			return z;
		}
		if (this == SOFTMAX) {
			throw new IllegalStateException("softmax turns one sum per class into probabilities: use softmax(z)");
		}
		float e = GlibcExpf.expf(Math.min(-z, 88.7f));
		return 1.0f / (e + 1.0f);
	}

	/**
	 * Turns the sums of each class into probabilities, in place: the largest sum is
	 * subtracted before {@code exp}, so no finite sum overflows.
	 */
	public static void softmax(double[] z) {
		softmax(z, 0, z.length);
	}

	/**
	 * As {@link #softmax(double[])} on the {@code k} sums {@code z[from..from + k)}: one
	 * row of a block laid out row by row.
	 */
	public static void softmax(double[] z, int from, int k) {
		int to = from + k;
		double max = Double.NEGATIVE_INFINITY;
		for (int c = from; c < to; c++) {
			max = Math.max(max, z[c]);
		}
		double sum = 0;
		for (int c = from; c < to; c++) {
			z[c] = Math.exp(z[c] - max);
			sum += z[c];
		}
		for (int c = from; c < to; c++) {
			z[c] /= sum;
		}
	}

	/** The lower-case name used in model files. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The link with that key (exact, lower case), or throws listing the known keys. */
	public static Link fromKey(String key) {
		for (Link link : values()) {
			if (link.key().equals(key)) {
				return link;
			}
		}
		List<String> keys = Arrays.stream(values()).map(Link::key).toList();
		throw new IllegalArgumentException("unknown link \"" + key + "\" (expected "
				+ String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1) + ")");
	}

}
