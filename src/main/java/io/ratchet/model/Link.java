package io.ratchet.model;

import java.util.Arrays;
import java.util.Locale;

/** How a model turns its raw sum {@code z} into a prediction. */
public enum Link {

	/** The prediction is {@code z} itself (regression). */
	IDENTITY,

	/** The prediction is {@code 1 / (1 + exp(-z))}, a probability (binary). */
	LOGISTIC;

	/**
	 * Applies the link. The logistic form never evaluates {@code exp} of a positive
	 * argument, so it stays exact and free of overflow for any finite {@code z} (it gives
	 * exactly 0 or 1 only once the true value rounds there).
	 */
	public double apply(double z) {
		if (this == IDENTITY) {
			return z;
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
		float e = GlibcExpf.expf(Math.min(-z, 88.7f));
		return 1.0f / (e + 1.0f);
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
		throw new IllegalArgumentException("unknown link \"" + key + "\" (expected "
				+ String.join(" or ", Arrays.stream(values()).map(Link::key).toList()) + ")");
	}

}
