package io.ratchet.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * CBPE by hand: the expected confusion matrix, the figures read from it, the expected ROC
 * curve's area, and what is undefined. The comparison with the reference is
 * {@link CbpeOracleTests}.
 */
class ExpectedPerformanceTests {

	@Test
	void tiedScoresAndTheThresholdGiveTheExpectedCountsAndArea() {
		// given: two rows at 0.8 (a tie) and one at 0.2
		ExpectedPerformance expected = new ExpectedPerformance(0.5);
		expected.add(0.8);
		expected.add(0.2);
		expected.add(0.8);

		// when
		PerformanceEstimate estimate = expected.estimate();

		// then: E[TP] = 1.6, E[FP] = 0.4, E[FN] = 0.2, E[TN] = 0.8
		assertThat(estimate.rows()).isEqualTo(3);
		assertThat(estimate.expectedTp()).isCloseTo(1.6, within(1e-15));
		assertThat(estimate.expectedFp()).isCloseTo(0.4, within(1e-15));
		assertThat(estimate.expectedFn()).isCloseTo(0.2, within(1e-15));
		assertThat(estimate.expectedTn()).isCloseTo(0.8, within(1e-15));
		assertThat(estimate.accuracy()).isCloseTo(2.4 / 3, within(1e-15));
		assertThat(estimate.precision()).isCloseTo(0.8, within(1e-15));
		assertThat(estimate.recall()).isCloseTo(1.6 / 1.8, within(1e-15));
		assertThat(estimate.f1()).isCloseTo(3.2 / 3.8, within(1e-15));
		// curve (0,0) -> (1/3, 8/9) -> (1,1): 1/3 * 8/9 / 2 + 2/3 * 17/9 / 2 = 7/9
		assertThat(estimate.rocAuc()).isCloseTo(7.0 / 9, within(1e-15));
		assertThat(estimate.values().get(Metric.ROC_AUC)).hasValueCloseTo(7.0 / 9, within(1e-15));
		assertThat(estimate.values().get(Metric.N)).hasValue(3);
	}

	@Test
	void aScoreAtTheThresholdIsPredictedPositive() {
		// given
		ExpectedPerformance expected = new ExpectedPerformance(0.5);
		expected.add(0.5);

		// when
		PerformanceEstimate estimate = expected.estimate();

		// then
		assertThat(estimate.expectedTp()).isEqualTo(0.5);
		assertThat(estimate.expectedFn()).isZero();
	}

	@Test
	void figuresWithoutExpectedPositivesOrPredictedPositivesAreAbsentOrZero() {
		// given: every score 0, so no positive is expected and none predicted
		ExpectedPerformance expected = new ExpectedPerformance(0.5);
		expected.add(0);
		expected.add(0);

		// when
		PerformanceEstimate estimate = expected.estimate();

		// then
		assertThat(estimate.precision()).isZero();
		assertThat(estimate.values().get(Metric.ROC_AUC)).isEmpty();
		assertThat(estimate.values().get(Metric.RECALL)).isEmpty();
		assertThat(estimate.values().get(Metric.ACCURACY)).hasValue(1.0);
	}

	@Test
	void aScoreOutsideZeroToOneIsRefused() {
		// given
		ExpectedPerformance expected = new ExpectedPerformance(0.5);

		// when / then
		assertThatIllegalArgumentException().isThrownBy(() -> expected.add(1.5)).withMessageContaining("1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> expected.add(Double.NaN));
	}

	@Test
	void calibrationErrorIsTheRowWeightedGapPerBin() {
		// given: bin [0, 0.1) with mean score 0.05 and half positive; bin [0.9, 1] with
		// mean 0.95, all positive
		Calibration calibration = new Calibration();
		calibration.add(0.05, 0);
		calibration.add(0.05, 1);
		calibration.add(0.95, 1);
		calibration.add(1.0, 1);

		// when
		double error = calibration.expectedError();

		// then: 2/4 * 0.45 + 2/4 * 0.025
		assertThat(calibration.rows()).isEqualTo(4);
		assertThat(error).isCloseTo(0.5 * 0.45 + 0.5 * 0.025, within(1e-12));
		assertThat(new Calibration().expectedError()).isNaN();
	}

}
