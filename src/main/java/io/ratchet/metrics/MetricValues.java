package io.ratchet.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures of one model over one period. A metric that is undefined for the period
 * (for example ROC AUC when the month has one class only) is absent, never 0 or NaN.
 *
 * @param values the built-in metrics' figures
 * @param own the figures of the metrics the dataset defines ({@link DatasetMetric}), by
 * key in the dataset's order
 */
public record MetricValues(Map<Metric, Double> values, Map<String, Double> own) {

	public MetricValues {
		EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
		values.forEach((metric, value) -> {
			if (value != null && Double.isFinite(value)) {
				copy.put(metric, value);
			}
		});
		values = Collections.unmodifiableMap(copy);
		Map<String, Double> ownCopy = new LinkedHashMap<>();
		own.forEach((key, value) -> {
			if (value != null && Double.isFinite(value)) {
				ownCopy.put(key, value);
			}
		});
		own = Collections.unmodifiableMap(ownCopy);
	}

	/** Figures of built-in metrics only. */
	public MetricValues(Map<Metric, Double> values) {
		this(values, Map.of());
	}

	/**
	 * Figures by metric identity (as read back from the database), split into built-in
	 * and dataset metrics.
	 */
	public static MetricValues of(Map<? extends MetricId, Double> figures) {
		Map<Metric, Double> builtIn = new EnumMap<>(Metric.class);
		Map<String, Double> own = new LinkedHashMap<>();
		figures.forEach((metric, value) -> {
			if (metric instanceof Metric known) {
				builtIn.put(known, value);
			}
			else {
				own.put(metric.key(), value);
			}
		});
		return new MetricValues(builtIn, own);
	}

	public OptionalDouble get(Metric metric) {
		Double value = this.values.get(metric);
		return (value != null) ? OptionalDouble.of(value) : OptionalDouble.empty();
	}

	/** The figure of a built-in or dataset metric, if defined for the period. */
	public OptionalDouble get(MetricId metric) {
		Double value = (metric instanceof Metric builtIn) ? this.values.get(builtIn) : this.own.get(metric.key());
		return (value != null) ? OptionalDouble.of(value) : OptionalDouble.empty();
	}

	/** The number of labelled rows behind these figures. */
	public long n() {
		Double n = this.values.get(Metric.N);
		return (n != null) ? n.longValue() : 0;
	}

}
