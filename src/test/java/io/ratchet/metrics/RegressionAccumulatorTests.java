package io.ratchet.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.ratchet.data.Task;

import static io.ratchet.metrics.BinaryAccumulatorTests.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class RegressionAccumulatorTests {

	private static final double EXACT = 1e-12;

	@Test
	void smallMonthWorkedByHand() {
		// given: labels 1, 2, 4, 5 and predictions 2, 2, 3, 7, plus one unlabelled row
		MetricAccumulator accumulator = Accumulators.create(Task.REGRESSION, 0.5);
		// when
		accumulator.add(2, 1);
		accumulator.add(2, 2);
		accumulator.add(100, Double.NaN);
		accumulator.add(3, 4);
		accumulator.add(7, 5);
		MetricValues values = accumulator.result();
		// then
		assertThat(values.n()).isEqualTo(4);
		assertThat(accumulator.unlabelled()).isEqualTo(1);
		// 12 / 4 and 14 / 4
		assertThat(value(values, Metric.MEAN_LABEL)).isCloseTo(3.0, within(EXACT));
		assertThat(value(values, Metric.MEAN_PREDICTION)).isCloseTo(3.5, within(EXACT));
		// errors (prediction - label) 1, 0, -1, 2: MAE 4/4, bias 2/4, MSE (1 + 0 + 1 + 4)
		// / 4 = 1.5
		assertThat(value(values, Metric.MAE)).isCloseTo(1.0, within(EXACT));
		assertThat(value(values, Metric.BIAS)).isCloseTo(0.5, within(EXACT));
		assertThat(value(values, Metric.RMSE)).isCloseTo(Math.sqrt(1.5), within(EXACT));
		// SS_tot = 4 + 1 + 1 + 4 = 10, SS_res = 6: R2 = 1 - 6/10
		assertThat(value(values, Metric.R2)).isCloseTo(0.4, within(EXACT));
		// (1/1 + 0/2 + 1/4 + 2/5) / 4 = 1.65 / 4
		assertThat(value(values, Metric.MAPE)).isCloseTo(0.4125, within(EXACT));
	}

	@Test
	void constantLabelHasNoR2() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.REGRESSION, 0.5);
		// when
		accumulator.add(1, 3);
		accumulator.add(5, 3);
		MetricValues values = accumulator.result();
		// then: SS_tot = 0
		assertThat(values.values()).doesNotContainKey(Metric.R2).containsKeys(Metric.MAE, Metric.RMSE);
		assertThat(value(values, Metric.MAE)).isCloseTo(2.0, within(EXACT));
	}

	@Test
	void zeroLabelUsesMachineEpsilonInMape() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.REGRESSION, 0.5);
		// when
		accumulator.add(1e-16, 0);
		accumulator.add(3, 2);
		// then: (1e-16 / 2.220446049250313e-16 + 1/2) / 2 ≈ (0.4504 + 0.5) / 2
		double expected = (1e-16 / 2.220446049250313e-16 + 0.5) / 2;
		assertThat(value(accumulator.result(), Metric.MAPE)).isCloseTo(expected, within(EXACT))
			.isCloseTo(0.4752, within(1e-4));
	}

	@Test
	void unlabelledOnlyHasOnlyN() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.REGRESSION, 0.5);
		// when
		accumulator.add(1, Double.NaN);
		// then
		assertThat(accumulator.result().values()).containsOnlyKeys(Metric.N);
		assertThat(accumulator.labelled()).isZero();
		assertThat(accumulator.unlabelled()).isOne();
		assertThat(accumulator.task()).isEqualTo(Task.REGRESSION);
	}

	@Test
	void r2IsStableForALargeMeanAndASmallSpread() {
		// given: labels around 1e9 with a spread of about 0.01 (a few hundred units in
		// the last place), predictions off
		// by about 0.003; Welford's running mean or sums of y and y² lose several digits
		// of SS_tot here
		Random random = new Random(42L);
		int count = 20_000;
		double[] labels = new double[count];
		double[] predictions = new double[count];
		for (int i = 0; i < count; i++) {
			labels[i] = 1e9 + 0.01 * random.nextGaussian();
			predictions[i] = labels[i] + 0.003 * random.nextGaussian();
		}
		// when: one pass, and twenty partitions merged
		MetricAccumulator single = Accumulators.create(Task.REGRESSION, 0.5);
		MetricAccumulator merged = Accumulators.create(Task.REGRESSION, 0.5);
		MetricAccumulator part = Accumulators.create(Task.REGRESSION, 0.5);
		for (int i = 0; i < count; i++) {
			single.add(predictions[i], labels[i]);
			part.add(predictions[i], labels[i]);
			if (i % 1000 == 999) {
				merged.merge(part);
				part = Accumulators.create(Task.REGRESSION, 0.5);
			}
		}
		// then: within 1e-12 of the exact value, computed in decimal arithmetic
		double exact = exactR2(labels, predictions);
		assertThat(exact).isBetween(0.85, 0.95);
		assertThat(value(single.result(), Metric.R2)).isCloseTo(exact, within(1e-12));
		assertThat(value(merged.result(), Metric.R2)).isCloseTo(exact, within(1e-12));
		assertThat(value(merged.result(), Metric.MEAN_LABEL)).isCloseTo(exactMean(labels), within(1e-6));
	}

	@Test
	void rejectsNonFiniteValues() {
		// given
		MetricAccumulator accumulator = Accumulators.create(Task.REGRESSION, 0.5);
		// when / then
		assertThatIllegalArgumentException().isThrownBy(() -> accumulator.add(1, Double.POSITIVE_INFINITY))
			.withMessageContaining("label must be a finite number");
		assertThatIllegalArgumentException().isThrownBy(() -> accumulator.add(Double.NaN, 1))
			.withMessageContaining("prediction must be a finite number");
		assertThat(accumulator.labelled()).isZero();
	}

	private static double exactMean(double[] values) {
		BigDecimal sum = BigDecimal.ZERO;
		for (double value : values) {
			sum = sum.add(new BigDecimal(value));
		}
		return sum.divide(BigDecimal.valueOf(values.length), MathContext.DECIMAL128).doubleValue();
	}

	private static double exactR2(double[] labels, double[] predictions) {
		BigDecimal mean = new BigDecimal(0);
		for (double label : labels) {
			mean = mean.add(new BigDecimal(label));
		}
		mean = mean.divide(BigDecimal.valueOf(labels.length), MathContext.DECIMAL128);
		BigDecimal total = BigDecimal.ZERO;
		BigDecimal residual = BigDecimal.ZERO;
		for (int i = 0; i < labels.length; i++) {
			BigDecimal deviation = new BigDecimal(labels[i]).subtract(mean);
			total = total.add(deviation.multiply(deviation));
			BigDecimal error = new BigDecimal(predictions[i]).subtract(new BigDecimal(labels[i]));
			residual = residual.add(error.multiply(error));
		}
		return BigDecimal.ONE.subtract(residual.divide(total, MathContext.DECIMAL128)).doubleValue();
	}

}
