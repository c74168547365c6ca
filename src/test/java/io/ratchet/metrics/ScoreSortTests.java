package io.ratchet.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The radix sort of scores gives what {@code Arrays.sort} gives, to the bit, for the
 * values ranking metrics meet and for awkward ones.
 */
class ScoreSortTests {

	private final SplittableRandom random = new SplittableRandom(15);

	@Test
	void probabilitiesAreSortedAsArraysSortSortsThem() {
		// given: 100,000 scores in (0, 1), some tiny, many tied (float32 scores)
		double[] scores = values(100_000, () -> switch (this.random.nextInt(4)) {
			case 0 -> Math.exp(-700 * this.random.nextDouble());
			case 1 -> (float) this.random.nextDouble();
			default -> this.random.nextDouble();
		});

		// then
		assertSortsAsArraysSort(scores, scores.length);
	}

	@Test
	void signsZerosInfinitiesAndSubnormalsAreSortedAsArraysSortSortsThem() {
		// given: any finite bits, both zeros, infinities, subnormals
		double[] values = values(5_000, () -> switch (this.random.nextInt(6)) {
			case 0 -> 0.0;
			case 1 -> -0.0;
			case 2 -> this.random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
			case 3 -> Double.MIN_VALUE * this.random.nextInt(1000) * (this.random.nextBoolean() ? 1 : -1);
			default -> {
				double value = Double.longBitsToDouble(this.random.nextLong());
				yield Double.isNaN(value) ? 1.5 : value;
			}
		});

		// then: also a prefix (the rest of the array untouched)
		assertSortsAsArraysSort(values, values.length);
		assertSortsAsArraysSort(values, 3_000);
	}

	@Test
	void smallArraysEqualValuesAndArraysWithNaNAreSortedAsArraysSortSortsThem() {
		// given
		double[] small = values(ScoreSort.RADIX_FROM - 1, this.random::nextDouble);
		double[] equal = values(4_000, () -> 0.25);
		double[] withNaN = values(4_000, () -> (this.random.nextInt(100) == 0) ? Double.NaN : this.random.nextDouble());

		// then
		assertSortsAsArraysSort(small, small.length);
		assertSortsAsArraysSort(equal, equal.length);
		assertSortsAsArraysSort(withNaN, withNaN.length);
	}

	private static double[] values(int size, DoubleSupplier value) {
		double[] values = new double[size];
		for (int i = 0; i < size; i++) {
			values[i] = value.getAsDouble();
		}
		return values;
	}

	private static void assertSortsAsArraysSort(double[] values, int size) {
		// given
		double[] expected = values.clone();
		Arrays.sort(expected, 0, size);
		double[] actual = values.clone();

		// when
		ScoreSort.sort(actual, size);

		// then
		assertThat(bits(actual)).isEqualTo(bits(expected));
	}

	private static long[] bits(double[] values) {
		return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
	}

}
