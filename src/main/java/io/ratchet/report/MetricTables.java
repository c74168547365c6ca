package io.ratchet.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.metrics.DatasetMetric;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.report.Charts.Emphasis;
import io.ratchet.report.ReportTable.Cell;
import io.ratchet.requirement.Bound;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunSummary.ModelSummary;

/**
 * The report's "Months × metrics" section (a now-test's "Window figures"): a table per
 * model drawn in colour, the whole period first, then the months newest first
 * ({@value #VISIBLE_MONTHS} of the champion's, a third of that of others, before the
 * fold; at most {@value #TABLE_MONTHS}); breached cells red, each bound in its column's
 * header; the grey models in one table of whole-period rows.
 */
final class MetricTables {

	/** Month rows shown before a table's fold. */
	static final int VISIBLE_MONTHS = 36;

	/** Month rows in a table at most (the rest are in {@code metrics.csv}). */
	static final int TABLE_MONTHS = 240;

	private final ReportedRun reported;

	MetricTables(ReportedRun reported) {
		this.reported = reported;
	}

	ReportSection section() {
		List<Metric> all = Metric.forTask(this.reported.dataset().task());
		List<Metric> metrics = all.stream().filter((metric) -> !metric.business()).toList();
		List<MetricId> business = new ArrayList<>(businessMetrics(all));
		business.addAll(DatasetMetric.of(this.reported.dataset()));
		Map<Long, Emphasis> emphasis = this.reported.emphasis(this.reported.chartedMetrics().get(0).metric());
		List<ReportTable> tables = new ArrayList<>();
		List<ModelSummary> shown = new ArrayList<>();
		List<ModelSummary> rest = new ArrayList<>();
		for (ModelSummary model : this.reported.models()) {
			if (emphasis.get(model.model().id()) == Emphasis.GREY) {
				rest.add(model);
				continue;
			}
			shown.add(model);
			tables.add(monthTable(model, metrics));
		}
		if (!business.isEmpty() && !shown.isEmpty()) {
			tables.add(businessTable(shown, business));
		}
		if (!rest.isEmpty()) {
			tables.add(otherModels(rest, metrics));
		}
		boolean nowtest = this.reported.nowtest();
		String note = nowtest ? "The window's figures per model; breached cells are red."
				: "Months × metrics per model, newest month first; breached cells are red; the header gives each bound.";
		return ReportSection.ofTables("table", nowtest ? "Window figures" : "Months × metrics", note, tables);
	}

	/**
	 * The metrics of the business table (counts and rates at the threshold, top k%,
	 * value), without the business value when the dataset has no value matrix: in a table
	 * of their own, so that the usual table keeps its width.
	 */
	private List<Metric> businessMetrics(List<Metric> all) {
		boolean valued = this.reported.dataset().valueMatrix() != null;
		return all.stream()
			.filter(Metric::business)
			.filter((metric) -> valued || (metric != Metric.BUSINESS_VALUE && metric != Metric.BUSINESS_VALUE_PER_ROW))
			.toList();
	}

	/**
	 * The business figures of the shown models, whole period and latest month, in one
	 * table (every month's are in {@code metrics.csv}).
	 */
	private ReportTable businessTable(List<ModelSummary> models, List<MetricId> metrics) {
		List<String> header = new ArrayList<>(List.of("model", "period"));
		metrics.forEach((metric) -> header.add(metric.key()));
		List<List<Cell>> rows = new ArrayList<>();
		for (ModelSummary model : models) {
			Set<String> breached = breachedCells(model);
			List<String> periods = new ArrayList<>(List.of(ResultsStore.ALL));
			model.monthly().keySet().stream().reduce((first, second) -> second).ifPresent(periods::add);
			for (String period : periods) {
				Map<MetricId, Double> values = ResultsStore.ALL.equals(period) ? model.wholePeriod()
						: model.monthly().get(period);
				List<Cell> row = new ArrayList<>();
				row.add(Cell.of(model.model().key()));
				row.add(Cell.of(ResultsStore.ALL.equals(period) ? (this.reported.nowtest() ? "window" : "whole period")
						: period));
				for (MetricId metric : metrics) {
					row.add(figure(metric, values.get(metric), breached.contains(period + " " + metric.key())));
				}
				rows.add(row);
			}
		}
		return new ReportTable("In the business's terms",
				"Counts and rates at the threshold, top k%, value, and the dataset's own metrics.", header, rows, 20,
				"Every month's are in metrics.csv.");
	}

