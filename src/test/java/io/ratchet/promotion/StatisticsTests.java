package io.ratchet.promotion;

import java.util.Random;

import io.ratchet.data.Task;
import io.ratchet.metrics.Metric;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * DeLong's test and the paired bootstrap against figures worked out independently: the
 * DeLong example was computed with numpy/scipy from the pairwise definition (ψ over every
 * positive-negative pair, not midranks), see the numbers in each test.
 */
class StatisticsTests {

	static final double[] LABELS = { 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1 };

	static final double[] CHAMPION = { 0.9, 0.3, 0.7, 0.6, 0.6, 0.2, 0.8, 0.4, 0.35, 0.1, 0.5, 0.75, 0.3, 0.45, 0.55,
			0.2, 0.65, 0.4, 0.15, 0.3 };

	static final double[] CANDIDATE = { 0.8, 0.2, 0.9, 0.5, 0.4, 0.3, 0.85, 0.2, 0.6, 0.1, 0.45, 0.7, 0.25, 0.6, 0.5,
			0.35, 0.7, 0.1, 0.2, 0.55 };

	@Test
	void deLongMatchesThePairwiseDefinitionComputedWithNumpy() {
		// when
		DeLong.Result result = DeLong.test(LABELS, CHAMPION, CANDIDATE);
		Comparison comparison = DeLong.compare(LABELS, CHAMPION, CANDIDATE);

		// then: numpy/scipy, pairwise psi with ties = 1/2, np.cov, 2 * norm.sf(|z|)
		assertThat(result.championAuc()).isCloseTo(0.8535353535353535, within(1e-12));
		assertThat(result.candidateAuc()).isCloseTo(0.9949494949494949, within(1e-12));
		assertThat(result.championVariance()).isCloseTo(0.007585960616263647, within(1e-12));
		assertThat(result.candidateVariance()).isCloseTo(5.101520253035403e-05, within(1e-12));
		assertThat(result.covariance()).isCloseTo(3.0609121518212543e-05, within(1e-12));
		assertThat(result.variance()).isCloseTo(0.007575757575757576, within(1e-12));
		assertThat(result.z()).isCloseTo(1.6247247889198466, within(1e-9));
		assertThat(result.p()).isCloseTo(0.10422121296801411, within(1e-6));
		assertThat(comparison.lower()).isCloseTo(-0.029178826679019693, within(1e-9));
		assertThat(comparison.upper()).isCloseTo(0.3120071095073026, within(1e-9));
		assertThat(comparison.difference()).isCloseTo(0.14141414141414144, within(1e-12));
	}

	@Test
	void deLongAucIsTheBacktestAccumulatorsAuc() {
		// given: many tied scores
		Random random = new Random(3);
		int n = 5000;
		double[] labels = new double[n];
		double[] a = new double[n];
		double[] b = new double[n];
		for (int i = 0; i < n; i++) {
			double x = random.nextGaussian();
			labels[i] = (random.nextDouble() < 1 / (1 + Math.exp(-2 * x))) ? 1 : 0;
			a[i] = Math.round(10 / (1 + Math.exp(-x))) / 10.0;
			b[i] = 1 / (1 + Math.exp(-x - 0.3 * random.nextGaussian()));
		}
		RowMetric auc = new RowMetric(Task.BINARY, Metric.ROC_AUC, 0.5);

		// when
		DeLong.Result result = DeLong.test(labels, a, b);

		// then
		assertThat(result.championAuc()).isCloseTo(auc.of(labels, a).getAsDouble(), within(1e-12));
		assertThat(result.candidateAuc()).isCloseTo(auc.of(labels, b).getAsDouble(), within(1e-12));
	}

	@Test
	void deLongOfAModelAgainstItselfHasNoDifference() {
		DeLong.Result result = DeLong.test(LABELS, CHAMPION, CHAMPION);

		assertThat(result.difference()).isZero();
		assertThat(result.variance()).isCloseTo(0, within(1e-15));
		assertThat(result.p()).isCloseTo(1.0, within(1e-6));
	}

