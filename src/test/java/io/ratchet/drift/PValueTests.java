package io.ratchet.drift;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The drift p-values against closed forms and published table values (the SciPy
 * comparison is {@link PValueReferenceTests}).
 */
class PValueTests {

	private static double[] range(int from, int count) {
		double[] values = new double[count];
		for (int i = 0; i < count; i++) {
			values[i] = from + i;
		}
		return values;
	}

	@Test
	void completelySeparatedEqualSamplesHaveTheSmallestExactPValue() {
		// given: 1..10 against 11..20, D = 1; only 2 of C(20, 10) = 184756 orders are
		// that
		// extreme
		double[] low = range(1, 10);
		double[] high = range(11, 10);

		// when
		KolmogorovSmirnov.Test test = KolmogorovSmirnov.test(low, high);

		// then
		assertThat(test.statistic()).isEqualTo(1.0);
		assertThat(test.method()).isEqualTo(KolmogorovSmirnov.Method.EXACT);
		assertThat(test.pValue()).isCloseTo(2.0 / 184756, within(1e-18));
	}

	@Test
	void unequalSizesCountLatticePaths() {
		// given: {1, 2} against {3, 4, 5}: D = 1, and 2 of the C(5, 2) = 10 orders reach
		// it
		// (all of one sample first)

		// when
		KolmogorovSmirnov.Test test = KolmogorovSmirnov.test(new double[] { 1, 2 }, new double[] { 3, 4, 5 });

		// then
		assertThat(test.pValue()).isCloseTo(0.2, within(1e-15));
		assertThat(SmirnovExact.sf(2, 3, 0)).isEqualTo(1.0);
	}

	@Test
	void identicalSamplesHavePValueOneAndEmptySamplesNoTest() {
		// when / then
		assertThat(KolmogorovSmirnov.test(range(1, 50), range(1, 50)).pValue()).isEqualTo(1.0);
		assertThat(KolmogorovSmirnov.test(new double[0], range(1, 5))).isNull();
	}

	@Test
	void aSampleAboveTheExactLimitIsAsymptotic() {
		// given
		double[] big = range(0, KolmogorovSmirnov.MAX_EXACT + 1);

		// when
		KolmogorovSmirnov.Test test = KolmogorovSmirnov.test(big, range(0, 100));

		// then
		assertThat(test.method()).isEqualTo(KolmogorovSmirnov.Method.ASYMPTOTIC);
		assertThat(test.pValue()).isBetween(0.0, 1.0);
	}

	@Test
	void tiesMakeThePValueConservative() {
		// given: two samples of the levels 0..4, equal counts; with ties the statistic is
		// only measured where a run of equal values ends, so it is 0 and the p-value 1
		double[] first = new double[100];
		double[] second = new double[60];
		for (int i = 0; i < first.length; i++) {
			first[i] = i % 5;
		}
		for (int i = 0; i < second.length; i++) {
			second[i] = i % 5;
		}

		// when
		KolmogorovSmirnov.Test test = KolmogorovSmirnov.test(first, second);

		// then
		assertThat(test.statistic()).isZero();
		assertThat(test.pValue()).isEqualTo(1.0);
	}

	@Test
	void kolmogorovDistributionMeetsItsClosedFormsAndTables() {
		// Ruben–Gambino: P(D_n < x) = n!/n^n (2nx − 1)^n for 1/(2n) ≤ x ≤ 1/n
		assertThat(KolmogorovDistribution.sf(3, 0.3)).isCloseTo(1 - 6.0 / 27 * Math.pow(0.8, 3), within(1e-15));
		// and P(D_n ≥ x) = 2(1 − x)^n for x ≥ 1 − 1/n
		assertThat(KolmogorovDistribution.sf(4, 0.8)).isCloseTo(2 * Math.pow(0.2, 4), within(1e-15));
		// n = 1: D_1 = max(U, 1 − U) is uniform on [1/2, 1]
		assertThat(KolmogorovDistribution.sf(1, 0.7)).isCloseTo(0.6, within(1e-15));
		// Miller's table (1956) of two-sided 5% critical values: n = 10 → 0.40925,
		// n = 20 → 0.29408
		assertThat(KolmogorovDistribution.sf(10, 0.40925)).isCloseTo(0.05, within(2e-5));
		assertThat(KolmogorovDistribution.sf(20, 0.29408)).isCloseTo(0.05, within(2e-5));
		// large n tends to Kolmogorov's limit: P(√n D_n ≥ 1.3581) → 0.05
		assertThat(KolmogorovDistribution.sf(1_000_000, 1.3581 / 1000)).isCloseTo(0.05, within(5e-4));
		assertThat(KolmogorovDistribution.sf(10, 0)).isEqualTo(1.0);
		assertThat(KolmogorovDistribution.sf(10, 1)).isZero();
	}

	@Test
	void chiSquaredOfTwoByTwoIsTheSquareOfTheNormalTest() {
		// given: 30/70 against 50/50; χ² with 1 dof equals z² of the pooled
		// two-proportion
		// test, p = erfc(|z|/√2)
		double p = 80.0 / 200;
		double z = (0.5 - 0.3) / Math.sqrt(p * (1 - p) * (1.0 / 100 + 1.0 / 100));

		// when
		ChiSquared.Test test = ChiSquared.test(new double[] { 30, 70 }, new double[] { 50, 50 });

		// then: P(|Z| ≥ 2.88675) = 0.0038924
		assertThat(test.statistic()).isCloseTo(z * z, within(1e-12));
		assertThat(test.degreesOfFreedom()).isEqualTo(1);
		assertThat(test.pValue()).isCloseTo(0.0038924, within(1e-7));
	}

	@Test
	void sparseLevelsArePooledAndEmptyOnesDropped() {
		// given: levels a, b plenty; c and d rare (expected counts below 5); e empty
		double[] reference = { 100, 100, 2, 1, 0 };
		double[] window = { 100, 80, 3, 5, 0 };

		// when
		List<double[]> columns = ChiSquared.pooled(reference, window);

		// then: a, b, and c + d pooled (11 rows in all, expected ≥ 5 on both sides)
		assertThat(columns).hasSize(3);
		assertThat(columns.get(2)).containsExactly(3, 8);
		assertThat(ChiSquared.test(reference, window).degreesOfFreedom()).isEqualTo(2);
	}

	@Test
	void aStillSparsePoolJoinsTheSmallestColumn() {
		// given: one rare level, too rare even alone
		double[] reference = { 100, 50, 1 };
		double[] window = { 100, 60, 0 };

		// when
		List<double[]> columns = ChiSquared.pooled(reference, window);

		// then
		assertThat(columns).hasSize(2);
		assertThat(columns.get(1)).containsExactly(51, 60);
	}

	@Test
	void nothingToTestGivesNaN() {
		// when / then: a single level, or an empty window
		assertThat(ChiSquared.test(new double[] { 10, 0 }, new double[] { 7, 0 }).pValue()).isNaN();
		assertThat(ChiSquared.test(new double[] { 10, 20 }, new double[] { 0, 0 }).pValue()).isNaN();
	}

}
