package io.ratchet.metrics;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreHistogramTests {

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5 })
	void histogramRankingIsWithinItsComputedBoundOfTheExactOne(long seed) {
		// given random scores, some rounded so that many are tied, past the exact limit
		// of a small accumulator
		SplittableRandom random = new SplittableRandom(seed);
		BinaryAccumulator exact = new BinaryAccumulator(0.5);
		BinaryAccumulator bounded = new BinaryAccumulator(0.5, 1000);
		for (int i = 0; i < 50_000; i++) {
			double logit = random.nextGaussian() * (1 + seed);
			boolean positive = random.nextDouble() < 1 / (1 + Math.exp(-logit * 0.7));
			double score = 1 / (1 + Math.exp(-logit));
			if (i % 3 == 0) {
				score = Math.round(score * 1000) / 1000.0;
			}
			exact.add(score, positive ? 1 : 0);
			bounded.add(score, positive ? 1 : 0);
		}
		// when
		MetricValues exactValues = exact.result();
		MetricValues boundedValues = bounded.result();
		Ranking bounds = bounded.rankingErrorBounds();
		// then
		assertThat(exact.exactRanking()).isTrue();
		assertThat(bounded.exactRanking()).isFalse();
		assertThat(bounds.rocAuc()).isPositive().isLessThan(1e-3);
		// large groups of genuinely tied scores make the precision bound conservative
		// (their exact figure is the binned one)
		assertThat(bounds.averagePrecision()).isPositive().isLessThan(0.05);
		assertThat(boundedValues.get(Metric.ROC_AUC).getAsDouble())
			.isCloseTo(exactValues.get(Metric.ROC_AUC).getAsDouble(), within(bounds.rocAuc()));
		assertThat(boundedValues.get(Metric.AVERAGE_PRECISION).getAsDouble())
			.isCloseTo(exactValues.get(Metric.AVERAGE_PRECISION).getAsDouble(), within(bounds.averagePrecision()));
		for (Metric metric : new Metric[] { Metric.N, Metric.POSITIVES, Metric.LOG_LOSS, Metric.BRIER, Metric.F1 }) {
			assertThat(boundedValues.get(metric)).as(metric.toString()).isEqualTo(exactValues.get(metric));
		}
	}

	@Test
	void boundsAreTightWhenEveryScoreIsDistinctAndFarApart() {
		// given scores far enough apart to fall in distinct bins
		BinaryAccumulator exact = new BinaryAccumulator(0.5);
		BinaryAccumulator bounded = new BinaryAccumulator(0.5, 0);
		double[] scores = { 0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9 };
		int[] labels = { 0, 1, 0, 0, 1, 0, 1, 1 };
		for (int i = 0; i < scores.length; i++) {
			exact.add(scores[i], labels[i]);
			bounded.add(scores[i], labels[i]);
		}
		// when
		Ranking bounds = bounded.rankingErrorBounds();
		// then
		assertThat(bounds.rocAuc()).isZero();
		assertThat(bounds.averagePrecision()).isZero();
		assertThat(bounded.result()).isEqualTo(exact.result());
	}

	@Test
	void mergingPastTheLimitAndRestoringAHistogramStateGiveTheSameFigures() {
		// given three partitions whose scores together exceed the exact limit
		SplittableRandom random = new SplittableRandom(11);
		BinaryAccumulator direct = new BinaryAccumulator(0.5, 2500);
		BinaryAccumulator merged = new BinaryAccumulator(0.5, 2500);
		for (int p = 0; p < 3; p++) {
			BinaryAccumulator part = new BinaryAccumulator(0.5);
			for (int i = 0; i < 1000; i++) {
				double score = random.nextDouble();
				double label = (random.nextDouble() < score) ? 1 : 0;
				part.add(score, label);
				direct.add(score, label);
			}
			merged.merge(Accumulators.fromBytes(part.task(), 0.5, part.toBytes()));
		}
		// when
		MetricAccumulator restored = Accumulators.fromBytes(merged.task(), 0.5, merged.toBytes());
		// then
		assertThat(merged.exactRanking()).isFalse();
		assertThat(merged.result()).isEqualTo(direct.result());
		assertThat(restored.result()).isEqualTo(direct.result());
		assertThat(restored.toBytes()).isEqualTo(merged.toBytes());
	}

	@Test
	void aLargeStateIsStoredAsACompactHistogramWithinTheBound() {
		// given a month with more scores than a state keeps exactly
		SplittableRandom random = new SplittableRandom(17);
		BinaryAccumulator month = new BinaryAccumulator(0.5);
		for (int i = 0; i < BinaryAccumulator.STATE_EXACT_LIMIT + 1000; i++) {
			double score = 1 / (1 + Math.exp(-random.nextGaussian() * 2));
			month.add(score, (random.nextDouble() < score) ? 1 : 0);
		}
		// when
		byte[] state = month.toBytes();
		BinaryAccumulator restored = (BinaryAccumulator) Accumulators.fromBytes(month.task(), 0.5, state);
		// then
		assertThat(month.exactRanking()).isTrue();
		assertThat(restored.exactRanking()).isFalse();
		assertThat(state.length).isLessThan(BinaryAccumulator.STATE_EXACT_LIMIT * 4);
		Ranking bounds = restored.rankingErrorBounds();
		MetricValues exact = month.result();
		MetricValues approximate = restored.result();
		assertThat(approximate.get(Metric.ROC_AUC).getAsDouble()).isCloseTo(exact.get(Metric.ROC_AUC).getAsDouble(),
				within(bounds.rocAuc()));
		assertThat(approximate.get(Metric.AVERAGE_PRECISION).getAsDouble())
			.isCloseTo(exact.get(Metric.AVERAGE_PRECISION).getAsDouble(), within(bounds.averagePrecision()));
		assertThat(approximate.get(Metric.LOG_LOSS)).isEqualTo(exact.get(Metric.LOG_LOSS));
		assertThat(Accumulators.fromBytes(month.task(), 0.5, restored.toBytes()).result()).isEqualTo(approximate);
	}

	@Test
	void binsAreMonotoneInTheScore() {
		// given
		double[] scores = { -1, 0, 1e-300, 1e-20, 1e-9, 0.25, 0.5, 0.5 + 1e-12, 0.75, 1 - 1e-12, 1, 7 };
		// when / then
		for (int i = 1; i < scores.length; i++) {
			assertThat(ScoreHistogram.bin(scores[i])).isGreaterThanOrEqualTo(ScoreHistogram.bin(scores[i - 1]));
		}
		assertThat(ScoreHistogram.bin(0.5)).isEqualTo(ScoreHistogram.BINS / 2);
		assertThat(ScoreHistogram.bin(0.75)).isGreaterThan(ScoreHistogram.bin(0.5 + 1e-4));
	}

}
