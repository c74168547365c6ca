package io.ratchet.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.ratchet.data.Task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ranking metrics against independent, slow reference implementations on random data
 * with many ties.
 */
class RankingTests {

	@Test
	void rocAucEqualsPairwiseCount() {
		Random random = new Random(20240611L);
		for (int round = 0; round < 20; round++) {
			// given: scores on a coarse grid, so that ties within and across classes
			// abound
			List<double[]> rows = randomRows(random, 50 + random.nextInt(400), 1 + random.nextInt(30));
			MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
			rows.forEach((row) -> accumulator.add(row[0], row[1]));
			// when
			double auc = BinaryAccumulatorTests.value(accumulator.result(), Metric.ROC_AUC);
			// then
			assertThat(auc).isCloseTo(pairwiseAuc(rows), within(1e-12));
		}
	}

	@Test
	void averagePrecisionEqualsThresholdByThresholdReference() {
		Random random = new Random(7L);
		for (int round = 0; round < 20; round++) {
			// given
			List<double[]> rows = randomRows(random, 50 + random.nextInt(400), 1 + random.nextInt(30));
			MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
			rows.forEach((row) -> accumulator.add(row[0], row[1]));
			// when
			double ap = BinaryAccumulatorTests.value(accumulator.result(), Metric.AVERAGE_PRECISION);
			// then
			assertThat(ap).isCloseTo(thresholdAveragePrecision(rows), within(1e-12));
		}
	}

	@Test
	void perfectAndReversedRankings() {
		// given
		MetricAccumulator perfect = Accumulators.create(Task.BINARY, 0.5);
		MetricAccumulator reversed = Accumulators.create(Task.BINARY, 0.5);
		for (int i = 0; i < 10; i++) {
			perfect.add(0.6 + i * 0.01, 1);
			perfect.add(0.1 + i * 0.01, 0);
			reversed.add(0.1 + i * 0.01, 1);
			reversed.add(0.6 + i * 0.01, 0);
		}
		// when
		MetricValues best = perfect.result();
		MetricValues worst = reversed.result();
		// then: reversed: the k-th positive found at rank 10 + k, AP = sum_k (1/10) * k /
		// (10 + k)
		double expectedWorst = 0;
		for (int k = 1; k <= 10; k++) {
			expectedWorst += 0.1 * k / (10.0 + k);
		}
		assertThat(BinaryAccumulatorTests.value(best, Metric.ROC_AUC)).isEqualTo(1.0);
		assertThat(BinaryAccumulatorTests.value(best, Metric.AVERAGE_PRECISION)).isCloseTo(1.0, within(1e-15));
		assertThat(BinaryAccumulatorTests.value(worst, Metric.ROC_AUC)).isEqualTo(0.0);
		assertThat(BinaryAccumulatorTests.value(worst, Metric.AVERAGE_PRECISION)).isCloseTo(expectedWorst,
				within(1e-12));
	}

	@Test
	void negativeAndPositiveZeroAreOneScore() {
		// given: -0.0 and 0.0 compare equal, so they must tie
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		accumulator.add(-0.0, 1);
		accumulator.add(0.0, 0);
		accumulator.add(0.0, 1);
		accumulator.add(-0.0, 0);
		// when
		MetricValues values = accumulator.result();
		// then: 4 tied pairs: AUC 0.5; one threshold: AP = 1 * 2/4
		assertThat(BinaryAccumulatorTests.value(values, Metric.ROC_AUC)).isEqualTo(0.5);
		assertThat(BinaryAccumulatorTests.value(values, Metric.AVERAGE_PRECISION)).isEqualTo(0.5);
	}

	/**
	 * Rows {score, label}, both classes present; scores are multiples of
	 * {@code 1 / levels}.
	 */
	static List<double[]> randomRows(Random random, int count, int levels) {
		List<double[]> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			double label = (i < 2) ? i : (random.nextDouble() < 0.3 ? 1 : 0);
			double score = random.nextInt(levels + 1) / (double) levels;
			rows.add(new double[] { score, label });
		}
		return rows;
	}

	/**
	 * Every (positive, negative) pair: 1 when the positive scores higher, 1/2 on a tie.
	 */
	private static double pairwiseAuc(List<double[]> rows) {
		double wins = 0;
		long pairs = 0;
		for (double[] positive : rows) {
			if (positive[1] != 1) {
				continue;
			}
			for (double[] negative : rows) {
				if (negative[1] != 0) {
					continue;
				}
				pairs++;
				if (positive[0] > negative[0]) {
					wins += 1;
				}
				else if (positive[0] == negative[0]) {
					wins += 0.5;
				}
			}
		}
		return wins / pairs;
	}

	/**
	 * For each distinct score t from the highest down, recount precision and recall of
	 * "score >= t" from scratch.
	 */
	private static double thresholdAveragePrecision(List<double[]> rows) {
		TreeSet<Double> thresholds = new TreeSet<>();
		rows.forEach((row) -> thresholds.add(row[0]));
		long allPositives = rows.stream().filter((row) -> row[1] == 1).count();
		double previousRecall = 0;
		double sum = 0;
		for (double threshold : thresholds.descendingSet()) {
			long selected = rows.stream().filter((row) -> row[0] >= threshold).count();
			long hits = rows.stream().filter((row) -> row[0] >= threshold && row[1] == 1).count();
			double recall = (double) hits / allPositives;
			double precision = (double) hits / selected;
			sum += (recall - previousRecall) * precision;
			previousRecall = recall;
		}
		return sum;
	}

}
