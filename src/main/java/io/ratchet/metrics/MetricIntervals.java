package io.ratchet.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The 95% intervals of one model's figures over one period, by metric key (built-in and
 * the dataset's own). A figure without an interval (a count, an absent figure, a
 * multiclass figure) has no entry.
 *
 * @param byKey the intervals by metric key
 */
public record MetricIntervals(Map<String, Interval> byKey) {

	/** No interval at all. */
	public static final MetricIntervals NONE = new MetricIntervals(Map.of());

	public MetricIntervals {
		byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
	}

	/** The interval of that metric, if it has one. */
	public Optional<Interval> get(MetricId metric) {
		return Optional.ofNullable(this.byKey.get(metric.key()));
	}

}