	private ReportTable monthTable(ModelSummary model, List<Metric> metrics) {
		List<Bound> monthly = this.reported.requirements().monthlyFor(model.model().name());
		List<String> header = new ArrayList<>(List.of(this.reported.nowtest() ? "period" : "month", "verdict"));
		metrics.forEach((metric) -> header.add(metric.key() + boundText(monthly, metric)));
		Set<String> breached = breachedCells(model);
		List<List<Cell>> rows = new ArrayList<>();
		rows.add(row(model, ResultsStore.ALL, model.wholePeriod(), metrics, breached));
		List<String> newestFirst = new ArrayList<>(model.monthly().keySet());
		Collections.reverse(newestFirst);
		int omitted = Math.max(0, newestFirst.size() - TABLE_MONTHS);
		for (String month : newestFirst.subList(0, newestFirst.size() - omitted)) {
			rows.add(row(model, month, model.monthly().get(month), metrics, breached));
		}
		String footnote = (omitted > 0) ? omitted + " earlier months are in metrics.csv." : "";
		return new ReportTable(
				model.model().key() + " (" + model.model().role() + ", " + model.verdict().replace('_', ' ') + ")", "",
				header, rows, 1 + ((model == this.reported.champion()) ? VISIBLE_MONTHS : VISIBLE_MONTHS / 3),
				footnote);
	}

	private List<Cell> row(ModelSummary model, String period, Map<MetricId, Double> values, List<Metric> metrics,
			Set<String> breached) {
		List<Cell> row = new ArrayList<>();
		row.add(Cell
			.of(ResultsStore.ALL.equals(period) ? (this.reported.nowtest() ? "window" : "whole period") : period));
		String verdict = model.verdicts().getOrDefault(period, "");
		row.add(new Cell(verdict.replace('_', ' '), Verdict.BREACH.name().equals(verdict)));
		for (MetricId metric : metrics) {
			row.add(figure(metric, values.get(metric), breached.contains(period + " " + metric.key())));
		}
		return row;
	}

	private static ReportTable otherModels(List<ModelSummary> models, List<Metric> metrics) {
		List<String> header = new ArrayList<>(List.of("model", "verdict", "months breached"));
		metrics.forEach((metric) -> header.add(metric.key()));
		List<List<Cell>> rows = new ArrayList<>();
		for (ModelSummary model : models) {
			Set<String> breached = breachedCells(model);
			List<Cell> row = new ArrayList<>();
			row.add(Cell.of(model.model().key()));
			row.add(new Cell(model.verdict().replace('_', ' '), Verdict.BREACH.name().equals(model.verdict())));
			long months = model.months(Verdict.BREACH);
			row.add(new Cell(Long.toString(months), months > 0));
			for (MetricId metric : metrics) {
				row.add(figure(metric, model.wholePeriod().get(metric),
						breached.contains(ResultsStore.ALL + " " + metric.key())));
			}
			rows.add(row);
		}
		return new ReportTable("Other models (whole period)", "Their months are in metrics.csv.", header, rows, 20, "");
	}

	/** The model's breached cells as {@code "<period> <metric>"}. */
	private static Set<String> breachedCells(ModelSummary model) {
		Set<String> breached = new HashSet<>();
		model.breaches().forEach((b) -> breached.add(b.period() + " " + b.metric()));
		return breached;
	}

	private static Cell figure(MetricId metric, Double value, boolean breached) {
		return new Cell((value == null) ? "–" : Formats.brief(metric, value), breached);
	}

	private static String boundText(List<Bound> bounds, MetricId metric) {
		StringBuilder text = new StringBuilder();
		for (Bound bound : bounds) {
			if (bound.metric().equals(metric)) {
				if (bound.min() != null) {
					text.append(" ≥ ").append(bound.min());
				}
				if (bound.max() != null) {
					text.append(" ≤ ").append(bound.max());
				}
			}
		}
		return text.toString();
	}

}
