package io.ratchet.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A built-in metric's key (made once, looked up by a map) is its lower-case name, and
 * every key leads back to its metric.
 */
class MetricKeyTests {

	@Test
	void everyMetricIsFoundByItsKey() {
		for (Metric metric : Metric.values()) {
			// when
			String key = metric.key();

			// then
			assertThat(key).isEqualTo(metric.name().toLowerCase(java.util.Locale.ROOT));
			assertThat(Metric.find(key)).contains(metric);
			assertThat(Metric.fromKey(key)).isSameAs(metric);
			assertThat(MetricId.of(key)).isSameAs(metric);
		}
	}

	@Test
	void anUnknownKeyIsNoBuiltInMetric() {
		// when / then: not found, and fromKey names the known keys
		assertThat(Metric.find("ROC_AUC")).isEmpty();
		assertThat(Metric.find("churn_cost")).isEmpty();
		assertThatThrownBy(() -> Metric.fromKey("churn_cost")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("unknown metric 'churn_cost'")
			.hasMessageContaining("roc_auc");
		assertThat(MetricId.of("churn_cost")).isNotInstanceOf(Metric.class);
		assertThat(MetricId.of("churn_cost").key()).isEqualTo("churn_cost");
	}

}
