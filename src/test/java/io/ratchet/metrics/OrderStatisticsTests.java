package io.ratchet.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order statistics at both ends of an array are, bit for bit, the values a full sort
 * puts there: with ties, −0.0 beside 0.0, infinities, sorted and reversed input.
 */
class OrderStatisticsTests {

	@Test
	void bothEndsHoldTheValuesOfAFullSort() {
		SplittableRandom random = new SplittableRandom(15);
		for (int trial = 0; trial < 2_000; trial++) {
			// given
			int count = 1 + random.nextInt(400);
			double[] values = values(random, count, trial % 5);
			int tail = 1 + random.nextInt(40);
			double[] sorted = Arrays.copyOf(values, count);
			Arrays.sort(sorted);

			// when
			OrderStatistics ordered = OrderStatistics.ends(Arrays.copyOf(values, count + 3), count, tail);

			// then
			int kept = (2 * tail >= count) ? count : tail;
			for (int position = 0; position < kept; position++) {
				assertThat(Double.doubleToRawLongBits(ordered.get(position)))
					.as("trial %d, position %d of %d", trial, position, count)
					.isEqualTo(Double.doubleToRawLongBits(sorted[position]));
				int fromTop = count - 1 - position;
				assertThat(Double.doubleToRawLongBits(ordered.get(fromTop)))
					.as("trial %d, position %d of %d", trial, fromTop, count)
					.isEqualTo(Double.doubleToRawLongBits(sorted[fromTop]));
			}
		}
	}

	@Test
	void aPositionBetweenTheEndsIsRefused() {
		// given
		double[] values = new double[100];
		Arrays.setAll(values, (i) -> i);

		// when
		OrderStatistics ordered = OrderStatistics.ends(values, 100, 6);

		// then
		assertThat(ordered.get(5)).isEqualTo(5);
		assertThat(ordered.get(94)).isEqualTo(94);
		assertThatThrownBy(() -> ordered.get(50)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("position 50 of 100");
	}

	/**
	 * Random values of one of five kinds: spread, few distinct, signed zeros, sorted,
	 * reversed.
	 */
	private static double[] values(SplittableRandom random, int count, int kind) {
		double[] values = new double[count];
		for (int i = 0; i < count; i++) {
			values[i] = switch (kind) {
				case 0 -> random.nextGaussian();
				case 1 -> random.nextInt(4) - 1.5;
				case 2 -> switch (random.nextInt(5)) {
					case 0 -> -0.0;
					case 1 -> 0.0;
					case 2 -> Double.POSITIVE_INFINITY;
					case 3 -> Double.NEGATIVE_INFINITY;
					default -> random.nextDouble() - 0.5;
				};
				default -> random.nextDouble();
			};
		}
		if (kind == 3) {
			Arrays.sort(values);
		}
		if (kind == 4) {
			Arrays.sort(values);
			for (int i = 0; i < count / 2; i++) {
				double swap = values[i];
				values[i] = values[count - 1 - i];
				values[count - 1 - i] = swap;
			}
		}
		return values;
	}

}
