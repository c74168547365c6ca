package io.ratchet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The double boundaries stand for float32 comparisons exactly: checked on every double
 * next to the boundary and on random values, for random and special thresholds.
 */
class Float32ThresholdsTests {

	private static final SplittableRandom RANDOM = new SplittableRandom(20260601);

	@Test
	void belowRoutesEveryDoubleAsAFloat32LessThan() {
		for (float t : thresholds()) {
			// given
			double d = Float32Thresholds.below(t);
			for (double x : around(t, d)) {
				// when / then
				assertThat(x < d).as("x=%s (float %s) against t=%s, boundary %s", x, (float) x, t, d)
					.isEqualTo((float) x < t);
			}
		}
	}

	@Test
	void atMostRoutesEveryDoubleAsAFloat32AtMostAFloat64Threshold() {
		List<Double> thresholds = new ArrayList<>(List.of(0.5, 0.30000000447034836, 8.349999904632568, -0.0, 0.0,
				1e-300, -1e-300, 1013.5499877929688, Double.MAX_VALUE, -Double.MAX_VALUE, 3.4e38, 3.5e38, -3.5e38));
		for (int i = 0; i < 2000; i++) {
			thresholds.add((RANDOM.nextDouble() - 0.5) * Math.pow(10, RANDOM.nextInt(-40, 40)));
		}
		for (double t : thresholds) {
			// given
			double d = Float32Thresholds.atMost(t);
			for (double x : around(t, d)) {
				// when / then
				assertThat(x < d).as("x=%s (float %s) against t=%s, boundary %s", x, (float) x, t, d)
					.isEqualTo((float) x <= t);
			}
		}
	}

	@Test
	void aNaNThresholdIsRefused() {
		assertThatThrownBy(() -> Float32Thresholds.below(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Float32Thresholds.atMost(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
	}

	private static List<Float> thresholds() {
		List<Float> thresholds = new ArrayList<>(
				List.of(0.5f, 0.1f, -0.1f, 0.0f, -0.0f, 1f, 2f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
						Float.MAX_VALUE, -Float.MAX_VALUE, 1013.6f, 8.4f, 1e-45f, Float.POSITIVE_INFINITY));
		for (int i = 0; i < 2000; i++) {
			thresholds.add(Float.intBitsToFloat(RANDOM.nextInt()));
		}
		thresholds.removeIf((t) -> Float.isNaN(t));
		return thresholds;
	}

	/**
	 * Doubles next to the threshold, the boundary and the neighbouring floats, infinities
	 * and random values.
	 */
	private static List<Double> around(double t, double d) {
		List<Double> xs = new ArrayList<>(List.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0,
				Double.MAX_VALUE, -Double.MAX_VALUE));
		for (double centre : new double[] { t, d, Math.nextDown((float) t), Math.nextUp((float) t) }) {
			if (!Double.isFinite(centre)) {
				continue;
			}
			double x = centre;
			for (int step = 0; step < 4; step++) {
				x = Math.nextDown(x);
			}
			for (int step = 0; step < 9; step++) {
				xs.add(x);
				x = Math.nextUp(x);
			}
		}
		for (int i = 0; i < 20; i++) {
			xs.add(Double.isFinite(t) ? t * (1 + (RANDOM.nextDouble() - 0.5) * 1e-6) : RANDOM.nextDouble());
		}
		return xs;
	}

}
