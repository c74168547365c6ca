package io.ratchet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.ratchet.data.ValueMatrix;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.metrics.ScoreCurves.Confusion;
import io.ratchet.metrics.ThresholdSweep;
import io.ratchet.report.Charts.Emphasis;
import io.ratchet.report.ReportTable.Cell;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunSummary.ModelSummary;

/**
 * A binary task's "Decisions at the threshold" section: per model drawn in colour, its
 * confusion matrix (true and false positives over false negatives and true negatives,
 * each with its rate) for the whole period (a now-test's window) and the latest month,
 * from the stored counts; and a chart of the business value (without a value matrix: the
 * false-positive rate) against the threshold for the champion and the best other model
 * over the latest {@value #CHART_MONTHS} months, each model's own threshold marked, so
 * that a reader sees where the cut-off pays. The chart's counts come from the months'
 * stored accumulator states ({@link ThresholdSweep}) on a grid of thresholds from 0 to 1
 * in steps of {@value #STEP}, plus each model's own threshold.
 */
final class ThresholdDecisions {

	/** Months the chart sums at most (the latest). */
	static final int CHART_MONTHS = 12;

	/** The step of the chart's grid of thresholds. */
	static final double STEP = 0.01;

	private final ReportedRun reported;

	private final ResultsStore results;

	ThresholdDecisions(ReportedRun reported, ResultsStore results) {
		this.reported = reported;
		this.results = results;
	}

	/**
	 * A curve of the chart: a model's figure at each threshold of the grid (ascending),
	 * and its own threshold.
	 *
	 * @param model the model
	 * @param thresholds the thresholds, ascending
	 * @param values the figure at each ({@code NaN} where undefined)
	 * @param own the model's own threshold
	 */
	record ThresholdCurve(ModelSummary model, double[] thresholds, double[] values, double own) {

		/** The figure at the model's own threshold. */
		double atOwn() {
			for (int i = 0; i < this.thresholds.length; i++) {
				if (this.thresholds[i] == this.own) {
					return this.values[i];
				}
			}
			throw new IllegalStateException("the grid lacks the model's own threshold " + this.own);
		}

	}

	/** The section, or {@code null} without a model that has a threshold. */
	ReportSection section() {
		Map<Long, Emphasis> emphasis = this.reported.emphasis(rankedBy());
		List<ReportTable> tables = new ArrayList<>();
		for (ModelSummary model : this.reported.models()) {
			if (model.threshold() != null && emphasis.get(model.model().id()) != Emphasis.GREY) {
				ReportTable matrix = matrix(model);
				if (matrix != null) {
					tables.add(matrix);
				}
			}
		}
		if (tables.isEmpty()) {
			return null;
		}
		List<ReportChart> charts = new ArrayList<>();
		List<ThresholdCurve> curves = curves();
		if (!curves.isEmpty()) {
			charts.add(chart(curves, emphasis));
		}
		return new ReportSection("decisions", "Decisions at the threshold",
				"A row is predicted positive when its score is at least the model's own decision threshold.", charts,
				tables);
	}

	/**
	 * The chart's curves: the champion's and the best other model's figure at each
	 * threshold, over the periods charted; a model without stored states is left out.
	 */
	List<ThresholdCurve> curves() {
		List<ModelSummary> models = new ArrayList<>();
		ModelSummary champion = this.reported.champion();
		if (champion != null) {
			models.add(champion);
		}
		this.reported.othersBestFirst(rankedBy()).stream().findFirst().ifPresent(models::add);
		List<ThresholdCurve> curves = new ArrayList<>();
		for (ModelSummary model : models) {
			if (model.threshold() == null) {
				continue;
			}
			double[] grid = grid(model.threshold());
			long[][] counts = new long[grid.length][4];
			boolean any = false;
			for (String period : chartedPeriods()) {
				byte[] state = this.results.partitionState(this.reported.run().id(), model.model().id(), period);
				if (state == null) {
					continue;
				}
				any = true;
				List<Confusion> matrices = ThresholdSweep.at(state, grid);
				for (int i = 0; i < grid.length; i++) {
					Confusion c = matrices.get(i);
					counts[i][0] += c.truePositives();
					counts[i][1] += c.falsePositives();
					counts[i][2] += c.trueNegatives();
					counts[i][3] += c.falseNegatives();
				}
			}
			if (any) {
				double[] values = new double[grid.length];
				for (int i = 0; i < grid.length; i++) {
					values[i] = figure(counts[i]);
				}
				curves.add(new ThresholdCurve(model, grid, values, model.threshold()));
			}
		}
		return curves;
	}

	/**
	 * The periods the chart sums: the latest {@value #CHART_MONTHS} months, or the
	 * window.
	 */
	List<String> chartedPeriods() {
		if (this.reported.nowtest()) {
			return List.of(ResultsStore.ALL);
		}
		List<String> months = this.reported.months();
		return months.subList(Math.max(0, months.size() - CHART_MONTHS), months.size());
	}

