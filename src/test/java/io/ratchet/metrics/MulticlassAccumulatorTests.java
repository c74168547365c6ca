package io.ratchet.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.ratchet.data.Task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link MulticlassAccumulator} against scikit-learn 1.2.1's figures
 * ({@code src/test/resources/oracle/multiclass/make_reference.py} wrote them), merged
 * from parts, through its stored state, and on bad input.
 */
class MulticlassAccumulatorTests {

	private static final int CLASSES = 4;

	private static final Map<String, Metric> METRICS = Map.of("roc_auc_ovr_macro", Metric.ROC_AUC_OVR_MACRO,
			"roc_auc_ovr_weighted", Metric.ROC_AUC_OVR_WEIGHTED, "log_loss", Metric.LOG_LOSS, "accuracy",
			Metric.ACCURACY, "f1_macro", Metric.F1_MACRO);

	@Test
	void eachMonthAndTheMergedWholeEqualScikitLearn() throws IOException {
		// given: the reference rows by month, and scikit-learn's figures
		Map<String, MulticlassAccumulator> months = new LinkedHashMap<>();
		for (String[] row : csv("rows.csv")) {
			months.computeIfAbsent(row[0], (month) -> new MulticlassAccumulator(CLASSES))
				.add(probabilities(row), Double.parseDouble(row[1]));
		}
		List<String[]> reference = csv("reference.csv");
		assertThat(reference).hasSize(15);
		// when: the whole is merged from the months' stored states
		MulticlassAccumulator whole = new MulticlassAccumulator(CLASSES);
		months.values().forEach((month) -> whole.merge(Accumulators.fromBytes(Task.MULTICLASS, 0.5, month.toBytes())));
		// then: every figure within 1e-12
		for (String[] figure : reference) {
			MetricAccumulator accumulator = figure[0].equals("ALL") ? whole : months.get(figure[0]);
			assertThat(accumulator.result().get(METRICS.get(figure[1]))).as(figure[0] + " " + figure[1])
				.hasValueCloseTo(Double.parseDouble(figure[2]), within(1e-12));
		}
		assertThat(whole.result().n()).isEqualTo(400);
	}

	@Test
	void mergeOfRandomPartsEqualsOnePass() {
		Random random = new Random(77L);
		for (int round = 0; round < 10; round++) {
			// given: 3 classes, tied probabilities, unlabelled rows, cut into random
			// parts
			MulticlassAccumulator single = new MulticlassAccumulator(3);
			List<MulticlassAccumulator> parts = new ArrayList<>();
			for (int i = 0; i < 1 + random.nextInt(6); i++) {
				parts.add(new MulticlassAccumulator(3));
			}
			for (int i = 0; i < 2000; i++) {
				double[] p = randomProbabilities(random, 3);
				double label = (random.nextDouble() < 0.05) ? Double.NaN : random.nextInt(3);
				single.add(p, label);
				parts.get(random.nextInt(parts.size())).add(p, label);
			}
			// when: merged directly and through stored states
			MulticlassAccumulator merged = new MulticlassAccumulator(3);
			MulticlassAccumulator restored = new MulticlassAccumulator(3);
			for (MulticlassAccumulator part : parts) {
				merged.merge(part);
				restored.merge(MulticlassAccumulator.fromBytes(part.toBytes()));
			}
			// then: the same figures as one pass (sums to rounding), the same counts
			for (MulticlassAccumulator other : List.of(merged, restored)) {
				assertThat(other.labelled()).isEqualTo(single.labelled());
				assertThat(other.unlabelled()).isEqualTo(single.unlabelled());
				single.result()
					.values()
					.forEach((metric, value) -> assertThat(other.result().get(metric)).as(metric.key())
						.hasValueCloseTo(value, within(1e-12)));
				assertThat(other.result().values().keySet()).isEqualTo(single.result().values().keySet());
			}
		}
	}

