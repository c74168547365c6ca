package io.ratchet.metrics;

import java.util.SplittableRandom;

import io.ratchet.data.Task;
import io.ratchet.data.ValueMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Intervals against outside references: DeLong's variance against the numpy/scipy figure
 * of {@code promotion/StatisticsTests} (pairwise definition), Wilson against the roots of
 * its quadratic, and the coverage of all three methods by simulation.
 */
class IntervalsTests {

	/** The labels and champion scores of {@code promotion/StatisticsTests}. */
	static final double[] LABELS = { 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1 };

	static final double[] SCORES = { 0.9, 0.3, 0.7, 0.6, 0.6, 0.2, 0.8, 0.4, 0.35, 0.1, 0.5, 0.75, 0.3, 0.45, 0.55, 0.2,
			0.65, 0.4, 0.15, 0.3 };

	@Test
	void deLongVarianceMatchesNumpyFromThePairwiseDefinition() {
		// given
		BinaryAccumulator accumulator = new BinaryAccumulator(0.5);
		for (int i = 0; i < LABELS.length; i++) {
			accumulator.add(SCORES[i], LABELS[i]);
		}

		// when
		double[] aucAndVariance = DeLongInterval.aucAndVariance(accumulator);
		Interval interval = Intervals.of(accumulator, accumulator.result(), 200, 1).get(Metric.ROC_AUC).orElseThrow();

		// then: numpy/scipy (StatisticsTests: championAuc, championVariance)
		assertThat(aucAndVariance[0]).isCloseTo(0.8535353535353535, within(1e-12));
		assertThat(aucAndVariance[1]).isCloseTo(0.007585960616263647, within(1e-12));
		double half = Interval.Z_95 * Math.sqrt(0.007585960616263647);
		assertThat(interval.lo()).isCloseTo(0.8535353535353535 - half, within(1e-12));
		assertThat(interval.hi()).isEqualTo(1.0);
		assertThat(interval.method()).isEqualTo(IntervalMethod.DELONG);
	}

	@Test
	void wilsonIsTheRootsOfItsQuadratic() {
		for (long[] kn : new long[][] { { 5, 10 }, { 0, 10 }, { 10, 10 }, { 1, 3 }, { 731, 1000 } }) {
			// given: (p̂ - p)² = z² p (1 - p) / n, solved for p by the quadratic formula
			double k = kn[0];
			double n = kn[1];
			double z2 = Interval.Z_95 * Interval.Z_95;
			double a = 1 + z2 / n;
			double b = -(2 * k / n + z2 / n);
			double c = (k / n) * (k / n);
			double root = Math.sqrt(b * b - 4 * a * c);

			// when
			Interval interval = Wilson.of(kn[0], kn[1]);

			// then
			assertThat(interval.lo()).isCloseTo((-b - root) / (2 * a), within(1e-12));
			assertThat(interval.hi()).isCloseTo((-b + root) / (2 * a), within(1e-12));
		}
		// and the textbook case: 5 of 10 is [0.2366, 0.7634]
		assertThat(Wilson.of(5, 10).lo()).isCloseTo(0.2366, within(1e-4));
		assertThat(Wilson.of(5, 10).hi()).isCloseTo(0.7634, within(1e-4));
	}

