package io.ratchet.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Drift statistics against values worked out by hand and against SciPy/NumPy. The SciPy
 * figures were computed once (SciPy 1.17, NumPy) on the same generated samples:
 *
 * <pre>
 * ref = [(i*7919 % 1000)/10.0 for i in range(500)]; win = [(i*104729 % 1000)/8.0 + 5 for i in range(300)]
 * scipy.stats.ks_2samp(ref, win).statistic                                  # 0.242
 * cuts = unique(quantile(ref, [k/10 for k in 1..9], method='inverted_cdf'))  # last cut dropped if it is max(ref)
 * e, a = bincount(searchsorted(cuts, ref|win, side='left')) / n; zero shares -> 1e-4
 * sum((a - e) * log(a / e))                                                 # 0.34782665756404896
 * </pre>
 */
class DriftTests {

	static double[] reference() {
		double[] values = new double[500];
		for (int i = 0; i < values.length; i++) {
			values[i] = (i * 7919 % 1000) / 10.0;
		}
		return values;
	}

	static double[] window() {
		double[] values = new double[300];
		for (int i = 0; i < values.length; i++) {
			values[i] = (i * 104729 % 1000) / 8.0 + 5;
		}
		return values;
	}

	static NumericSample sample(double... values) {
		NumericSample sample = new NumericSample();
		for (double value : values) {
			sample.add(value);
		}
		return sample;
	}

	@Test
	void psiOfTwoBucketsIsTheTextbookSum() {
		// given: 50/50 in the reference, 90/10 in the window
		double expected = (0.9 - 0.5) * Math.log(0.9 / 0.5) + (0.1 - 0.5) * Math.log(0.1 / 0.5);

		// when
		double psi = Psi.of(new double[] { 50, 50 }, new double[] { 90, 10 });

		// then
		assertThat(psi).isCloseTo(0.8788898, within(1e-7)).isCloseTo(expected, within(1e-15));
		assertThat(Psi.of(new double[] { 3, 7 }, new double[] { 30, 70 })).isCloseTo(0, within(1e-15));
	}

	@Test
	void anEmptyBucketCountsAsEpsilonNotInfinity() {
		// when: the window has a bucket the reference never had
		double psi = Psi.of(new double[] { 10, 0 }, new double[] { 9, 1 });

		// then
		double expected = (0.9 - 1.0) * Math.log(0.9) + (0.1 - Psi.EPSILON) * Math.log(0.1 / Psi.EPSILON);
		assertThat(psi).isCloseTo(expected, within(1e-12));
		assertThat(Psi.of(new double[] { 0, 0 }, new double[] { 1, 1 })).isNaN();
	}

	@Test
	void ksMatchesScipy() {
		assertThat(KolmogorovSmirnov.statistic(reference(), window())).isCloseTo(0.242, within(1e-12));
		assertThat(KolmogorovSmirnov.statistic(reference(), reference())).isZero();
	}

	@Test
	void ksStepsOverTiesTogether() {
		// given: values 0,1,2 (thirds) against 0,1,2,3 (quarters); SciPy's ks_2samp gives
		// 0.25
		double[] first = new double[90];
		double[] second = new double[40];
		for (int i = 0; i < first.length; i++) {
			first[i] = i % 3;
		}
		for (int i = 0; i < second.length; i++) {
			second[i] = i % 4;
		}

		// then: |F1 - F2| at 2 is 1 - 0.75 = 0.25 (hand) and never measured inside a run
		// of ties
		assertThat(KolmogorovSmirnov.statistic(first, second)).isCloseTo(0.25, within(1e-15));
		assertThat(KolmogorovSmirnov.statistic(new double[] { 1, 1, 1 }, new double[] { 1 })).isZero();
		assertThat(KolmogorovSmirnov.statistic(new double[0], new double[] { 1 })).isNaN();
	}

	@Test
	void decileCutsMatchNumpyInvertedCdfQuantiles() {
		// when
		NumericBins bins = NumericBins.fromReference(reference(), 10);

		// then
		assertThat(bins.cuts()).containsExactly(9.6, 19.8, 30.1, 40.1, 50.1, 60.1, 70.3, 79.7, 89.9);
		assertThat(bins.bucket(9.6)).isZero();
		assertThat(bins.bucket(9.61)).isEqualTo(1);
		assertThat(bins.bucket(1e9)).isEqualTo(9);
		assertThat(bins.bucket(Double.NaN)).isEqualTo(10);
	}