	/** Business value with a value matrix, else the false-positive rate. */
	private boolean valued() {
		return this.reported.dataset().valueMatrix() != null;
	}

	/**
	 * What the best other model is: the highest business value, else the first charted
	 * metric (the headline requirement).
	 */
	private MetricId rankedBy() {
		return valued() ? Metric.BUSINESS_VALUE : this.reported.chartedMetrics().get(0).metric();
	}

	/** Business value (the sum) or the false-positive rate of the counts. */
	private double figure(long[] counts) {
		ValueMatrix value = this.reported.dataset().valueMatrix();
		if (value != null) {
			return value.ofCounts(counts[0], counts[1], counts[2], counts[3]);
		}
		long negatives = counts[1] + counts[2];
		return (negatives == 0) ? Double.NaN : (double) counts[1] / negatives;
	}

	/** 0 to 1 in steps of {@link #STEP}, and the model's own threshold, ascending. */
	private static double[] grid(double own) {
		TreeSet<Double> grid = new TreeSet<>();
		int steps = (int) Math.round(1 / STEP);
		for (int i = 0; i <= steps; i++) {
			grid.add(i / (double) steps);
		}
		grid.add(own);
		return grid.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private ReportChart chart(List<ThresholdCurve> curves, Map<Long, Emphasis> emphasis) {
		String what = valued() ? "Business value" : "False-positive rate";
		List<String> periods = chartedPeriods();
		String over = this.reported.nowtest() ? "the window" : (periods.size() == 1) ? periods.get(0) : "the latest "
				+ periods.size() + " months (" + periods.get(0) + " … " + periods.get(periods.size() - 1) + ")";
		List<Charts.Curve> lines = new ArrayList<>();
		Map<String, Double> marks = new LinkedHashMap<>();
		for (ThresholdCurve curve : curves) {
			String label = ReportedRun.label(curve.model());
			List<double[]> points = new ArrayList<>();
			for (int i = 0; i < curve.thresholds().length; i++) {
				if (!Double.isNaN(curve.values()[i])) {
					points.add(new double[] { curve.thresholds()[i], curve.values()[i] });
				}
			}
			lines.add(new Charts.Curve(label, points.stream().mapToDouble((p) -> p[0]).toArray(),
					points.stream().mapToDouble((p) -> p[1]).toArray(), emphasis.get(curve.model().model().id())));
			marks.put(label, curve.own());
		}
		String title = what + " by threshold, " + over;
		String caption = what + " over " + over + (valued() ? " by the dataset's value matrix" : "")
				+ " at each threshold from 0 to 1 in steps of " + STEP
				+ " and at each model's own threshold (the dashed line), counted from the months' stored scores: exact"
				+ " up to 262,144 labelled rows a month, beyond that one step per histogram bin.";
		return new ReportChart("threshold.png", title, caption, Charts.byThreshold(title,
				valued() ? "business value" : "false-positive rate", lines, marks, Charts.WIDE));
	}

	/**
	 * A model's confusion matrix at its threshold, the whole period (window) and the
	 * latest month, from the stored counts; {@code null} when it has none.
	 */
	private ReportTable matrix(ModelSummary model) {
		List<List<Cell>> rows = new ArrayList<>();
		addRows(rows, this.reported.nowtest() ? "window" : "whole period", model.wholePeriod());
		List<String> months = new ArrayList<>(model.monthly().keySet());
		if (!this.reported.nowtest() && !months.isEmpty()) {
			String latest = months.get(months.size() - 1);
			addRows(rows, latest, model.monthly().get(latest));
		}
		if (rows.isEmpty()) {
			return null;
		}
		return new ReportTable(ReportedRun.label(model) + " at threshold " + model.threshold(),
				"Rows: what the model decided; columns: what happened, each count with its share of the column.",
				List.of("period", "predicted", "actual positives", "rate", "actual negatives", "rate"), rows);
	}

	private static void addRows(List<List<Cell>> rows, String period, Map<MetricId, Double> values) {
		if (values == null || values.get(Metric.TP) == null) {
			return;
		}
		rows.add(List.of(Cell.of(period), Cell.of("positive"), count(values, Metric.TP),
				rate("recall", values.get(Metric.RECALL)), count(values, Metric.FP),
				rate("false-positive rate", values.get(Metric.FALSE_POSITIVE_RATE))));
		rows.add(List.of(Cell.of(period), Cell.of("negative"), count(values, Metric.FN),
				rate("false-negative rate", values.get(Metric.FALSE_NEGATIVE_RATE)), count(values, Metric.TN),
				rate("specificity", values.get(Metric.SPECIFICITY))));
	}

	private static Cell count(Map<MetricId, Double> values, Metric metric) {
		return Cell.of(Formats.brief(metric, values.get(metric)));
	}

	private static Cell rate(String name, Double value) {
		return Cell.of(name + " " + ((value == null) ? "–" : String.format(Locale.ROOT, "%.1f%%", value * 100)));
	}

}
