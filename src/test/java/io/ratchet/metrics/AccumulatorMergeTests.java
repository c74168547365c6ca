package io.ratchet.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.ratchet.data.Task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Merging the accumulators of random partitions gives what one pass over all rows gives.
 */
class AccumulatorMergeTests {

	@Test
	void binaryMergeOfRandomSplitsEqualsSinglePass() {
		Random random = new Random(1234L);
		for (int round = 0; round < 10; round++) {
			// given: rows with ties and unlabelled rows, a random threshold
			double threshold = random.nextInt(10) / 10.0;
			List<double[]> rows = new ArrayList<>();
			for (int i = 0; i < 3000; i++) {
				double label = (random.nextDouble() < 0.05) ? Double.NaN : (random.nextDouble() < 0.25 ? 1 : 0);
				double score = (random.nextBoolean()) ? random.nextInt(50) / 50.0 : random.nextDouble();
				rows.add(new double[] { score, label });
			}
			// when / then
			assertMergeEqualsSinglePass(Task.BINARY, threshold, rows, random);
		}
	}

	@Test
	void regressionMergeOfRandomSplitsEqualsSinglePass() {
		Random random = new Random(99L);
		for (int round = 0; round < 10; round++) {
			// given: labels with a large offset, some unlabelled rows
			double offset = random.nextInt(3) * 1e6;
			List<double[]> rows = new ArrayList<>();
			for (int i = 0; i < 3000; i++) {
				double label = (random.nextDouble() < 0.05) ? Double.NaN : offset + 100 * random.nextGaussian();
				double prediction = offset + 100 * random.nextGaussian();
				rows.add(new double[] { prediction, label });
			}
			// when / then
			assertMergeEqualsSinglePass(Task.REGRESSION, 0.5, rows, random);
		}
	}

	@Test
	void mergingEmptyAccumulatorsChangesNothing() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		accumulator.add(0.7, 1);
		accumulator.add(0.2, 0);
		MetricValues before = accumulator.result();
		MetricAccumulator empty = Accumulators.create(Task.BINARY, 0.5);
		// when
		accumulator.merge(Accumulators.create(Task.BINARY, 0.5));
		empty.merge(accumulator);
		// then
		assertThat(accumulator.result()).isEqualTo(before);
		assertThat(empty.result()).isEqualTo(before);
	}

	@Test
	void mergingWithItselfDoublesEveryRow() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		BinaryAccumulatorTests.addAll(accumulator, new double[][] { { 0.9, 1 }, { 0.4, 1 }, { 0.6, 0 } });
		MetricAccumulator twice = Accumulators.create(Task.BINARY, 0.5);
		BinaryAccumulatorTests.addAll(twice, new double[][] { { 0.9, 1 }, { 0.4, 1 }, { 0.6, 0 } });
		BinaryAccumulatorTests.addAll(twice, new double[][] { { 0.9, 1 }, { 0.4, 1 }, { 0.6, 0 } });
		// when
		accumulator.merge(accumulator);
		// then
		assertSameValues(accumulator.result(), twice.result());
		assertThat(accumulator.labelled()).isEqualTo(6);
	}

	@Test
	void refusesAnotherTaskOrThreshold() {
		// given
		MetricAccumulator binary = Accumulators.create(Task.BINARY, 0.5);
		// when / then
		assertThatIllegalArgumentException().isThrownBy(() -> binary.merge(Accumulators.create(Task.REGRESSION, 0.5)))
			.withMessageContaining("regression accumulator into a binary one");
		assertThatIllegalArgumentException().isThrownBy(() -> binary.merge(Accumulators.create(Task.BINARY, 0.3)))
			.withMessageContaining("thresholds 0.5 and 0.3");
		assertThatIllegalArgumentException().isThrownBy(() -> Accumulators.create(Task.REGRESSION, 0.5).merge(binary))
			.withMessageContaining("binary accumulator into a regression one");
	}

	/**
	 * Splits the rows into a random number of random partitions, accumulates each, passes
	 * some through their bytes, merges them in a random order (asking for results in
	 * between), and compares with one pass.
	 */
	private static void assertMergeEqualsSinglePass(Task task, double threshold, List<double[]> rows, Random random) {
		MetricAccumulator single = Accumulators.create(task, threshold);
		rows.forEach((row) -> single.add(row[0], row[1]));
		int partitionCount = 2 + random.nextInt(30);
		List<MetricAccumulator> partitions = new ArrayList<>();
		for (int i = 0; i < partitionCount; i++) {
			partitions.add(Accumulators.create(task, threshold));
		}
		rows.forEach((row) -> partitions.get(random.nextInt(partitionCount)).add(row[0], row[1]));
		Collections.shuffle(partitions, random);
		MetricAccumulator merged = Accumulators.create(task, threshold);
		for (MetricAccumulator partition : partitions) {
			partition.result();
			MetricAccumulator stored = random.nextBoolean()
					? Accumulators.fromBytes(task, threshold, partition.toBytes()) : partition;
			merged.merge(stored);
		}
		assertThat(merged.labelled()).isEqualTo(single.labelled());
		assertThat(merged.unlabelled()).isEqualTo(single.unlabelled()).isPositive();
		assertSameValues(merged.result(), single.result());
	}

	static void assertSameValues(MetricValues actual, MetricValues expected) {
		assertThat(actual.values().keySet()).isEqualTo(expected.values().keySet());
		for (Map.Entry<Metric, Double> entry : expected.values().entrySet()) {
			double tolerance = 1e-12 * Math.max(1, Math.abs(entry.getValue()));
			assertThat(actual.values().get(entry.getKey())).as(entry.getKey().key())
				.isCloseTo(entry.getValue(), within(tolerance));
		}
	}

}
