package io.ratchet.training;

import java.util.OptionalDouble;
import java.util.Random;

import io.ratchet.data.ValueMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tuning a decision threshold: the sweep finds the threshold a brute-force count over
 * every candidate threshold finds.
 */
class ThresholdTuningTests {

	@Test
	void theSweepFindsTheBestThresholdOfABruteForceCount() {
		// given: scores with ties, labels drawn from them
		Random random = new Random(11);
		int n = 500;
		double[] scores = new double[n];
		boolean[] positive = new boolean[n];
		for (int i = 0; i < n; i++) {
			scores[i] = Math.round(random.nextDouble() * 100) / 100.0;
			positive[i] = random.nextDouble() < scores[i] * scores[i];
		}
		for (String key : ThresholdObjective.KEYS) {
			ThresholdObjective objective = ThresholdObjective.forKey(key, ValueMatrix.binary(10, -5, 0, -20));

			// when
			OptionalDouble tuned = ThresholdTuning.best(scores, positive, objective);

			// then
			assertThat(tuned).as(key).hasValue(bruteForce(scores, positive, objective));
		}
	}

	@Test
	void scoresOfZeroOrOneAreNoThreshold() {
		// given: scores only at the ends
		double[] scores = { 0.0, 1.0, 1.0, 0.0 };
		boolean[] positive = { false, true, true, false };

		// when / then
		assertThat(ThresholdTuning.best(scores, positive, ThresholdObjective.forKey("f1"))).isEmpty();
	}

	@Test
	void ofEquallyGoodThresholdsTheHighestIsChosen() {
		// given: every threshold in (0.2, 0.8] separates the classes
		double[] scores = { 0.1, 0.2, 0.8, 0.9 };
		boolean[] positive = { false, false, true, true };

		// when / then
		assertThat(ThresholdTuning.best(scores, positive, ThresholdObjective.forKey("accuracy"))).hasValue(0.8);
	}

	@Test
	void theBusinessValueObjectiveValuesTheCountsByTheMatrixAndNeedsOne() {
		// given: a false negative costs 20, a false positive 5, so a low threshold pays
		double[] scores = { 0.1, 0.2, 0.3, 0.6, 0.9 };
		boolean[] positive = { false, false, true, false, true };
		ThresholdObjective value = ThresholdObjective.forKey("business_value", ValueMatrix.binary(10, -5, 0, -20));

		// when / then: at 0.3, 2 tp and 1 fp give 15; at 0.6, 1 tp 1 fp 1 fn give -15
		assertThat(value.value(2, 1, 2, 0)).isEqualTo(15.0);
		assertThat(ThresholdTuning.best(scores, positive, value)).hasValue(0.3);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> ThresholdObjective.forKey("business_value"))
			.withMessageStartingWith("business_value needs the dataset's value matrix, and it has none");
	}

	/** Counts the confusion matrix anew at every distinct score in (0, 1). */
	private static double bruteForce(double[] scores, boolean[] positive, ThresholdObjective objective) {
		double best = Double.NEGATIVE_INFINITY;
		double chosen = Double.NaN;
		double[] candidates = java.util.Arrays.stream(scores).filter((s) -> s > 0 && s < 1).distinct().toArray();
		java.util.Arrays.sort(candidates);
		for (int c = candidates.length - 1; c >= 0; c--) {
			long tp = 0;
			long fp = 0;
			long tn = 0;
			long fn = 0;
			for (int i = 0; i < scores.length; i++) {
				boolean predicted = scores[i] >= candidates[c];
				tp += (predicted && positive[i]) ? 1 : 0;
				fp += (predicted && !positive[i]) ? 1 : 0;
				tn += (!predicted && !positive[i]) ? 1 : 0;
				fn += (!predicted && positive[i]) ? 1 : 0;
			}
			double value = objective.value(tp, fp, tn, fn);
			if (value > best) {
				best = value;
				chosen = candidates[c];
			}
		}
		return chosen;
	}

}
