package io.ratchet.promotion;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Task;
import io.ratchet.data.ValueMatrix;
import io.ratchet.metrics.Metric;
import io.ratchet.system.Failures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code ratchet.promotion}: defaults by task, per-dataset overrides, and bad values
 * refused at start-up.
 */
class PromotionSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PromotionProperties.class)
	static class Settings {

	}

	@Test
	void defaultsDependOnTheTaskAndDatasetsOverrideThem() {
		this.runner
			.withPropertyValues("ratchet.promotion.datasets.rain.primary-metric=log_loss",
					"ratchet.promotion.datasets.rain.auto=true", "ratchet.promotion.datasets.rain.margin=0.01")
			.run((context) -> {
				PromotionProperties properties = context.getBean(PromotionProperties.class);
				assertThat(properties.forDataset("churn", Task.BINARY))
					.isEqualTo(new PromotionSettings(false, Metric.ROC_AUC, 0.005, 0.02, 7, 0.01, 2000, 20240601L));
				assertThat(properties.forDataset("houses", Task.REGRESSION).primaryMetric()).isEqualTo(Metric.RMSE);
				PromotionSettings rain = properties.forDataset("rain", Task.BINARY);
				assertThat(rain.auto()).isTrue();
				assertThat(rain.primaryMetric()).isEqualTo(Metric.LOG_LOSS);
				assertThat(rain.margin()).isEqualTo(0.01);
				assertThat(rain.shadowRuns()).isEqualTo(7);
			});
	}

	@Test
	void rankingByBusinessValueNeedsTheDatasetsValueMatrix() {
		this.runner.withPropertyValues("ratchet.promotion.datasets.churn.primary-metric=business_value")
			.run((context) -> {
				PromotionProperties properties = context.getBean(PromotionProperties.class);
				DatasetConfig churn = DatasetConfig.builder("churn", Path.of("config/datasets/churn.yml"))
					.date("d")
					.binaryLabel("y", "yes", null)
					.features(List.of(new Feature("x", FeatureType.NUMERIC)))
					.build();

				// when / then
				assertThatExceptionOfType(PromotionException.class).isThrownBy(() -> properties.forDataset(churn))
					.withMessage("ratchet.promotion primary metric of dataset \"churn\" is business_value, but the"
							+ " dataset has no value matrix (add value: to config/datasets/churn.yml, or rank by"
							+ " another metric)");
				assertThat(properties.forDataset(churn.withValueMatrix(ValueMatrix.binary(10, -5, 0, -20)))
					.primaryMetric()).isEqualTo(Metric.BUSINESS_VALUE);
			});
	}

	@Test
	void badValuesStopTheStartWithTheKeyAndTheCause() {
		assertRefused("ratchet.promotion.margin=-0.1", "ratchet.promotion.margin must be a finite number, 0 or more");
		assertRefused("ratchet.promotion.primary-metric=roc_aucc",
				"ratchet.promotion.primary-metric: unknown metric" + " 'roc_aucc'");
		assertRefused("ratchet.promotion.datasets.churn.primary-metric=n",
				"ratchet.promotion.datasets.churn.primary-metric: n has no better direction");
		assertRefused("ratchet.promotion.shadow-runs=-1", "ratchet.promotion.shadow-runs must be 0 or more");
		assertRefused("ratchet.promotion.bootstrap.resamples=10",
				"ratchet.promotion.bootstrap.resamples must be at least 100");
		assertRefused("ratchet.promotion.datasets.churn.monthly-tolerance=-1",
				"ratchet.promotion.datasets.churn.monthly-tolerance must be");
	}

	@Test
	void aPrimaryMetricOfTheOtherTaskIsRefusedWhenTheDatasetIsKnown() {
		PromotionProperties properties = new PromotionProperties(false, "", 0.005, 0.02, 7, 0.01, null, Map.of("houses",
				new PromotionProperties.DatasetSettings(null, "roc_auc", null, null, null, null, null, null)));

		assertThatExceptionOfType(PromotionException.class)
			.isThrownBy(() -> properties.forDataset("houses", Task.REGRESSION))
			.withMessageContaining("roc_auc, which is not a regression metric");
	}

	private void assertRefused(String property, String message) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(Failures.describe(context.getStartupFailure())).contains(message);
		});
	}

}
