package io.ratchet.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * glibc's {@code expf}: its table holds 2^(i/32), it is accurate to 0.502 ulp over the
 * range a logistic link uses, and its special cases. (That it gives XGBoost's bits is
 * shown on the model zoo's golden rows.)
 */
class GlibcExpfTests {

	@Test
	void theTableScalesAreThePowersOfTwo() {
		for (int i = 0; i < 32; i++) {
			// when: exp of i ln2 / 32 is 2^(i/32) itself
			float x = (float) (i * Math.log(2) / 32);
			double got = GlibcExpf.expf(x);
			// then
			assertThat(Math.abs(got - Math.exp(x)) / Math.ulp((float) Math.exp(x))).as("i=%d", i)
				.isLessThanOrEqualTo(0.502);
		}
	}

	@Test
	void isWithinHalfAnUlpAndABitOfTheExactValue() {
		// given
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 200_000; i++) {
			// up to 88.7, where XGBoost clamps
			float x = (float) (random.nextDouble() * 191.7 - 103);
			// when
			float got = GlibcExpf.expf(x);
			// then: measured against exp computed in double (error far below a float ulp)
			double exact = Math.exp(x);
			double ulp = Math.ulp((float) exact);
			assertThat(Math.abs(got - exact) / ulp).as("x=%s", x).isLessThanOrEqualTo(0.503);
		}
	}

	@Test
	void specialValues() {
		assertThat(GlibcExpf.expf(0f)).isEqualTo(1f);
		assertThat(GlibcExpf.expf(-200f)).isEqualTo(0f);
		assertThat(GlibcExpf.expf(100f)).isEqualTo(Float.POSITIVE_INFINITY);
		assertThat(GlibcExpf.expf(Float.NaN)).isNaN();
		assertThat(new BigDecimal(GlibcExpf.expf(1f)).round(new MathContext(7)))
			.isEqualByComparingTo(new BigDecimal("2.718282"));
	}

}