	@Test
	void deLongNeedsTwoRowsOfEachClass() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeLong.test(new double[] { 1, 0, 0 }, new double[] { 0.1, 0.2, 0.3 },
					new double[] { 0.1, 0.2, 0.3 }))
			.withMessageContaining("two rows of each class (1 positive, 2 negative)");
	}

	@Test
	void midranksShareTheMeanRankOfTies() {
		assertThat(DeLong.midranks(new double[] { 0.5, 0.1, 0.5, 0.9, 0.5 })).containsExactly(3, 1, 3, 5, 3);
	}

	@Test
	void percentilesInterpolateAsNumpyDoes() {
		double[] sorted = { -0.4, -0.1, 0.05, 0.12, 0.25, 0.3, 0.7 };

		// numpy.percentile(v, 2.5) = -0.355, numpy.percentile(v, 97.5) = 0.64
		assertThat(PairedBootstrap.percentile(sorted, 0.025)).isCloseTo(-0.355, within(1e-12));
		assertThat(PairedBootstrap.percentile(sorted, 0.975)).isCloseTo(0.64, within(1e-12));
	}

	@Test
	void eachModelIsComparedAtItsOwnThreshold() {
		// given: the champion operated at 0.3, the candidate at 0.7
		PairedRows rows = world(2000, 5);
		RowMetric champion = new RowMetric(Task.BINARY, Metric.ACCURACY, 0.3);
		RowMetric candidate = champion.at(0.7);

		// when
		Comparison comparison = PairedBootstrap.compare(champion, candidate, rows, 200, 1);

		// then: each figure is the direct count at the model's own threshold
		assertThat(comparison.champion()).isEqualTo(accuracy(rows.labels(), rows.champion(), 0.3));
		assertThat(comparison.candidate()).isEqualTo(accuracy(rows.labels(), rows.candidate(), 0.7));
		assertThat(comparison.candidate()).isNotEqualTo(accuracy(rows.labels(), rows.candidate(), 0.3));
		assertThat(comparison.difference()).isCloseTo(comparison.candidate() - comparison.champion(), within(1e-15));
		assertThat(PairedBootstrap.compare(champion, champion, rows, 200, 1))
			.isEqualTo(PairedBootstrap.compare(champion, rows, 200, 1));
	}

	private static double accuracy(double[] labels, double[] scores, double threshold) {
		int right = 0;
		for (int i = 0; i < labels.length; i++) {
			right += ((scores[i] >= threshold) == (labels[i] == 1)) ? 1 : 0;
		}
		return (double) right / labels.length;
	}

	@Test
	void theBootstrapIntervalContainsTheTrueDifferenceAndIsReproducible() {
		// given: the population difference of Brier scores, from a million rows of the
		// same world
		RowMetric brier = new RowMetric(Task.BINARY, Metric.BRIER, 0.5);
		PairedRows population = world(1_000_000, 1);
		double truth = brier.sign() * (brier.of(population.labels(), population.candidate()).getAsDouble()
				- brier.of(population.labels(), population.champion()).getAsDouble());
		PairedRows sample = world(3000, 2);

		// when
		Comparison first = PairedBootstrap.compare(brier, sample, 500, 42);
		Comparison again = PairedBootstrap.compare(brier, sample, 500, 42);
		Comparison otherSeed = PairedBootstrap.compare(brier, sample, 500, 43);

		// then: lower is better for Brier, so a better candidate has a positive
		// difference
		assertThat(truth).isPositive();
		assertThat(first.difference()).isPositive();
		assertThat(first.lower()).isLessThan(truth);
		assertThat(first.upper()).isGreaterThan(truth);
		assertThat(first.lower()).isPositive();
		assertThat(again).isEqualTo(first);
		assertThat(otherSeed.lower()).isNotEqualTo(first.lower());
		assertThat(first.resamples()).isEqualTo(500);
		assertThat(first.difference()).isCloseTo(first.champion() - first.candidate(), within(1e-15));
	}

	@Test
	void theBootstrapOfTheAucAgreesWithDeLong() {
		// given
		PairedRows sample = world(3000, 5);
		RowMetric auc = new RowMetric(Task.BINARY, Metric.ROC_AUC, 0.5);

		// when
		Comparison bootstrap = PairedBootstrap.compare(auc, sample, 400, 7);
		Comparison deLong = DeLong.compare(sample.labels(), sample.champion(), sample.candidate());

		// then: the same estimate, and intervals of about the same width
		assertThat(bootstrap.difference()).isCloseTo(deLong.difference(), within(1e-12));
		double width = deLong.upper() - deLong.lower();
		assertThat(bootstrap.upper() - bootstrap.lower()).isCloseTo(width, within(width * 0.2));
	}

	@Test
	void aMetricWithoutDirectionCannotCompare() {
		RowMetric n = new RowMetric(Task.BINARY, Metric.N, 0.5);

		assertThatIllegalArgumentException().isThrownBy(() -> PairedBootstrap.compare(n, world(50, 1), 100, 1))
			.withMessageContaining("no better direction");
		assertThatIllegalArgumentException().isThrownBy(() -> new RowMetric(Task.BINARY, Metric.RMSE, 0.5))
			.withMessageContaining("not a binary metric");
	}

	/**
	 * Labels from a logistic world; the candidate sees the signal, the champion a noisier
	 * copy of it.
	 */
	static PairedRows world(int n, long seed) {
		Random random = new Random(seed);
		double[] labels = new double[n];
		double[] champion = new double[n];
		double[] candidate = new double[n];
		for (int i = 0; i < n; i++) {
			double x = random.nextGaussian();
			labels[i] = (random.nextDouble() < 1 / (1 + Math.exp(-2 * x))) ? 1 : 0;
			candidate[i] = 1 / (1 + Math.exp(-2 * x));
			champion[i] = 1 / (1 + Math.exp(-2 * (x + 0.6 * random.nextGaussian())));
		}
		return PairedRows.of(labels, champion, candidate);
	}

}