	@Test
	void mergingWithItselfDoublesEveryCount() {
		// given
		MulticlassAccumulator accumulator = new MulticlassAccumulator(3);
		accumulator.add(new double[] { 0.7, 0.2, 0.1 }, 0);
		accumulator.add(new double[] { 0.2, 0.5, 0.3 }, 2);
		accumulator.add(new double[] { 0.1, 0.1, 0.8 }, 1);
		MetricValues before = accumulator.result();
		// when
		accumulator.merge(accumulator);
		// then: rates unchanged, rows doubled
		assertThat(accumulator.labelled()).isEqualTo(6);
		assertThat(accumulator.result().get(Metric.LOG_LOSS)).hasValueCloseTo(before.get(Metric.LOG_LOSS).orElseThrow(),
				within(1e-15));
		assertThat(accumulator.result().get(Metric.ROC_AUC_OVR_MACRO))
			.hasValueCloseTo(before.get(Metric.ROC_AUC_OVR_MACRO).orElseThrow(), within(1e-15));
	}

	@Test
	void handComputedSmallCase() {
		// given: 3 rows, one per class; the second is predicted as class 2
		MulticlassAccumulator accumulator = new MulticlassAccumulator(3);
		accumulator.add(new double[] { 0.6, 0.3, 0.1 }, 0);
		accumulator.add(new double[] { 0.2, 0.3, 0.5 }, 1);
		accumulator.add(new double[] { 0.1, 0.2, 0.7 }, 2);
		// when
		MetricValues values = accumulator.result();
		// then: accuracy 2/3; F1 per class 1, 0, 2/3; log loss the mean of -log p(true)
		assertThat(values.get(Metric.ACCURACY)).hasValueCloseTo(2.0 / 3, within(1e-15));
		assertThat(values.get(Metric.F1_MACRO)).hasValueCloseTo((1 + 0 + 2.0 / 3) / 3, within(1e-15));
		assertThat(values.get(Metric.LOG_LOSS)).hasValueCloseTo(-(Math.log(0.6) + Math.log(0.3) + Math.log(0.7)) / 3,
				within(1e-15));
		// class 0: 0.6 over 0.2, 0.1 -> 1; class 1: 0.3 ties 0.3, over 0.2 -> 0.75; class
		// 2:
		// 0.7 over 0.5, 0.1 -> 1
		assertThat(values.get(Metric.ROC_AUC_OVR_MACRO)).hasValueCloseTo((1 + 0.75 + 1) / 3, within(1e-15));
	}

	@Test
	void rocAucIsAbsentWhenAClassHasNoRowAndOtherFiguresStay() {
		// given: no row of class 2
		MulticlassAccumulator accumulator = new MulticlassAccumulator(3);
		accumulator.add(new double[] { 0.6, 0.3, 0.1 }, 0);
		accumulator.add(new double[] { 0.2, 0.7, 0.1 }, 1);
		// when
		MetricValues values = accumulator.result();
		// then
		assertThat(values.get(Metric.ROC_AUC_OVR_MACRO)).isEmpty();
		assertThat(values.get(Metric.ROC_AUC_OVR_WEIGHTED)).isEmpty();
		assertThat(values.get(Metric.ACCURACY)).hasValue(1.0);
		assertThat(values.get(Metric.F1_MACRO)).hasValue(1.0);
	}

	@Test
	void emptyGivesOnlyN() {
		// given
		MulticlassAccumulator accumulator = new MulticlassAccumulator(3);
		accumulator.add(new double[] { 0.6, 0.3, 0.1 }, Double.NaN);
		// when / then
		assertThat(accumulator.result().values()).containsOnlyKeys(Metric.N);
		assertThat(accumulator.unlabelled()).isEqualTo(1);
	}

