package io.ratchet.metrics;

import io.ratchet.data.Task;
import io.ratchet.data.ValueMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Counts and rates at the threshold, top k%, and business value: definitions, edge cases,
 * and what a stored state and a merge keep.
 */
class BusinessMetricsTests {

	@Test
	void countsAndRatesAtTheThreshold() {
		// given: 3 positives (scores 0.9, 0.6, 0.2), 4 negatives (0.7, 0.4, 0.3, 0.1),
		// threshold 0.5
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5, ValueMatrix.binary(10, -5, 1, -20));
		add(accumulator, new double[] { 0.9, 0.6, 0.2 }, 1);
		add(accumulator, new double[] { 0.7, 0.4, 0.3, 0.1 }, 0);

		// when
		MetricValues values = accumulator.result();

		// then: tp 2, fp 1, tn 3, fn 1
		assertThat(values.get(Metric.TP)).hasValue(2);
		assertThat(values.get(Metric.FP)).hasValue(1);
		assertThat(values.get(Metric.TN)).hasValue(3);
		assertThat(values.get(Metric.FN)).hasValue(1);
		assertThat(values.get(Metric.FALSE_POSITIVE_RATE)).hasValue(0.25);
		assertThat(values.get(Metric.SPECIFICITY)).hasValue(0.75);
		assertThat(values.get(Metric.FALSE_NEGATIVE_RATE)).hasValue(1.0 / 3);
		assertThat(values.get(Metric.BALANCED_ACCURACY)).hasValue((2.0 / 3 + 0.75) / 2);
		assertThat(values.get(Metric.MCC).getAsDouble()).isCloseTo((2.0 * 3 - 1) / Math.sqrt(3.0 * 3 * 4 * 4),
				within(1e-15));
		assertThat(values.get(Metric.BUSINESS_VALUE)).hasValue(2 * 10 - 5 + 3 - 20);
		assertThat(values.get(Metric.BUSINESS_VALUE_PER_ROW)).hasValue((2 * 10 - 5 + 3 - 20) / 7.0);
	}

	@Test
	void ratesWithoutADenominatorAreAbsentAndAnUndefinedMccIsZero() {
		// given: positives only, every one predicted positive
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		add(accumulator, new double[] { 0.9, 0.8 }, 1);

		// when
		MetricValues values = accumulator.result();

		// then
		assertThat(values.get(Metric.FALSE_POSITIVE_RATE)).isEmpty();
		assertThat(values.get(Metric.SPECIFICITY)).isEmpty();
		assertThat(values.get(Metric.BALANCED_ACCURACY)).isEmpty();
		assertThat(values.get(Metric.FALSE_NEGATIVE_RATE)).hasValue(0);
		assertThat(values.get(Metric.MCC)).hasValue(0);
		assertThat(values.get(Metric.BUSINESS_VALUE)).as("no value matrix").isEmpty();
	}

	@Test
	void theTopIncludesEveryTieAtTheCut() {
		// given: 20 rows; 5% is 1 row, 10% is 2 rows, but rows 2 to 4 tie at 0.8
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		add(accumulator, new double[] { 0.95, 0.8, 0.8, 0.1, 0.1 }, 1);
		add(accumulator, new double[] { 0.8, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2 }, 0);

		// when
		MetricValues values = accumulator.result();

		// then: top 5% = {0.95}; top 10% = {0.95, 0.8, 0.8, 0.8}, 3 positives of 4
		assertThat(values.get(Metric.PRECISION_TOP5PCT)).hasValue(1);
		assertThat(values.get(Metric.RECALL_TOP5PCT)).hasValue(0.2);
		assertThat(values.get(Metric.LIFT_TOP5PCT)).hasValue(1 / 0.25);
		assertThat(values.get(Metric.PRECISION_TOP10PCT)).hasValue(0.75);
		assertThat(values.get(Metric.RECALL_TOP10PCT)).hasValue(0.6);
		assertThat(values.get(Metric.LIFT_TOP10PCT)).hasValue(0.75 / 0.25);
	}

	@Test
	void theTopsCountsStopAtTheLargestCutAndAreThoseOfEveryScore() {
		// given: 5,000 scores with ties (two decimals), a third positive
		java.util.SplittableRandom random = new java.util.SplittableRandom(18);
		LabelledScores scores = new LabelledScores(BinaryAccumulator.EXACT_LIMIT);
		double[][] all = new double[5_000][];
		for (int i = 0; i < all.length; i++) {
			all[i] = new double[] { Math.round(random.nextDouble() * 100) / 100.0, (random.nextInt(3) == 0) ? 1 : 0 };
			scores.add(all[i][0], all[i][1] == 1);
		}
		long[] cuts = { 250, 500, 1_250 };
		long[] groups = new long[1];
		scores.forEachScoreGroup((score, positives, negatives) -> groups[0]++, 500);

		// when
		long[][] counts = TopShare.counts(scores, cuts);

		// then: at each cut, the rows scoring at least the score the cut falls on (ties
		// included) and the positives among them; the walk for 500 rows stopped early
		for (int c = 0; c < cuts.length; c++) {
			double[] sorted = java.util.Arrays.stream(all).mapToDouble((row) -> row[0]).sorted().toArray();
			double atCut = sorted[sorted.length - (int) cuts[c]];
			assertThat(counts[0][c]).isEqualTo(java.util.Arrays.stream(all).filter((row) -> row[0] >= atCut).count());
			assertThat(counts[1][c])
				.isEqualTo(java.util.Arrays.stream(all).filter((row) -> row[0] >= atCut && row[1] == 1).count());
		}
		assertThat(groups[0]).isBetween(5L, 20L);
	}

	@Test
	void theCutIsCountedInWholeRows() {
		// then: 10% of 30 rows is 3 (in doubles 0.1 * 30 rounds up to 4), 5% of 21 is 2
		assertThat(TopShare.cut(30, 10)).isEqualTo(3);
		assertThat(TopShare.cut(21, 5)).isEqualTo(2);
		assertThat(TopShare.cut(20, 5)).isEqualTo(1);
		assertThat(TopShare.cut(1, 5)).isEqualTo(1);
	}

	@Test
	void withoutPositivesTheTopHasAPrecisionOnly() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		add(accumulator, new double[] { 0.9, 0.1 }, 0);

		// when
		MetricValues values = accumulator.result();

		// then
		assertThat(values.get(Metric.PRECISION_TOP5PCT)).hasValue(0);
		assertThat(values.get(Metric.RECALL_TOP5PCT)).isEmpty();
		assertThat(values.get(Metric.LIFT_TOP5PCT)).isEmpty();
	}

	@Test
	void countsSurviveTheStateAndTheMergeAndTheMatrixOfTheDayValuesThem() {
		// given: two months stored as states
		ValueMatrix matrix = ValueMatrix.binary(10, -5, 0, -20);
		MetricAccumulator first = Accumulators.create(Task.BINARY, 0.35, matrix);
		add(first, new double[] { 0.9, 0.3 }, 1);
		add(first, new double[] { 0.5 }, 0);
		MetricAccumulator second = Accumulators.create(Task.BINARY, 0.35, matrix);
		add(second, new double[] { 0.4 }, 1);
		add(second, new double[] { 0.1, 0.2 }, 0);

		// when
		MetricAccumulator whole = Accumulators.create(Task.BINARY, 0.35, matrix);
		whole.merge(Accumulators.fromBytes(Task.BINARY, 0.35, matrix, first.toBytes()));
		whole.merge(Accumulators.fromBytes(Task.BINARY, 0.35, matrix, second.toBytes()));
		MetricValues restored = Accumulators.fromBytes(Task.BINARY, 0.35, matrix, first.toBytes()).result();

		// then
		assertThat(restored).isEqualTo(first.result());
		MetricValues values = whole.result();
		assertThat(values.get(Metric.TP)).hasValue(2);
		assertThat(values.get(Metric.FP)).hasValue(1);
		assertThat(values.get(Metric.TN)).hasValue(2);
		assertThat(values.get(Metric.FN)).hasValue(1);
		assertThat(values.get(Metric.BUSINESS_VALUE)).hasValue(2 * 10 - 5 - 20);
	}

	@Test
	void theHistogramTopTakesTheWholeBinAtTheCut() {
		// given: scores past the exact limit (4), so in the histogram
		BinaryAccumulator accumulator = new BinaryAccumulator(0.5, null, 4);
		for (int i = 0; i < 100; i++) {
			accumulator.add(0.01 + i * 0.0098, (i >= 90) ? 1 : 0);
		}

		// when
		MetricValues values = accumulator.result();

		// then: the top 10% holds the 10 positives, and perhaps a neighbour in their bin
		assertThat(accumulator.exactRanking()).isFalse();
		assertThat(values.get(Metric.RECALL_TOP10PCT)).hasValue(1);
		assertThat(values.get(Metric.PRECISION_TOP10PCT).getAsDouble()).isBetween(10.0 / 11, 1.0);
	}

	@Test
	void regressionValuesUnderAndOverPrediction() {
		// given: under by 2 and by 0.5, over by 1, exact once
		MetricAccumulator accumulator = Accumulators.create(Task.REGRESSION, 0.5, ValueMatrix.regression(-2, -1));
		accumulator.add(8, 10);
		accumulator.add(4.5, 5);
		accumulator.add(6, 5);
		accumulator.add(3, 3);

		// when
		MetricValues values = accumulator.result();
		MetricValues restored = Accumulators
			.fromBytes(Task.REGRESSION, 0.5, ValueMatrix.regression(-2, -1), accumulator.toBytes())
			.result();

		// then
		assertThat(values.get(Metric.BUSINESS_VALUE).getAsDouble()).isCloseTo(-2 * 2.5 - 1, within(1e-12));
		assertThat(values.get(Metric.BUSINESS_VALUE_PER_ROW).getAsDouble()).isCloseTo(-6.0 / 4, within(1e-12));
		assertThat(restored).isEqualTo(values);
		assertThat(Accumulators.create(Task.REGRESSION, 0.5).result().get(Metric.BUSINESS_VALUE)).isEmpty();
	}

	@Test
	void directionsSayWhichWayIsBetter() {
		// then
		assertThat(Metric.FALSE_POSITIVE_RATE.direction()).isEqualTo(Metric.Direction.LOWER_IS_BETTER);
		assertThat(Metric.FALSE_NEGATIVE_RATE.direction()).isEqualTo(Metric.Direction.LOWER_IS_BETTER);
		assertThat(Metric.FP.direction()).isEqualTo(Metric.Direction.LOWER_IS_BETTER);
		assertThat(Metric.BUSINESS_VALUE.direction()).isEqualTo(Metric.Direction.HIGHER_IS_BETTER);
		assertThat(Metric.LIFT_TOP5PCT.direction()).isEqualTo(Metric.Direction.HIGHER_IS_BETTER);
		assertThat(Metric.fromKey("precision_top10pct")).isEqualTo(Metric.PRECISION_TOP10PCT);
		assertThat(Metric.forTask(Task.REGRESSION)).contains(Metric.BUSINESS_VALUE).doesNotContain(Metric.TP);
	}

	private static void add(MetricAccumulator accumulator, double[] scores, double label) {
		for (double score : scores) {
			accumulator.add(score, label);
		}
	}

}
