package io.ratchet.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures of one model over one period. A metric that is undefined for the period
 * (for example ROC AUC when the month has one class only) is absent, never 0 or NaN.
 */
public record MetricValues(Map<Metric, Double> values) {

	public MetricValues {
		EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
		values.forEach((metric, value) -> {
			if (value != null && Double.isFinite(value)) {
				copy.put(metric, value);
			}
		});
		values = Collections.unmodifiableMap(copy);
	}

	public OptionalDouble get(Metric metric) {
		Double value = this.values.get(metric);
		return (value != null) ? OptionalDouble.of(value) : OptionalDouble.empty();
	}

	/** The number of labelled rows behind these figures. */
	public long n() {
		Double n = this.values.get(Metric.N);
		return (n != null) ? n.longValue() : 0;
	}

}
