package io.ratchet.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.ratchet.config.Spelling;
import io.ratchet.data.DatasetConfig;

/**
 * A metric a dataset defines in its configuration: the precision, recall or lift of a
 * top-k share ({@code precision_top20pct}) or a formula ({@code net_saves}). Equal to
 * another when the keys are equal, whatever the direction (a figure read back from the
 * database names its metric without one).
 *
 * @param key the metric's name
 * @param direction which way is better; {@code NONE} when not known from the dataset
 */
public record DatasetMetric(String key, Metric.Direction direction) implements MetricId {

	public DatasetMetric {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(direction, "direction");
	}

	/** What a dataset metric's name may be: stored in a 40-character column. */
	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	/** The names of a top-k share's metrics. */
	private static final Pattern TOP_K_NAME = Pattern.compile("(precision|recall|lift)_top[0-9]+pct");

	/**
	 * Why a name cannot be a dataset metric's, or {@code null} when it can: it must be
	 * lower-case letters, digits and {@code _}, at most 40, and neither a built-in
	 * metric's key nor within a typo of one (so that {@code roc_aucc} in a requirements
	 * file is reported as a misspelling, not taken for a metric of the dataset; names of
	 * fewer than 5 characters are not checked for typos); a top-k share's name
	 * ({@code precision_top20pct}) is always a possible name.
	 */
	public static String nameProblem(String key) {
		if (!NAME.matcher(key).matches()) {
			return "a metric's name is lower-case letters, digits and _, starting with a letter, at most 40";
		}
		List<String> keys = Arrays.stream(Metric.values()).map(Metric::key).toList();
		if (TOP_K_NAME.matcher(key).matches() && !keys.contains(key)) {
			return null;
		}
		if (keys.contains(key)) {
			return key + " is a built-in metric";
		}
		// a short name (m, cost) is one edit from too many keys to be taken for a typo
		List<String> near = (key.length() < 5) ? List.of() : Spelling.near(key, keys);
		return near.isEmpty() ? null : "too near the built-in " + String.join(", ", near);
	}

	/** Whether the name is that of a top-k share's metric, e.g. {@code lift_top20pct}. */
	public static boolean isTopKName(String key) {
		return TOP_K_NAME.matcher(key).matches();
	}

	/** A metric known by name only. */
	public static DatasetMetric named(String key) {
		return new DatasetMetric(key, Metric.Direction.NONE);
	}

	/** The metrics a dataset defines, in reading order: top-k shares, then formulas. */
	public static List<DatasetMetric> of(DatasetConfig dataset) {
		List<DatasetMetric> metrics = new ArrayList<>();
		dataset.metricDefinitions().topK().forEach((share) -> metrics.addAll(MetricId.ofTopK(share)));
		dataset.metricDefinitions().formulas().forEach((formula) -> metrics.add(MetricId.ofFormula(formula)));
		return metrics;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof DatasetMetric that && this.key.equals(that.key);
	}

	@Override
	public int hashCode() {
		return this.key.hashCode();
	}

	@Override
	public String toString() {
		return this.key;
	}

}