	@Test
	void refusesBadRowsAndMismatchedMerges() {
		MulticlassAccumulator accumulator = new MulticlassAccumulator(3);
		assertThatIllegalArgumentException().isThrownBy(() -> accumulator.add(new double[] { 0.5, 0.5 }, 0))
			.withMessage("2 probabilities for a model of 3 classes");
		assertThatIllegalArgumentException().isThrownBy(() -> accumulator.add(new double[] { 0.5, 0.5, 0 }, 3))
			.withMessageContaining("class index from 0 to 2, not 3.0");
		assertThatIllegalArgumentException().isThrownBy(() -> accumulator.add(new double[] { 0.5, Double.NaN, 0 }, 1))
			.withMessageContaining("in [0, 1], not NaN");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> accumulator.add(0.5, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> accumulator.merge(new MulticlassAccumulator(4)))
			.withMessage("cannot merge accumulators of 3 and 4 classes");
		assertThatIllegalArgumentException().isThrownBy(() -> accumulator.merge(Accumulators.create(Task.BINARY, 0.5)))
			.withMessageContaining("binary");
		assertThat(accumulator.labelled()).isZero();
	}

	@Test
	void corruptStatesAreRefused() {
		// given
		MulticlassAccumulator accumulator = new MulticlassAccumulator(3);
		accumulator.add(new double[] { 0.6, 0.3, 0.1 }, 0);
		byte[] state = accumulator.toBytes();
		byte[] flipped = state.clone();
		flipped[20] ^= 1;
		// when / then
		assertThatExceptionOfType(MetricStateException.class).isThrownBy(() -> MulticlassAccumulator.fromBytes(flipped))
			.withMessageContaining("checksum");
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.BINARY, 0.5, state))
			.withMessageContaining("kind 'multiclass'");
	}

	@Test
	void manyRowsMoveIntoHistogramsAndStayClose() {
		// given: more rows than one class's exact limit of a stored state
		Random random = new Random(5L);
		MulticlassAccumulator accumulator = new MulticlassAccumulator(2);
		int rows = BinaryAccumulator.STATE_EXACT_LIMIT / 2 + 1000;
		for (int i = 0; i < rows; i++) {
			int label = random.nextInt(2);
			double p = Math.min(1, Math.max(0, 0.5 + (label - 0.5) * 0.3 + random.nextGaussian() * 0.2));
			accumulator.add(new double[] { 1 - p, p }, label);
		}
		// when
		MulticlassAccumulator restored = MulticlassAccumulator.fromBytes(accumulator.toBytes());
		// then: exact counts, ROC AUC within the histogram's bound
		assertThat(restored.labelled()).isEqualTo(rows);
		assertThat(restored.result().get(Metric.ACCURACY)).isEqualTo(accumulator.result().get(Metric.ACCURACY));
		assertThat(restored.result().get(Metric.ROC_AUC_OVR_MACRO))
			.hasValueCloseTo(accumulator.result().get(Metric.ROC_AUC_OVR_MACRO).orElseThrow(), within(1e-3));
	}

	private static double[] randomProbabilities(Random random, int classes) {
		double[] p = new double[classes];
		double sum = 0;
		for (int c = 0; c < classes; c++) {
			p[c] = random.nextBoolean() ? random.nextInt(5) : random.nextDouble() * 4;
			sum += p[c];
		}
		for (int c = 0; c < classes; c++) {
			p[c] = (sum == 0) ? 1.0 / classes : p[c] / sum;
		}
		return p;
	}

	private static double[] probabilities(String[] row) {
		double[] p = new double[CLASSES];
		for (int c = 0; c < CLASSES; c++) {
			p[c] = Double.parseDouble(row[2 + c]);
		}
		return p;
	}

	private List<String[]> csv(String name) throws IOException {
		try (var in = getClass().getResourceAsStream("/oracle/multiclass/" + name)) {
			assertThat(in).as(name).isNotNull();
			List<String[]> rows = new ArrayList<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			reader.readLine();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				rows.add(line.split(","));
			}
			return rows;
		}
	}

}
