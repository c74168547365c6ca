package io.ratchet.requirement;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ratchet.data.CountFormula;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.MetricDefinitions;
import io.ratchet.data.Task;
import io.ratchet.data.TopK;
import io.ratchet.data.ValueMatrix;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A bound on a metric the dataset never has is refused before anything runs. */
class RequirementMetricsTests {

	private static final String AT = "config/requirements.yml line 3";

	@Test
	void aBoundOnAMetricOfTheOtherTaskIsRefused() {
		// given
		DatasetRequirements requirements = bounds(Metric.FALSE_POSITIVE_RATE);

		// when / then
		assertThatExceptionOfType(RequirementsException.class)
			.isThrownBy(() -> requirements.requireMetricsOf(dataset(Task.REGRESSION, null), AT))
			.withMessageStartingWith(AT + ": a bound on false_positive_rate, which a regression dataset does not have");
	}

	@Test
	void aBoundOnBusinessValueNeedsAValueMatrix() {
		// given
		DatasetRequirements requirements = bounds(Metric.BUSINESS_VALUE_PER_ROW);

		// when / then
		assertThatExceptionOfType(RequirementsException.class)
			.isThrownBy(() -> requirements.requireMetricsOf(dataset(Task.BINARY, null), AT))
			.withMessage(AT + ": a bound on business_value_per_row, but dataset \"churn\" has no value matrix"
					+ " (add value: to config/datasets/churn.yml)");
		assertThatCode(() -> requirements.requireMetricsOf(dataset(Task.BINARY, ValueMatrix.binary(1, -1, 0, -1)), AT))
			.doesNotThrowAnyException();
	}

	@Test
	void aModelsOverrideIsCheckedToo() {
		// given
		DatasetRequirements requirements = new DatasetRequirements("churn", 0, List.of(), List.of(),
				Map.of("m", new ModelRequirements(List.of(), List.of(new Bound(Metric.RMSE, null, 3.0)))));

		// when / then
		assertThatExceptionOfType(RequirementsException.class)
			.isThrownBy(() -> requirements.requireMetricsOf(dataset(Task.BINARY, null), AT))
			.withMessageStartingWith(AT + ": a bound on rmse, which a binary dataset does not have");
	}

	@Test
	void aBoundOnAMetricTheDatasetDoesNotDefineIsRefused() {
		// given: bounds on a formula and a top-k share
		DatasetRequirements requirements = new DatasetRequirements("churn", 0,
				List.of(new Bound(MetricId.of("net_saves"), 1.0, null)),
				List.of(new Bound(MetricId.of("precision_top20pct"), 0.4, null)), Map.of());
		DatasetConfig defined = dataset(Task.BINARY, null)
			.withMetricDefinitions(new MetricDefinitions(List.of(new TopK(0.2)),
					List.of(CountFormula.parse("net_saves", "tp / n", true, CountFormula.BINARY_NAMES))));

		// when / then: refused on a dataset without them, accepted on one that has both
		assertThatExceptionOfType(RequirementsException.class)
			.isThrownBy(() -> requirements.requireMetricsOf(dataset(Task.BINARY, null), AT))
			.withMessageStartingWith(AT + ": a bound on net_saves, which dataset \"churn\" does not have: it is"
					+ " neither a built-in metric nor defined by the top-k: or metrics: of config/datasets/churn.yml");
		assertThatExceptionOfType(RequirementsException.class)
			.isThrownBy(() -> requirements.requireMetricsOf(defined
				.withMetricDefinitions(new MetricDefinitions(List.of(), defined.metricDefinitions().formulas())), AT))
			.withMessageStartingWith(AT + ": a bound on precision_top20pct, which dataset \"churn\" does not have");
		assertThatCode(() -> requirements.requireMetricsOf(defined, AT)).doesNotThrowAnyException();
	}

	private static DatasetRequirements bounds(Metric metric) {
		return new DatasetRequirements("churn", 0, List.of(new Bound(metric, 0.0, null)), List.of(), Map.of());
	}

	private static DatasetConfig dataset(Task task, ValueMatrix matrix) {
		return DatasetConfig.builder("churn", Path.of("config/datasets/churn.yml"))
			.date("d")
			.label("y", task)
			.labels((task == Task.BINARY) ? "yes" : null, null)
			.features(List.of(new Feature("x", FeatureType.NUMERIC)))
			.valueMatrix(matrix)
			.build();
	}

}