	@Test
	void numericPsiMatchesNumpy() {
		// when
		DriftResult result = Drift.numeric("x", sample(reference()), sample(window()), 10);

		// then
		assertThat(result.psi()).isCloseTo(0.34782665756404896, within(1e-12));
		assertThat(result.ks()).isCloseTo(0.242, within(1e-12));
		assertThat(result.exact()).isTrue();
		assertThat(result.missingRate()).isZero();
	}

	@Test
	void repeatedCutsAreKeptOnceSoTiedColumnsGetFewerBuckets() {
		// given: 0 for 70% of the reference, then 1..30
		double[] values = new double[100];
		for (int i = 70; i < 100; i++) {
			values[i] = i - 69;
		}

		// when
		NumericBins bins = NumericBins.fromReference(values, 10);

		// then: cuts at 0 (once), 10, 20; 30 is the largest value and closes nothing
		assertThat(bins.cuts()).containsExactly(0, 10, 20);
		assertThat(bins.size()).isEqualTo(5);
		assertThat(NumericBins.fromReference(new double[] { 5, 5, 5 }, 10).cuts()).isEmpty();
	}

	@Test
	void missingValuesHaveTheirOwnBucketAndRate() {
		// given: no missing values in the reference, half missing in the window, same
		// values otherwise
		NumericSample reference = sample(1, 2, 3, 4);
		NumericSample window = sample(1, 2, 3, 4, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

		// when
		DriftResult result = Drift.numeric("x", reference, window, 4);

		// then: cuts 1,2,3; shares e = (.25,.25,.25,.25,eps), a =
		// (.125,.125,.125,.125,.5)
		double expected = 4 * (0.125 - 0.25) * Math.log(0.5) + (0.5 - Psi.EPSILON) * Math.log(0.5 / Psi.EPSILON);
		assertThat(result.psi()).isCloseTo(expected, within(1e-12));
		assertThat(result.ks()).isZero();
		assertThat(result.missingRate()).isEqualTo(0.5);
		assertThat(result.referenceMissingRate()).isZero();
		assertThat(result.missingRateChange()).isEqualTo(0.5);
	}

	@Test
	void categoricalPsiHasAnOtherBucketForUnseenLevels() {
		// given
		LevelCounts reference = new LevelCounts();
		LevelCounts window = new LevelCounts();
		for (int i = 0; i < 100; i++) {
			reference.add((i < 50) ? "a" : "b");
			window.add((i < 40) ? "a" : (i < 80) ? "b" : (i < 90) ? "c" : null);
		}

		// when
		DriftResult result = Drift.categorical("plan", reference, window);

		// then: buckets a, b, other, missing
		double expected = 2 * (0.4 - 0.5) * Math.log(0.4 / 0.5) + 2 * (0.1 - Psi.EPSILON) * Math.log(0.1 / Psi.EPSILON);
		assertThat(result.psi()).isCloseTo(expected, within(1e-12));
		assertThat(result.ks()).isNaN();
		assertThat(result.missingRate()).isEqualTo(0.1);
		// the chi-squared p-value: every level a column, "c" unseen in the reference
		// included, missing values one more
		double pValue = ChiSquared.test(new double[] { 50, 50, 0, 0 }, new double[] { 40, 40, 10, 10 }).pValue();
		assertThat(result.pValue()).isEqualTo(pValue).isLessThan(1e-3);
	}

	@Test
	void aReservoirKeepsAFixedSizeRepeatableSample() {
		// given
		NumericSample first = new NumericSample(100, 7);
		NumericSample second = new NumericSample(100, 7);
		for (int i = 0; i < 10_000; i++) {
			first.add(i);
			second.add(i);
		}
		first.add(Double.NaN);

		// then
		assertThat(first.values()).hasSize(100).containsExactly(second.values());
		assertThat(first.exact()).isFalse();
		assertThat(first.count()).isEqualTo(10_001);
		assertThat(first.missing()).isEqualTo(1);
		double mean = java.util.Arrays.stream(first.values()).average().orElseThrow();
		assertThat(mean).isBetween(3500.0, 6500.0);
		// a capped sample's buckets still weigh as many rows as were read
		double[] weights = NumericBins.fromReference(first.values(), 4).weights(first);
		assertThat(java.util.Arrays.stream(weights).sum()).isCloseTo(10_001, within(1e-6));
	}

}
