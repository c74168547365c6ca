package io.ratchet.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigNode.Scalar;
import io.ratchet.metrics.DatasetMetric;

/**
 * Reads the metrics a dataset file defines into {@link MetricDefinitions}: {@code top-k:}
 * (shares in (0, 1) beyond the built-in 5% and 10%, binary only) and {@code metrics:}
 * (formulas over the counts, parsed and checked by {@link CountFormula#parse}). Every
 * error names the file and the line.
 */
final class MetricsSection {

	/** The top-k shares every binary dataset has (the built-in metrics). */
	private static final Map<String, Double> BUILT_IN_TOP_K = Map.of("top5pct", 0.05, "top10pct", 0.10);

	private MetricsSection() {
	}

	/**
	 * @param topK the {@code top-k:} field, or {@code null}
	 * @param metrics the {@code metrics:} field, or {@code null}
	 * @param task the dataset's task
	 * @param valued whether the dataset has a value matrix (then a formula may read
	 * {@code business_value})
	 */
	static MetricDefinitions read(Field topK, Field metrics, Task task, boolean valued) {
		return new MetricDefinitions(topK(topK, task), formulas(metrics, task, valued));
	}

	/**
	 * {@code top-k:}, a list of shares in (0, 1) beyond the built-in 5% and 10% (which
	 * may be listed too); two shares giving one name are an error.
	 */
	private static List<TopK> topK(Field field, Task task) {
		if (field == null) {
			return List.of();
		}
		if (task != Task.BINARY) {
			throw field.error("top-k is for binary datasets (precision among the top k% by score)");
		}
		Map<String, TopK> listed = new LinkedHashMap<>();
		for (Scalar item : field.scalars("top-k")) {
			double share = item.number("top-k share");
			TopK topK;
			try {
				topK = new TopK(share);
			}
			catch (IllegalArgumentException ex) {
				throw item.error("top-k: " + ex.getMessage());
			}
			Double builtIn = BUILT_IN_TOP_K.get(topK.suffix());
			TopK earlier = listed.get(topK.suffix());
			if ((builtIn != null && builtIn != share) || earlier != null) {
				throw item.error("top-k: " + share + " and " + ((builtIn != null) ? builtIn : earlier.share())
						+ " both give the name " + topK.suffix() + " (round(100 k)); keep one");
			}
			if (builtIn == null) {
				listed.put(topK.suffix(), topK);
			}
		}
		return List.copyOf(listed.values());
	}

	/**
	 * {@code metrics:}, formulas by name: {@code name: "formula"} or {@code name:
	 * {formula: "...", better: higher|lower}} (higher by default).
	 */
	private static List<CountFormula> formulas(Field field, Task task, boolean valued) {
		if (field == null || field.isEmpty()) {
			return List.of();
		}
		List<String> names = new ArrayList<>(
				(task == Task.BINARY) ? CountFormula.BINARY_NAMES : CountFormula.REGRESSION_NAMES);
		if (!valued) {
			names.remove("business_value");
		}
		List<CountFormula> formulas = new ArrayList<>();
		for (Field metric : field.value().mapping("a mapping of formulas by metric name").fields().values()) {
			String metricName = metric.key();
			String problem = DatasetMetric.isTopKName(metricName) ? "it is the name of a top-k metric"
					: DatasetMetric.nameProblem(metricName);
			if (problem != null) {
				throw metric.error("metrics: \"" + metricName + "\" cannot name a metric: " + problem);
			}
			Field text = metric;
			boolean higher = true;
			if (metric.value() instanceof Mapping spec) {
				spec.allowOnly("metrics." + metricName, "formula", "better");
				text = spec.required("metrics." + metricName, "formula");
				Field better = spec.get("better");
				if (better != null) {
					String side = better.text("metrics." + metricName + ".better");
					if (!side.equals("higher") && !side.equals("lower")) {
						throw better
							.error("metrics." + metricName + ".better must be higher or lower, not \"" + side + "\"");
					}
					higher = side.equals("higher");
				}
			}
			String formula = text.text("metrics." + metricName);
			try {
				formulas.add(CountFormula.parse(metricName, formula, higher, names));
			}
			catch (IllegalArgumentException ex) {
				throw text.error("metrics." + metricName + ": " + ex.getMessage()
						+ (!valued && formula.contains("business_value") ? " (business_value needs value:)" : ""));
			}
		}
		return formulas;
	}

}
