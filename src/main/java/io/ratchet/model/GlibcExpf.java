package io.ratchet.model;

/**
 * {@code expf} as the GNU C library computes it (since glibc 2.27, the x86-64 FMA
 * variant), so that a float32 logistic link gives the bits XGBoost gives on Linux:
 * glibc's {@code expf} is accurate to 0.502 ulp but not correctly rounded, and a
 * correctly rounded exponential ({@code (float) Math.exp(x)}) differs from it on about
 * one row in a thousand by one ulp of the probability.
 * <p>
 * The method: {@code x·32/ln 2 = k + r} with {@code k} the nearest integer (ties to even)
 * and {@code |r| <= 1/2}; {@code exp(x) = 2^(k/32) · 2^(r/32)}, the first factor from a
 * table of the 32 doubles {@code 2^(i/32)} with {@code k / 32} added to the exponent
 * bits, the second a cubic polynomial in {@code r}; all in double (the polynomial with
 * fused multiply-adds), rounded once to float at the end. The table and the coefficients
 * are glibc's published constants ({@code __exp2f_data}).
 */
final class GlibcExpf {

	private static final int BITS = 5;

	private static final int N = 1 << BITS;

	/** {@code tab[i] = bits(2^(i/32)) - (i << 47)}. */
	private static final long[] TABLE = { 0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL,
			0x3fef9301d0125b51L, 0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
			0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL, 0x3feebfdad5362a27L,
			0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L, 0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L,
			0x3feea11473eb0187L, 0x3feea589994cce13L, 0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L,
			0x3feed503b23e255dL, 0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
			0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L };

	/** {@code 32 / ln 2}. */
	private static final double INV_LN2_N = 0x1.71547652b82fep+0 * N;

	/** The polynomial {@code C0 r³ + C1 r² + C2 r + 1} for {@code 2^(r/32)}. */
	private static final double C0 = 0x1.c6af84b912394p-5 / N / N / N;

	private static final double C1 = 0x1.ebfce50fac4f3p-3 / N / N;

	private static final double C2 = 0x1.62e42ff0c52d6p-1 / N;

	/** Above {@code log(2^128)} the result overflows. */
	private static final float OVERFLOW = 0x1.62e42ep6f;

	/** Below {@code log(2^-150)} the result underflows to 0. */
	private static final float UNDERFLOW = -0x1.9fe368p6f;

	private GlibcExpf() {
	}

	static float expf(float x) {
		if (Float.isNaN(x)) {
			return x;
		}
		if (x > OVERFLOW) {
			return Float.POSITIVE_INFINITY;
		}
		if (x < UNDERFLOW) {
			return 0.0f;
		}
		double z = INV_LN2_N * x;
		double kd = Math.rint(z);
		long k = (long) kd;
		double r = z - kd;
		double scale = Double.longBitsToDouble(TABLE[(int) (k & (N - 1))] + (k << (52 - BITS)));
		double y = Math.fma(Math.fma(C0, r, C1), r * r, Math.fma(C2, r, 1.0));
		return (float) (y * scale);
	}

}
