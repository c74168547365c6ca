package io.ratchet.metrics;

import java.util.List;
import java.util.Random;

import io.ratchet.data.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The confusion matrix at many thresholds from a stored state: the same counts as
 * counting the scores directly, ties at a threshold predicted positive, and the model's
 * own threshold giving the state's own matrix.
 */
class ThresholdSweepTests {

	@Test
	void eachThresholdCountsTheScoresAtLeastIt() {
		// given: 2,000 scores on a grid of 0.005, so that many fall exactly on a
		// threshold
		Random random = new Random(11);
		double[] scores = new double[2000];
		double[] labels = new double[scores.length];
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.3);
		for (int i = 0; i < scores.length; i++) {
			scores[i] = Math.round(random.nextDouble() * 200) / 200.0;
			labels[i] = (random.nextDouble() < scores[i]) ? 1 : 0;
			accumulator.add(scores[i], labels[i]);
		}
		accumulator.add(0.9, Double.NaN);
		double[] thresholds = { 0.7, 0.0, 0.3, 1.0, 0.255, 0.5, 1.5 };

		// when
		List<ScoreCurves.Confusion> matrices = ThresholdSweep.at(accumulator.toBytes(), thresholds);

		// then
		assertThat(matrices).hasSize(thresholds.length);
		for (int t = 0; t < thresholds.length; t++) {
			long tp = 0;
			long fp = 0;
			long tn = 0;
			long fn = 0;
			for (int i = 0; i < scores.length; i++) {
				boolean called = scores[i] >= thresholds[t];
				if (labels[i] == 1) {
					tp += called ? 1 : 0;
					fn += called ? 0 : 1;
				}
				else {
					fp += called ? 1 : 0;
					tn += called ? 0 : 1;
				}
			}
			assertThat(matrices.get(t)).as("threshold " + thresholds[t])
				.isEqualTo(new ScoreCurves.Confusion(thresholds[t], tp, fp, tn, fn));
		}
		ScoreCurves.Confusion own = ScoreCurves.fromState(accumulator.toBytes()).confusion();
		assertThat(matrices.get(2)).isEqualTo(own);
		assertThat(matrices.get(1).truePositives() + matrices.get(1).falsePositives()).isEqualTo(2000);
		assertThat(matrices.get(6).truePositives() + matrices.get(6).falsePositives()).isZero();
	}

	@Test
	void aStateThatIsNotBinaryIsRefused() {
		MetricAccumulator regression = Accumulators.create(Task.REGRESSION, 0.5);
		regression.add(1.0, 2.0);
		assertThatThrownBy(() -> ThresholdSweep.at(regression.toBytes(), 0.5)).isInstanceOf(MetricStateException.class);
	}

}
