package io.ratchet.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.ratchet.data.CountFormula;
import io.ratchet.data.MetricDefinitions;
import io.ratchet.data.ValueMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BinaryBootstrap} gives bit for bit the intervals of the implementation before
 * issue 15 ({@link BinaryBootstrapReference}), on seeded random months of many sizes,
 * with ties, one label only, scores at the ends, the bounded histogram, a value matrix
 * and a dataset formula, with 200 resamples (the default), a few, and thousands.
 */
class BinaryBootstrapTests {

	private static final int[] SIZES = { 1, 2, 3, 5, 8, 30, 31, 200, 1500, 20_000 };

	@Test
	void intervalsAreBitIdenticalToTheReferenceOnSeededRandomMonths() {
		SplittableRandom random = new SplittableRandom(15);
		int months = 0;
		int intervals = 0;
		for (int size : SIZES) {
			for (Shape shape : Shape.values()) {
				for (int trial = 0; trial < 3; trial++) {
					// given
					BinaryAccumulator month = month(random, size, shape, trial);
					MetricValues values = month.result();
					// trial 1 of a small month: 1,000 to 4,000 resamples, the percentiles
					// read
					// from the replicates' ends or (past some 2,600) from a sort of them
					// all
					int resamples = (trial == 2) ? 2 + random.nextInt(20)
							: (trial == 1 && size <= 200) ? 1_000 + random.nextInt(3_000) : 200;
					long seed = random.nextLong();

					// when
					Map<String, Interval> expected = BinaryBootstrapReference.intervals(month, values, resamples, seed);
					Map<String, Interval> actual = BinaryBootstrap.intervals(month, values, resamples, seed);

					// then
					String where = size + " rows, " + shape + ", trial " + trial;
					assertThat(actual.keySet()).as(where).containsExactlyElementsOf(expected.keySet());
					for (String key : expected.keySet()) {
						assertThat(bits(actual.get(key))).as(where + ", " + key).isEqualTo(bits(expected.get(key)));
					}
					months++;
					intervals += expected.size();
				}
			}
		}
		// and the comparison did compare intervals
		assertThat(months).isEqualTo(SIZES.length * Shape.values().length * 3);
		assertThat(intervals).isGreaterThan(months * 3);
	}

	@Test
	void smallPoissonDrawsAreThoseOfTheInversionLoop() {
		for (long mean = 0; mean < BinaryBootstrap.POISSON_EXACT_BELOW + 4; mean++) {
			// given
			SplittableRandom expected = new SplittableRandom(mean);
			SplittableRandom actual = new SplittableRandom(mean);
			for (int draw = 0; draw < 2000; draw++) {
				// when / then
				assertThat(BinaryBootstrap.poisson(actual, mean)).as("mean %d, draw %d", mean, draw)
					.isEqualTo(BinaryBootstrapReference.poisson(expected, mean));
			}
		}
	}

	private static List<Long> bits(Interval interval) {
		List<Long> bits = new ArrayList<>();
		bits.add(Double.doubleToRawLongBits(interval.lo()));
		bits.add(Double.doubleToRawLongBits(interval.hi()));
		bits.add((long) interval.method().ordinal());
		return bits;
	}

	private static BinaryAccumulator month(SplittableRandom random, int size, Shape shape, int trial) {
		double threshold = (trial == 1) ? random.nextDouble() : 0.5;
		ValueMatrix value = (trial == 0) ? null : ValueMatrix.binary(10, -1, 0, -5);
		MetricDefinitions definitions = (trial == 2)
				? new MetricDefinitions(List.of(), List
					.of(CountFormula.parse("net", "tp * 3 - fp + business_value / n", true, CountFormula.BINARY_NAMES)))
				: MetricDefinitions.NONE;
		int exactLimit = (shape == Shape.HISTOGRAM) ? 0 : 1 << 21;
		BinaryAccumulator month = new BinaryAccumulator(threshold, value, definitions, exactLimit);
		for (int i = 0; i < size; i++) {
			double score = shape.score(random);
			double label = switch (shape) {
				case POSITIVES_ONLY -> 1;
				case NEGATIVES_ONLY -> 0;
				default -> (random.nextDouble() < score) ? 1 : 0;
			};
			month.add(score, label);
		}
		return month;
	}

	/** The kinds of month compared. */
	private enum Shape {

		SPREAD, TIES, POSITIVES_ONLY, NEGATIVES_ONLY, ENDS, HISTOGRAM;

		double score(SplittableRandom random) {
			double spread = 1 / (1 + Math.exp(-random.nextGaussian() * 2));
			return switch (this) {
				case TIES -> Math.round(spread * 20) / 20.0;
				case ENDS -> switch (random.nextInt(4)) {
					case 0 -> 0;
					case 1 -> 1;
					case 2 -> 1e-12;
					default -> spread;
				};
				default -> spread;
			};
		}

	}

}
