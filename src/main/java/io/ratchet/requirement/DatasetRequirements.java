package io.ratchet.requirement;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Segment;
import io.ratchet.data.SegmentColumn;
import io.ratchet.metrics.DatasetMetric;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;

/**
 * The requirements of one dataset's models: bounds checked for every month, bounds
 * checked on the whole period, and per-model overrides (by model name, whatever the
 * version).
 *
 * @param dataset the dataset's name
 * @param minRows the fewest labelled rows a period needs to be judged; with fewer it is
 * insufficient data
 * @param monthly bounds checked for every month, at most one per metric
 * @param period bounds checked on the whole period, at most one per metric
 * @param models overrides by model name
 * @param drift upper bounds on drift statistics (now-test)
 * @param segments bounds on the figures of segment levels ({@code segments:}), for every
 * month and the whole period
 */
public record DatasetRequirements(String dataset, long minRows, List<Bound> monthly, List<Bound> period,
		Map<String, ModelRequirements> models, DriftRequirements drift, List<SegmentBounds> segments) {

	/** Requirements without segment bounds. */
	public DatasetRequirements(String dataset, long minRows, List<Bound> monthly, List<Bound> period,
			Map<String, ModelRequirements> models, DriftRequirements drift) {
		this(dataset, minRows, monthly, period, models, drift, List.of());
	}

	/** Requirements without drift bounds. */
	public DatasetRequirements(String dataset, long minRows, List<Bound> monthly, List<Bound> period,
			Map<String, ModelRequirements> models) {
		this(dataset, minRows, monthly, period, models, DriftRequirements.NONE);
	}

	public DatasetRequirements {
		if (dataset == null || dataset.isBlank()) {
			throw new IllegalArgumentException("dataset name must not be blank");
		}
		if (minRows < 0) {
			throw new IllegalArgumentException("min-rows must not be negative, not " + minRows);
		}
		monthly = checked(monthly, "monthly");
		period = checked(period, "period");
		Map<String, ModelRequirements> copy = new LinkedHashMap<>();
		models.forEach((name, model) -> copy.put(Objects.requireNonNull(name, "model name"),
				Objects.requireNonNull(model, "model requirements")));
		models = Collections.unmodifiableMap(copy);
		drift = (drift != null) ? drift : DriftRequirements.NONE;
		segments = (segments != null) ? List.copyOf(segments) : List.of();
	}

	/** Requirements with no bounds at all. */
	public static DatasetRequirements none(String dataset) {
		return new DatasetRequirements(dataset, 0, List.of(), List.of(), Map.of());
	}

	/**
	 * Whether anything is bounded: a monthly, period or drift bound, or a model's
	 * override. {@code min-rows} alone bounds nothing (every period with enough rows
	 * would pass).
	 */
	public boolean hasBounds() {
		return !this.monthly.isEmpty() || !this.period.isEmpty() || !this.drift.isEmpty()
				|| this.segments.stream().anyMatch((segment) -> !segment.bounds().isEmpty())
				|| this.models.values()
					.stream()
					.anyMatch((model) -> !model.monthly().isEmpty() || !model.period().isEmpty());
	}

	/**
	 * Refuses a bound on a metric the dataset never has: one of the other task, or a
	 * business value without a value matrix ({@code value:} in the dataset's file), which
	 * would otherwise leave every period unjudged.
	 * @param at where the dataset's requirements are written, for the message
	 * @throws RequirementsException naming the place, the metric and the cause
	 */
	public void requireMetricsOf(DatasetConfig config, String at) {
		List<Bound> bounds = new java.util.ArrayList<>(this.monthly);
		bounds.addAll(this.period);
		this.models.values().forEach((model) -> {
			bounds.addAll(model.monthly());
			bounds.addAll(model.period());
		});
		for (SegmentBounds segment : this.segments) {
			bounds.addAll(segment.bounds());
			requireSegmentOf(config, at, segment);
		}
		List<MetricId> known = MetricId.forDataset(config);
		for (Bound bound : bounds) {
			MetricId metric = bound.metric();
			if (metric instanceof DatasetMetric && !known.contains(metric)) {
				throw new RequirementsException(at + ": a bound on " + metric.key() + ", which dataset \""
						+ config.name()
						+ "\" does not have: it is neither a built-in metric nor defined by the top-k: or metrics: of "
						+ ((config.source() != null) ? config.source() : "its configuration") + " (its metrics: "
						+ known.stream().map(MetricId::key).toList() + ")");
			}
			if (!known.contains(metric)) {
				throw new RequirementsException(at + ": a bound on " + metric.key() + ", which a " + config.task().key()
						+ " dataset does not have (its metrics: "
						+ Metric.forTask(config.task()).stream().map(Metric::key).toList() + ")");
			}
			if ((metric == Metric.BUSINESS_VALUE || metric == Metric.BUSINESS_VALUE_PER_ROW)
					&& config.valueMatrix() == null) {
				throw new RequirementsException(at + ": a bound on " + metric.key() + ", but dataset \"" + config.name()
						+ "\" has no value matrix (add value: to "
						+ ((config.source() != null) ? config.source() : "its configuration") + ")");
			}
		}
	}

	/**
	 * Refuses bounds on a column that is no segment column of the dataset, or on a bucket
	 * a numeric column does not have.
	 */
	private static void requireSegmentOf(DatasetConfig config, String at, SegmentBounds bounds) {
		String file = (config.source() != null) ? config.source().toString() : "its configuration";
		SegmentColumn column = config.segments()
			.columns()
			.stream()
			.filter((c) -> c.name().equals(bounds.column()))
			.findFirst()
			.orElseThrow(() -> new RequirementsException(
					at + ": segments." + bounds.key() + " (line " + bounds.line() + "): dataset \"" + config.name()
							+ "\" has no segment column " + bounds.column() + " (its segments: in " + file + ": "
							+ config.segments().columns().stream().map(SegmentColumn::name).toList() + ")"));
		if (bounds.level() != null && column.numeric() && !column.buckets().contains(bounds.level())) {
			throw new RequirementsException(at + ": segments." + bounds.key() + " (line " + bounds.line()
					+ "): numeric segment column " + column.name() + " has no bucket '" + bounds.level()
					+ "' (its buckets: " + column.buckets() + ")");
		}
	}

	/**
	 * The bounds on a segment's figures: its column's, each replaced by the bound of the
	 * segment's own level on the same metric, then the level's other bounds.
	 */
	public List<Bound> segmentBoundsFor(Segment segment) {
		Map<MetricId, Bound> byMetric = new LinkedHashMap<>();
		for (boolean levelOnly : new boolean[] { false, true }) {
			this.segments.stream()
				.filter((bounds) -> (bounds.level() != null) == levelOnly && bounds.appliesTo(segment))
				.forEach((bounds) -> bounds.bounds().forEach((bound) -> byMetric.put(bound.metric(), bound)));
		}
		return List.copyOf(byMetric.values());
	}

	/**
	 * The monthly bounds for a model: the dataset's, with the model's overrides replacing
	 * them metric by metric.
	 */
	public List<Bound> monthlyFor(String modelName) {
		ModelRequirements model = this.models.get(modelName);
		return (model != null) ? merged(this.monthly, model.monthly()) : this.monthly;
	}

	/**
	 * The whole-period bounds for a model: the dataset's, with the model's overrides
	 * replacing them metric by metric.
	 */
	public List<Bound> periodFor(String modelName) {
		ModelRequirements model = this.models.get(modelName);
		return (model != null) ? merged(this.period, model.period()) : this.period;
	}

	/**
	 * The dataset's bounds in their order, each replaced by the override on its metric,
	 * then the other overrides.
	 */
	private static List<Bound> merged(List<Bound> base, List<Bound> overrides) {
		Map<MetricId, Bound> byMetric = new LinkedHashMap<>();
		base.forEach((bound) -> byMetric.put(bound.metric(), bound));
		overrides.forEach((bound) -> byMetric.put(bound.metric(), bound));
		return List.copyOf(byMetric.values());
	}

	/** An immutable copy, refusing a second bound on one metric. */
	static List<Bound> checked(List<Bound> bounds, String what) {
		List<Bound> copy = List.copyOf(bounds);
		Set<MetricId> seen = new HashSet<>();
		for (Bound bound : copy) {
			if (!seen.add(bound.metric())) {
				throw new IllegalArgumentException("two " + what + " bounds on " + bound.metric().key());
			}
		}
		return copy;
	}

}
