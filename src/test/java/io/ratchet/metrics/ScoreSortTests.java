package io.ratchet.metrics;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The radix sort of scores gives the very array {@link Arrays#sort} gives (compared bit
 * for bit: {@code -0.0} before {@code 0.0}), with ties, negative numbers, few distinct
 * values, sorted runs and NaN, below and above the size where it takes over.
 */
class ScoreSortTests {

	private final Random random = new Random(18);

	@Test
	void probabilitiesWithTiesSortAsArraysSortDoes() {
		for (int size : new int[] { 0, 1, 5, ScoreSort.RADIX_MIN - 1, ScoreSort.RADIX_MIN, 20_000, 100_001 }) {
			// given: scores of a logistic model, a third of them rounded to 3 decimals
			// (ties)
			double[] scores = new double[size];
			for (int i = 0; i < size; i++) {
				double score = 1 / (1 + Math.exp(-2 * this.random.nextGaussian()));
				scores[i] = (i % 3 == 0) ? Math.round(score * 1000) / 1000.0 : score;
			}

			// then
			assertSortsAsArraysSort(scores, size);
		}
	}

	@Test
	void anyFiniteDoublesSortAsArraysSortDoes() {
		// given: signs, both zeros, infinities, subnormals, huge and tiny magnitudes, in
		// a buffer longer than the values sorted
		double[] specials = { 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
				Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, -1.0, 1e-300, -1e300 };
		double[] values = new double[5_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = (i % 4 == 0) ? specials[this.random.nextInt(specials.length)]
					: Double.longBitsToDouble(this.random.nextLong());
			if (Double.isNaN(values[i])) {
				values[i] = -i;
			}
		}

		// then
		assertSortsAsArraysSort(values, 4_000);
	}

	@Test
	void fewDistinctValuesAndSortedRunsAndNaNSortAsArraysSortDoes() {
		// given: a label-like array of two values (passes skipped), a whole period made
		// of
		// 24 sorted months, and a NaN (left to Arrays.sort)
		double[] twoValues = new double[3_000];
		for (int i = 0; i < twoValues.length; i++) {
			twoValues[i] = this.random.nextBoolean() ? 1.0 : 0.0;
		}
		double[] months = new double[24 * 500];
		for (int month = 0; month < 24; month++) {
			double[] one = this.random.doubles(500).toArray();
			Arrays.sort(one);
			System.arraycopy(one, 0, months, month * 500, 500);
		}
		double[] withNaN = this.random.doubles(2_000).toArray();
		withNaN[700] = Double.NaN;

		// then
		assertSortsAsArraysSort(twoValues, twoValues.length);
		assertSortsAsArraysSort(months, months.length);
		assertSortsAsArraysSort(withNaN, withNaN.length);
	}

	@Test
	void runsAreCountedUpToTheFirstDescentTooMany() {
		// given: FEW_RUNS + 1 sorted runs (FEW_RUNS descents), one run more, and
		// shuffled scores with a NaN past the first descents
		double[] fewRuns = sortedRuns(ScoreSort.FEW_RUNS + 1, 40);
		double[] oneRunTooMany = sortedRuns(ScoreSort.FEW_RUNS + 2, 40);
		double[] shuffled = this.random.doubles(5_000).toArray();
		shuffled[4_000] = Double.NaN;

		// then: only the first is left to Arrays.sort's merge, and each sorts as
		// Arrays.sort does
		assertThat(ScoreSort.fewRuns(fewRuns, fewRuns.length)).isTrue();
		assertThat(ScoreSort.fewRuns(oneRunTooMany, oneRunTooMany.length)).isFalse();
		assertThat(ScoreSort.fewRuns(shuffled, shuffled.length)).isFalse();
		assertSortsAsArraysSort(fewRuns, fewRuns.length);
		assertSortsAsArraysSort(oneRunTooMany, oneRunTooMany.length);
		assertSortsAsArraysSort(shuffled, shuffled.length);
	}

	/** {@code runs} ascending runs of {@code length} scores, each below the last. */
	private static double[] sortedRuns(int runs, int length) {
		double[] values = new double[runs * length];
		for (int run = 0; run < runs; run++) {
			for (int i = 0; i < length; i++) {
				values[run * length + i] = (runs - run) + i / (double) length;
			}
		}
		return values;
	}

	@Test
	void theKeysOrderAsDoubleCompareDoes() {
		// given
		double[] values = { Double.NEGATIVE_INFINITY, -2.5, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 0.5, 1.0,
				Double.POSITIVE_INFINITY };

		// then: each key is above the one before as unsigned numbers
		for (int i = 1; i < values.length; i++) {
			assertThat(Long.compareUnsigned(ScoreSort.key(values[i - 1]), ScoreSort.key(values[i])))
				.as("%s < %s", values[i - 1], values[i])
				.isNegative();
		}
	}

	private static void assertSortsAsArraysSort(double[] values, int size) {
		// given
		double[] expected = values.clone();
		Arrays.sort(expected, 0, size);
		double[] actual = values.clone();

		// when
		ScoreSort.sort(actual, size);

		// then: the same bits (Arrays.equals on doubles tells -0.0 from 0.0), the rest of
		// the buffer untouched
		assertThat(Arrays.stream(actual).mapToLong(Double::doubleToRawLongBits).toArray())
			.as("%d of %d values", size, values.length)
			.isEqualTo(Arrays.stream(expected).mapToLong(Double::doubleToRawLongBits).toArray());
	}

}
