package io.ratchet.metrics;

import org.junit.jupiter.api.Test;

import io.ratchet.data.Task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class BinaryAccumulatorTests {

	private static final double EXACT = 1e-12;

	/** Scores and labels of a small month with a tie across the classes at 0.7. */
	private static final double[][] MONTH = { { 0.9, 1 }, { 0.7, 1 }, { 0.7, 0 }, { 0.4, 1 }, { 0.3, 0 }, { 0.1, 0 } };

	@Test
	void smallMonthWorkedByHand() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		// when
		addAll(accumulator, MONTH);
		MetricValues values = accumulator.result();
		// then
		assertThat(values.n()).isEqualTo(6);
		assertThat(value(values, Metric.POSITIVES)).isEqualTo(3);
		// (0.9 + 0.7 + 0.7 + 0.4 + 0.3 + 0.1) / 6 = 3.1 / 6
		assertThat(value(values, Metric.MEAN_SCORE)).isCloseTo(3.1 / 6, within(EXACT));
		// squared errors 0.01 + 0.09 + 0.49 + 0.36 + 0.09 + 0.01 = 1.05; / 6 = 0.175
		assertThat(value(values, Metric.BRIER)).isCloseTo(0.175, within(EXACT));
		// -(ln 0.9 + ln 0.7 + ln (1 - 0.7) + ln 0.4 + ln (1 - 0.3) + ln (1 - 0.1)) / 6 ≈
		// 3.0443344 / 6 ≈ 0.5073891
		double logLoss = -(2 * Math.log(0.9) + 2 * Math.log(0.7) + Math.log(0.3) + Math.log(0.4)) / 6;
		assertThat(value(values, Metric.LOG_LOSS)).isCloseTo(logLoss, within(EXACT)).isCloseTo(0.5073891, within(1e-7));
		// at 0.5: TP = {0.9, 0.7}, FP = {0.7}, FN = {0.4}, TN = {0.3, 0.1}
		// accuracy (2 + 2) / 6; precision 2 / 3; recall 2 / 3; F1 = 2*2 / (2*2 + 1 + 1) =
		// 2 / 3
		assertThat(value(values, Metric.ACCURACY)).isCloseTo(4.0 / 6, within(EXACT));
		assertThat(value(values, Metric.PRECISION)).isCloseTo(2.0 / 3, within(EXACT));
		assertThat(value(values, Metric.RECALL)).isCloseTo(2.0 / 3, within(EXACT));
		assertThat(value(values, Metric.F1)).isCloseTo(2.0 / 3, within(EXACT));
		// pairs (positive, negative): 0.9 beats 0.7, 0.3, 0.1 -> 3; 0.7 ties 0.7, beats
		// 0.3 and 0.1 -> 2.5;
		// 0.4 loses to 0.7, beats 0.3 and 0.1 -> 2; AUC = 7.5 / 9
		assertThat(value(values, Metric.ROC_AUC)).isCloseTo(7.5 / 9, within(EXACT));
		// thresholds descending: 0.9 -> R 1/3, P 1/1; 0.7 (both tied rows together) -> R
		// 2/3, P 2/3;
		// 0.4 -> R 1, P 3/4; 0.3 and 0.1 add no recall. AP = 1/3 * 1 + 1/3 * 2/3 + 1/3 *
		// 3/4 = 29/36
		assertThat(value(values, Metric.AVERAGE_PRECISION)).isCloseTo(29.0 / 36, within(EXACT));
		assertThat(accumulator.labelled()).isEqualTo(6);
		assertThat(accumulator.unlabelled()).isZero();
	}

	@Test
	void thresholdDecidesTheConfusionMatrixAndScoresAtTheThresholdArePositive() {
		// given
		MetricAccumulator at04 = Accumulators.create(Task.BINARY, 0.4);
		MetricAccumulator at08 = Accumulators.create(Task.BINARY, 0.8);
		// when
		addAll(at04, MONTH);
		addAll(at08, MONTH);
		MetricValues low = at04.result();
		MetricValues high = at08.result();
		// then
		// at 0.4 (0.4 itself is positive): TP = {0.9, 0.7, 0.4}, FP = {0.7}, FN = {}, TN
		// = {0.3, 0.1}
		// accuracy 5/6, precision 3/4, recall 1, F1 = 6 / (6 + 1 + 0) = 6/7
		assertThat(value(low, Metric.ACCURACY)).isCloseTo(5.0 / 6, within(EXACT));
		assertThat(value(low, Metric.PRECISION)).isCloseTo(0.75, within(EXACT));
		assertThat(value(low, Metric.RECALL)).isCloseTo(1.0, within(EXACT));
		assertThat(value(low, Metric.F1)).isCloseTo(6.0 / 7, within(EXACT));
		// at 0.8: TP = {0.9}, FP = {}, FN = {0.7, 0.4}, TN = {0.7, 0.3, 0.1}
		// accuracy 4/6, precision 1, recall 1/3, F1 = 2 / (2 + 0 + 2) = 1/2
		assertThat(value(high, Metric.ACCURACY)).isCloseTo(4.0 / 6, within(EXACT));
		assertThat(value(high, Metric.PRECISION)).isCloseTo(1.0, within(EXACT));
		assertThat(value(high, Metric.RECALL)).isCloseTo(1.0 / 3, within(EXACT));
		assertThat(value(high, Metric.F1)).isCloseTo(0.5, within(EXACT));
		// the threshold does not move the threshold-free metrics
		assertThat(value(high, Metric.ROC_AUC)).isEqualTo(value(low, Metric.ROC_AUC));
		assertThat(value(high, Metric.LOG_LOSS)).isEqualTo(value(low, Metric.LOG_LOSS));
	}

	@Test
	void allScoresTiedGiveHalfAucAndPrevalenceAsAveragePrecision() {
		// given: 2 positives and 3 negatives, all scored 0.5
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		addAll(accumulator, new double[][] { { 0.5, 1 }, { 0.5, 0 }, { 0.5, 0 }, { 0.5, 1 }, { 0.5, 0 } });
		// when
		MetricValues values = accumulator.result();
		// then
		// every pair is a tie: AUC = 6 * 0.5 / 6 = 0.5; one threshold with R = 1, P =
		// 2/5: AP = 0.4
		assertThat(value(values, Metric.ROC_AUC)).isCloseTo(0.5, within(EXACT));
		assertThat(value(values, Metric.AVERAGE_PRECISION)).isCloseTo(0.4, within(EXACT));
		// all predicted positive: TP 2, FP 3: precision 2/5, recall 1, F1 = 4 / (4 + 3) =
		// 4/7
		assertThat(value(values, Metric.PRECISION)).isCloseTo(0.4, within(EXACT));
		assertThat(value(values, Metric.F1)).isCloseTo(4.0 / 7, within(EXACT));
	}

	@Test
	void oneClassMonthHasNoRankingMetricsAndZeroForUndefinedRatios() {
		// given: negatives only, one of them above the threshold
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		addAll(accumulator, new double[][] { { 0.2, 0 }, { 0.6, 0 } });
		// when
		MetricValues values = accumulator.result();
		// then
		assertThat(values.values()).doesNotContainKeys(Metric.ROC_AUC, Metric.AVERAGE_PRECISION);
		assertThat(value(values, Metric.POSITIVES)).isZero();
		// TP 0, FP 1, FN 0, TN 1: precision 0/1 = 0, recall 0/0 -> 0, F1 0/1 = 0,
		// accuracy 1/2
		assertThat(value(values, Metric.PRECISION)).isZero();
		assertThat(value(values, Metric.RECALL)).isZero();
		assertThat(value(values, Metric.F1)).isZero();
		assertThat(value(values, Metric.ACCURACY)).isEqualTo(0.5);
		// (0.04 + 0.36) / 2
		assertThat(value(values, Metric.BRIER)).isCloseTo(0.2, within(EXACT));
	}

	@Test
	void positivesOnlyMonthPredictedNegativeHasZeroPrecision() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		addAll(accumulator, new double[][] { { 0.1, 1 }, { 0.3, 1 } });
		// when
		MetricValues values = accumulator.result();
		// then: TP 0, FP 0 -> precision 0/0 -> 0; recall 0/2 = 0
		assertThat(values.values()).doesNotContainKeys(Metric.ROC_AUC, Metric.AVERAGE_PRECISION);
		assertThat(value(values, Metric.PRECISION)).isZero();
		assertThat(value(values, Metric.RECALL)).isZero();
		assertThat(value(values, Metric.POSITIVES)).isEqualTo(2);
	}

	@Test
	void unlabelledRowsAreCountedAndExcluded() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		// when
		accumulator.add(0.3, Double.NaN);
		accumulator.add(Double.NaN, Double.NaN);
		accumulator.add(0.8, Double.NaN);
		// then
		assertThat(accumulator.result().values()).containsOnlyKeys(Metric.N).containsEntry(Metric.N, 0.0);
		assertThat(accumulator.labelled()).isZero();
		assertThat(accumulator.unlabelled()).isEqualTo(3);
		// and with labelled rows added, the unlabelled ones still weigh nothing
		accumulator.add(0.8, 1);
		accumulator.add(0.2, 0);
		MetricValues values = accumulator.result();
		assertThat(values.n()).isEqualTo(2);
		assertThat(value(values, Metric.MEAN_SCORE)).isCloseTo(0.5, within(EXACT));
		assertThat(value(values, Metric.ROC_AUC)).isEqualTo(1.0);
	}

	@Test
	void emptyAccumulatorHasOnlyN() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		// when
		MetricValues values = accumulator.result();
		// then
		assertThat(values.values()).containsOnlyKeys(Metric.N);
		assertThat(accumulator.task()).isEqualTo(Task.BINARY);
	}

	@Test
	void logLossClipsProbabilities() {
		// given: certain and wrong, both ways
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		// when
		accumulator.add(0.0, 1);
		accumulator.add(1.0, 0);
		// then: -ln(1e-15) ≈ 34.5388 and -ln(1 - (1 - 1e-15)) ≈ 34.5396 (1 - 1e-15 rounds
		// in binary), mean of both
		double expected = (-Math.log(1e-15) - Math.log(1 - (1 - 1e-15))) / 2;
		assertThat(value(accumulator.result(), Metric.LOG_LOSS)).isCloseTo(expected, within(EXACT))
			.isCloseTo(34.5392, within(1e-3));
	}

	@Test
	void resultCanBeAskedRepeatedlyAndBetweenAdditions() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		addAll(accumulator, new double[][] { { 0.9, 1 }, { 0.1, 0 } });
		MetricValues first = accumulator.result();
		// when: a new negative above the positive
		accumulator.add(0.95, 0);
		MetricValues second = accumulator.result();
		MetricValues third = accumulator.result();
		// then: pairs 0.9 > 0.1, 0.9 < 0.95: AUC 1/2
		assertThat(value(first, Metric.ROC_AUC)).isEqualTo(1.0);
		assertThat(value(second, Metric.ROC_AUC)).isCloseTo(0.5, within(EXACT));
		assertThat(third).isEqualTo(second);
	}

	@Test
	void rejectsBadLabelsAndPredictions() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		// when / then
		assertThatIllegalArgumentException().isThrownBy(() -> accumulator.add(0.5, 2))
			.withMessageContaining("binary label must be 1, 0 or NaN");
		assertThatIllegalArgumentException().isThrownBy(() -> accumulator.add(Double.NaN, 1))
			.withMessageContaining("prediction must be a finite number");
		assertThatIllegalArgumentException().isThrownBy(() -> Accumulators.create(Task.BINARY, Double.NaN))
			.withMessageContaining("threshold");
		assertThat(accumulator.labelled()).isZero();
	}

	static void addAll(MetricAccumulator accumulator, double[][] rows) {
		for (double[] row : rows) {
			accumulator.add(row[0], row[1]);
		}
	}

	static double value(MetricValues values, Metric metric) {
		assertThat(values.values()).containsKey(metric);
		return values.get(metric).getAsDouble();
	}

}
