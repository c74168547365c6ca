package io.ratchet.metrics;

import java.nio.file.Path;
import java.util.List;

import io.ratchet.data.CountFormula;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.MetricDefinitions;
import io.ratchet.data.Task;
import io.ratchet.data.TopK;
import io.ratchet.data.ValueMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A dataset's own metrics: a configured top-k share and formulas, per month and for a
 * period merged from stored months.
 */
class OwnMetricsTests {

	private static final CountFormula NET_SAVES = CountFormula.parse("net_saves", "(tp * 40 - fp * 5) / n", true,
			CountFormula.BINARY_NAMES);

	private static final CountFormula VALUE_SHARE = CountFormula.parse("value_share", "business_value / (tp + fn)",
			true, CountFormula.BINARY_NAMES);

	@Test
	void aTopTwentyPercentShareAndFormulasAreComputedWithTheBuiltInMetrics() {
		// given: 3 positives (0.9, 0.6, 0.2), 7 negatives (0.8, 0.7, 0.4, 0.3, 0.3, 0.1,
		// 0.05): the top 20% of 10 rows are 0.9 and 0.8
		MetricAccumulator accumulator = Accumulators.create(dataset(), 0.5);
		add(accumulator, new double[] { 0.9, 0.6, 0.2 }, 1);
		add(accumulator, new double[] { 0.8, 0.7, 0.4, 0.3, 0.3, 0.1, 0.05 }, 0);

		// when
		MetricValues values = accumulator.result();

		// then: tp 2, fp 2, fn 1, n 10; value 2 * 10 - 2 * 5 - 20 = -10
		assertThat(values.get(DatasetMetric.named("precision_top20pct"))).hasValue(0.5);
		assertThat(values.get(DatasetMetric.named("recall_top20pct"))).hasValue(1.0 / 3);
		assertThat(values.get(DatasetMetric.named("lift_top20pct")).getAsDouble()).isCloseTo(0.5 / 0.3, within(1e-15));
		assertThat(values.get(DatasetMetric.named("net_saves"))).hasValue((2 * 40 - 2 * 5) / 10.0);
		assertThat(values.get(DatasetMetric.named("value_share"))).hasValue(-10 / 3.0);
		assertThat(values.get(Metric.PRECISION_TOP5PCT)).as("built-in shares unchanged").hasValue(1.0);
		assertThat(values.own().keySet()).containsExactly("precision_top20pct", "recall_top20pct", "lift_top20pct",
				"net_saves", "value_share");
		assertThat(MetricId.forDataset(dataset())).endsWith(DatasetMetric.named("net_saves"),
				DatasetMetric.named("value_share"));
	}

	@Test
	void theWholePeriodIsTheFormulaOfTheSummedCountsNotAnAverageOfTheMonths() {
		// given: two months of very different sizes, stored and read back
		MetricAccumulator small = Accumulators.create(dataset(), 0.5);
		add(small, new double[] { 0.9 }, 1);
		add(small, new double[] { 0.2 }, 0);
		MetricAccumulator large = Accumulators.create(dataset(), 0.5);
		add(large, new double[] { 0.6, 0.3, 0.2 }, 1);
		add(large, new double[] { 0.7, 0.8, 0.1, 0.1, 0.1, 0.2, 0.3 }, 0);

		// when
		MetricAccumulator period = Accumulators.create(dataset(), 0.5);
		period.merge(Accumulators.fromBytes(Task.BINARY, 0.5, small.toBytes()));
		period.merge(Accumulators.fromBytes(Task.BINARY, 0.5, large.toBytes()));
		MetricValues values = period.result();

		// then: tp 2, fp 2 over n 12; the months' values are 20 and 3.0; the top 20% of
		// 12 rows are 0.9, 0.8 and 0.7
		assertThat(small.result().get(DatasetMetric.named("net_saves"))).hasValue(20.0);
		assertThat(values.get(DatasetMetric.named("net_saves"))).hasValue((2 * 40 - 2 * 5) / 12.0);
		assertThat(values.get(DatasetMetric.named("precision_top20pct"))).hasValue(1.0 / 3);
	}

	@Test
	void aFormulaDividingByZeroIsAbsent() {
		// given: negatives only, none predicted positive
		MetricAccumulator accumulator = Accumulators.create(dataset(), 0.5);
		add(accumulator, new double[] { 0.1, 0.2 }, 0);

		// when
		MetricValues values = accumulator.result();

		// then: value_share divides by the 0 positives
		assertThat(values.get(DatasetMetric.named("value_share"))).isEmpty();
		assertThat(values.get(DatasetMetric.named("net_saves"))).hasValue(0.0);
		assertThat(values.get(DatasetMetric.named("recall_top20pct"))).isEmpty();
	}

	@Test
	void aRegressionFormulaReadsTheRowsAndTheValue() {
		// given: under-predictions cost 2 per unit
		CountFormula perRow = CountFormula.parse("cost", "-business_value / n", false, CountFormula.REGRESSION_NAMES);
		DatasetConfig sales = DatasetConfig.builder("sales", Path.of("sales.yml"))
			.date("d")
			.label("y", Task.REGRESSION)
			.features(List.of(new Feature("x", FeatureType.NUMERIC)))
			.valueMatrix(ValueMatrix.regression(-2, -1))
			.metricDefinitions(new MetricDefinitions(List.of(), List.of(perRow)))
			.build();
		MetricAccumulator accumulator = Accumulators.create(sales, 0.5);
		accumulator.add(8, 10);
		accumulator.add(13, 10);

		// when / then: (2 * 2 + 3 * 1) / 2
		assertThat(accumulator.result().get(MetricId.of(sales, "cost"))).hasValue(3.5);
		assertThat(MetricId.of(sales, "cost").direction()).isEqualTo(Metric.Direction.LOWER_IS_BETTER);
	}

	private static DatasetConfig dataset() {
		return DatasetConfig.builder("churn", Path.of("churn.yml"))
			.date("d")
			.binaryLabel("y", "yes", null)
			.features(List.of(new Feature("x", FeatureType.NUMERIC)))
			.valueMatrix(ValueMatrix.binary(10, -5, 0, -20))
			.metricDefinitions(new MetricDefinitions(List.of(new TopK(0.2)), List.of(NET_SAVES, VALUE_SHARE)))
			.build();
	}

	private static void add(MetricAccumulator accumulator, double[] scores, double label) {
		for (double score : scores) {
			accumulator.add(score, label);
		}
	}

}
