package io.ratchet.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.ratchet.metrics.Metric;
import io.ratchet.report.Formats;
import io.ratchet.run.RunSummary;
import io.ratchet.run.RunSummary.ModelSummary;

/**
 * The table of a run's models that the back-test ({@link RunPrinter}) and the now-test
 * ({@link NowtestPrinter}) print: model, role, decision threshold (binary), the job's own
 * counts, the headline metrics of the whole period (the window), verdict.
 */
final class ModelTable {

	private ModelTable() {
	}

	/** The headline metrics of a binary or a regression task. */
	static List<Metric> shown(boolean binary) {
		return binary ? List.of(Metric.ROC_AUC, Metric.AVERAGE_PRECISION, Metric.LOG_LOSS, Metric.BRIER)
				: List.of(Metric.RMSE, Metric.MAE, Metric.R2, Metric.BIAS);
	}

	/**
	 * Prints one row per model of the run.
	 * @param summary the run
	 * @param shown the metrics, each a column ("–" when the model has no value)
	 * @param countColumns the headers of the job's counts, between the role and the
	 * metrics
	 * @param counts a model's cells of those columns
	 * @param verdict a model's verdict (an underscore printed as a space)
	 * @param out where to print
	 */
	static void print(RunSummary summary, List<Metric> shown, List<String> countColumns,
			Function<ModelSummary, List<String>> counts, Function<ModelSummary, String> verdict, PrintStream out) {
		List<String> header = new ArrayList<>(List.of("model", "role"));
		// binary models were judged at a decision threshold each
		boolean thresholds = summary.models().stream().anyMatch((model) -> model.threshold() != null);
		if (thresholds) {
			header.add("threshold");
		}
		header.addAll(countColumns);
		shown.forEach((metric) -> header.add(metric.key()));
		header.add("verdict");
		List<List<String>> rows = new ArrayList<>();
		for (ModelSummary model : summary.models()) {
			List<String> row = new ArrayList<>();
			row.add(model.model().key());
			row.add(model.model().role());
			if (thresholds) {
				row.add((model.threshold() != null) ? Double.toString(model.threshold()) : "–");
			}
			row.addAll(counts.apply(model));
			for (Metric metric : shown) {
				Double value = model.wholePeriod().get(metric);
				row.add((value != null) ? Formats.brief(metric, value) : "–");
			}
			row.add(verdict.apply(model).replace('_', ' '));
			rows.add(row);
		}
		RunPrinter.printTable(header, rows, out);
	}

}
