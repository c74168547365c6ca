package io.ratchet.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompensatedSumTests {

	@Test
	void keepsSmallTermsNextToALargeOne() {
		// given: 1e16 + 10,000 ones - 1e16; a plain double sum loses every one (1e16 + 1
		// == 1e16)
		CompensatedSum sum = new CompensatedSum();
		double naive = 1e16;
		sum.add(1e16);
		// when
		for (int i = 0; i < 10_000; i++) {
			sum.add(1.0);
			naive += 1.0;
		}
		sum.add(-1e16);
		naive -= 1e16;
		// then
		assertThat(naive).isZero();
		assertThat(sum.value()).isEqualTo(10_000.0);
	}

	@Test
	void mergedSumsKeepTheirCompensation() {
		// given: two partial sums, each with rounding error held in its compensation
		CompensatedSum left = new CompensatedSum();
		CompensatedSum right = new CompensatedSum();
		left.add(1e16);
		right.add(-1e16);
		for (int i = 0; i < 1000; i++) {
			left.add(0.5);
			right.add(0.25);
		}
		// when
		left.add(right);
		// then: 1000 * 0.5 + 1000 * 0.25
		assertThat(left.value()).isEqualTo(750.0);
	}

}