	@Test
	void everyMethodCoversTheTrueValueInAbout95PercentOfSeededTrials() {
		// given: scores uniform on (0, 1), labels drawn with that probability
		// (calibrated):
		// true Brier = E[s(1-s)] = 1/6, true log loss = 2∫-s ln s = 1/2, true accuracy at
		// 0.5 =
		// 3/4; AUC of N(1,1) positives against N(0,1) negatives = Φ(1/√2)
		int trials = 2000;
		int[] covered = new int[4];
		double trueAuc = 0.7602499389065233;
		SplittableRandom random = new SplittableRandom(2026);
		for (int trial = 0; trial < trials; trial++) {
			BinaryAccumulator calibrated = new BinaryAccumulator(0.5);
			for (int row = 0; row < 300; row++) {
				double score = random.nextDouble();
				calibrated.add(score, (random.nextDouble() < score) ? 1 : 0);
			}
			BinaryAccumulator separated = new BinaryAccumulator(0.5);
			for (int row = 0; row < 100; row++) {
				separated.add(1 / (1 + Math.exp(-1 - random.nextGaussian())), 1);
				separated.add(1 / (1 + Math.exp(-random.nextGaussian())), 0);
			}

			// when
			MetricIntervals intervals = Intervals.of(calibrated, calibrated.result(), 200, trial);
			Interval auc = DeLongInterval.of(separated);

			// then
			covered[0] += intervals.get(Metric.BRIER).orElseThrow().contains(1.0 / 6) ? 1 : 0;
			covered[1] += intervals.get(Metric.LOG_LOSS).orElseThrow().contains(0.5) ? 1 : 0;
			covered[2] += intervals.get(Metric.ACCURACY).orElseThrow().contains(0.75) ? 1 : 0;
			covered[3] += auc.contains(trueAuc) ? 1 : 0;
		}
		for (int method = 0; method < covered.length; method++) {
			assertThat((double) covered[method] / trials).as("coverage of method %d", method).isBetween(0.93, 0.97);
		}
	}

	@Test
	void aStoredStateGivesTheIntervalsOfTheLiveAccumulator() {
		// given
		ValueMatrix value = new ValueMatrix(Task.BINARY, 10, -2, 0, -30, 0, 0);
		BinaryAccumulator live = new BinaryAccumulator(0.4, value, 1 << 10);
		SplittableRandom random = new SplittableRandom(5);
		for (int row = 0; row < 800; row++) {
			double score = random.nextDouble();
			live.add(score, (random.nextDouble() < score) ? 1 : 0);
		}

		// when
		MetricAccumulator stored = Accumulators.fromBytes(Task.BINARY, 0.4, value, live.toBytes());

		// then
		assertThat(Intervals.of(stored, stored.result(), 100, 3)).isEqualTo(Intervals.of(live, live.result(), 100, 3));
		assertThat(Intervals.of(live, live.result(), 100, 3).byKey()).containsKeys("roc_auc", "accuracy", "precision",
				"log_loss", "brier", "f1", "mcc", "average_precision", "business_value", "precision_top5pct",
				"lift_top10pct");
	}

	@Test
	void everyIntervalHoldsItsFigure() {
		// given
		BinaryAccumulator accumulator = new BinaryAccumulator(0.5, new ValueMatrix(Task.BINARY, 5, -1, 0, -3, 0, 0),
				1 << 12);
		SplittableRandom random = new SplittableRandom(9);
		for (int row = 0; row < 3000; row++) {
			double score = random.nextDouble();
			accumulator.add(score, (random.nextDouble() < score * score) ? 1 : 0);
		}
		MetricValues values = accumulator.result();

		// when
		MetricIntervals intervals = Intervals.of(accumulator, values, 200, 11);

		// then
		intervals.byKey()
			.forEach((key, interval) -> assertThat(interval.contains(values.get(MetricId.of(key)).getAsDouble()))
				.as("%s %s holds %s", key, interval, values.get(MetricId.of(key)))
				.isTrue());
		assertThat(intervals.byKey()).doesNotContainKeys("n", "positives", "tp", "fp", "tn", "fn");
	}

	@Test
	void anAbsentFigureHasNoInterval() {
		// given: one class only (no ROC AUC), and an empty regression accumulator
		BinaryAccumulator oneClass = new BinaryAccumulator(0.5);
		oneClass.add(0.7, 1);
		oneClass.add(0.2, 1);
		MetricAccumulator regression = Accumulators.create(Task.REGRESSION, 0.5);
		regression.add(1.0, Double.NaN);

		// when
		MetricIntervals binary = Intervals.of(oneClass, oneClass.result(), 50, 1);

		// then
		assertThat(binary.get(Metric.ROC_AUC)).isEmpty();
		assertThat(binary.get(Metric.SPECIFICITY)).isEmpty();
		assertThat(binary.get(Metric.RECALL)).isPresent();
		assertThat(Intervals.of(regression, regression.result(), 50, 1)).isEqualTo(MetricIntervals.NONE);
		assertThat(Intervals.of(new BinaryAccumulator(0.5), new BinaryAccumulator(0.5).result(), 50, 1))
			.isEqualTo(MetricIntervals.NONE);
	}

}
