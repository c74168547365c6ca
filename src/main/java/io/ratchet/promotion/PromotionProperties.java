package io.ratchet.promotion;

import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Task;
import io.ratchet.metrics.Metric;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the promotion gate and the ratchet ({@code ratchet.promotion}): defaults
 * for every dataset, and per-dataset overrides under {@code datasets.<name>}. Bad values
 * stop the application at start-up with the key and the cause.
 *
 * @param auto whether a challenge run may promote a candidate that passes the gate
 * without a person (opt-in)
 * @param primaryMetric the metric a candidate must beat the champion on; empty:
 * {@code roc_auc} for a binary dataset, {@code rmse} for a regression one
 * @param margin how much better (in the metric's units, oriented so that positive is
 * better) the candidate must be
 * @param monthlyTolerance how much worse than the champion a candidate may be in any one
 * month
 * @param shadowRuns how many nightly now-tests must have scored the candidate without a
 * breach
 * @param ratchetTolerance after a promotion, minimums go to the new champion's back-test
 * figure minus this, maximums to its figure plus this
 * @param bootstrap the paired bootstrap (metrics other than ROC AUC)
 * @param datasets per-dataset overrides
 */
@ConfigurationProperties("ratchet.promotion")
public record PromotionProperties(@DefaultValue("false") boolean auto, @DefaultValue("") String primaryMetric,
		@DefaultValue("0.005") double margin, @DefaultValue("0.02") double monthlyTolerance,
		@DefaultValue("7") int shadowRuns, @DefaultValue("0.01") double ratchetTolerance,
		@DefaultValue Bootstrap bootstrap, Map<String, DatasetSettings> datasets) {

	private static final String PREFIX = "ratchet.promotion.";

	public PromotionProperties {
		datasets = (datasets != null) ? Map.copyOf(datasets) : Map.of();
		bootstrap = (bootstrap != null) ? bootstrap : new Bootstrap(2000, 20240601L);
		check("", primaryMetric, margin, monthlyTolerance, shadowRuns, ratchetTolerance, bootstrap.resamples());
		datasets.forEach((name, own) -> check("datasets." + name + ".", own.primaryMetric(), own.margin(),
				own.monthlyTolerance(), own.shadowRuns(), own.ratchetTolerance(), own.resamples()));
	}

	/**
	 * The paired bootstrap.
	 *
	 * @param resamples resamples per comparison (at least 100)
	 * @param seed the random seed: the same rows give the same interval
	 */
	public record Bootstrap(@DefaultValue("2000") int resamples, @DefaultValue("20240601") long seed) {
	}

	/**
	 * One dataset's overrides; {@code null} takes the default.
	 *
	 * @param auto see {@link PromotionProperties#auto()}
	 * @param primaryMetric see {@link PromotionProperties#primaryMetric()}
	 * @param margin see {@link PromotionProperties#margin()}
	 * @param monthlyTolerance see {@link PromotionProperties#monthlyTolerance()}
	 * @param shadowRuns see {@link PromotionProperties#shadowRuns()}
	 * @param ratchetTolerance see {@link PromotionProperties#ratchetTolerance()}
	 * @param resamples see {@link Bootstrap#resamples()}
	 * @param seed see {@link Bootstrap#seed()}
	 */
	public record DatasetSettings(Boolean auto, String primaryMetric, Double margin, Double monthlyTolerance,
			Integer shadowRuns, Double ratchetTolerance, Integer resamples, Long seed) {
	}

	/**
	 * The settings that apply to a dataset, refusing a ranking metric it cannot have:
	 * {@code business_value} or {@code business_value_per_row} without a value matrix.
	 * @throws PromotionException naming the setting, the dataset and its file
	 */
	public PromotionSettings forDataset(DatasetConfig dataset) {
		PromotionSettings settings = forDataset(dataset.name(), dataset.task());
		Metric metric = settings.primaryMetric();
		if ((metric == Metric.BUSINESS_VALUE || metric == Metric.BUSINESS_VALUE_PER_ROW)
				&& dataset.valueMatrix() == null) {
			throw new PromotionException("ratchet.promotion primary metric of dataset \"" + dataset.name() + "\" is "
					+ metric.key() + ", but the dataset has no value matrix (add value: to "
					+ ((dataset.source() != null) ? dataset.source() : "its configuration")
					+ ", or rank by another metric)");
		}
		return settings;
	}

	/** The settings that apply to one dataset of a task. */
	public PromotionSettings forDataset(String dataset, Task task) {
		DatasetSettings own = this.datasets.getOrDefault(dataset,
				new DatasetSettings(null, null, null, null, null, null, null, null));
		String metricKey = (own.primaryMetric() != null && !own.primaryMetric().isBlank()) ? own.primaryMetric()
				: this.primaryMetric;
		Metric metric = (metricKey == null || metricKey.isBlank()) ? Metric.headline(task)
				: Metric.fromKey(metricKey.trim());
		if (!Metric.forTask(task).contains(metric)) {
			throw new PromotionException("ratchet.promotion primary metric of dataset \"" + dataset + "\" is "
					+ metric.key() + ", which is not a " + task.key() + " metric (known: "
					+ Metric.forTask(task).stream().map(Metric::key).toList() + ")");
		}
		return new PromotionSettings(or(own.auto(), this.auto), metric, or(own.margin(), this.margin),
				or(own.monthlyTolerance(), this.monthlyTolerance), or(own.shadowRuns(), this.shadowRuns),
				or(own.ratchetTolerance(), this.ratchetTolerance), or(own.resamples(), this.bootstrap.resamples()),
				or(own.seed(), this.bootstrap.seed()));
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static void check(String at, String primaryMetric, Double margin, Double monthlyTolerance,
			Integer shadowRuns, Double ratchetTolerance, Integer resamples) {
		if (primaryMetric != null && !primaryMetric.isBlank()) {
			Metric metric;
			try {
				metric = Metric.fromKey(primaryMetric.trim());
			}
			catch (IllegalArgumentException ex) {
				// no cause: a start-up failure is told by its innermost message, which
				// must name the key
				throw new IllegalArgumentException(PREFIX + at + "primary-metric: " + ex.getMessage());
			}
			if (metric.direction() == Metric.Direction.NONE) {
				throw new IllegalArgumentException(PREFIX + at + "primary-metric: " + metric.key()
						+ " has no better direction; take one such as roc_auc, log_loss, rmse or mae");
			}
		}
		notNegative(at + "margin", margin);
		notNegative(at + "monthly-tolerance", monthlyTolerance);
		notNegative(at + "ratchet-tolerance", ratchetTolerance);
		if (shadowRuns != null && shadowRuns < 0) {
			throw new IllegalArgumentException(PREFIX + at + "shadow-runs must be 0 or more, not " + shadowRuns);
		}
		if (resamples != null && resamples < 100) {
			throw new IllegalArgumentException(PREFIX + (at.isEmpty() ? "bootstrap." : at) + "resamples must be at"
					+ " least 100, not " + resamples);
		}
	}

	private static void notNegative(String key, Double value) {
		if (value != null && !(value >= 0 && Double.isFinite(value))) {
			throw new IllegalArgumentException(PREFIX + key + " must be a finite number, 0 or more, not " + value);
		}
	}

}
