package io.ratchet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.ratchet.metrics.Interval;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.report.Charts.Emphasis;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunSummary.ModelSummary;
import io.ratchet.run.StoredBreach;

/**
 * The report's "Required metrics" section: per charted metric (the champion's monthly
 * requirements) a line per model month by month, the bound dashed red, the champion's
 * breached months shaded, its stored 95% intervals a faint blue band behind its line; a
 * long history aggregated (see {@link Periods}, the band then that of each period's mean
 * of months, {@link Periods#aggregateBand}) and followed by its last
 * {@value #RECENT_MONTHS} months one by one. A now-test charts the window's value over
 * its last {@value #RUNS_CHARTED} now-tests, or as bars until there are three.
 */
final class RequiredMetricCharts {

	/** Months of the month-by-month chart added when a long history is aggregated. */
	static final int RECENT_MONTHS = 36;

	/** Now-test runs in a "by run" chart. */
	static final int RUNS_CHARTED = 30;

	private final ReportedRun reported;

	private final ReportReads reads;

	RequiredMetricCharts(ReportedRun reported, ReportReads reads) {
		this.reported = reported;
		this.reads = reads;
	}

	ReportSection section() {
		List<ReportChart> charts = new ArrayList<>();
		String note;
		String dataset = this.reported.run().dataset();
		if (this.reported.nowtest()) {
			note = "Each required metric of the window, per model (over the last now-tests of " + dataset
					+ " once there are three); the dashed red line is the requirement, red bars and shaded runs "
					+ "breached it.";
			for (ChartedMetric bound : this.reported.chartedMetrics()) {
				charts.add(byRun(bound));
			}
		}
		else {
			List<String> months = this.reported.months();
			Periods periods = Periods.of(months, Periods.LIMIT);
			boolean bounded = this.reported.chartedMetrics()
				.stream()
				.anyMatch((c) -> c.min() != null || c.max() != null);
			note = (bounded
					? "Each required metric month by month, one line per model (the champion thick and blue, "
							+ "its 95% interval the faint blue band); the dashed red line is the requirement, shaded "
							+ "months are the champion's breaches."
					: "No monthly requirement is set for " + dataset + ": its headline metric month by "
							+ "month, one line per model (the champion thick and blue).")
					+ (periods.aggregated() ? " " + months.size() + " months are drawn as " + periods.labels().size()
							+ " " + periods.unit() + " means of the monthly values, then the last " + RECENT_MONTHS
							+ " months one by one." : "");
			Periods recent = Periods.of(months.subList(Math.max(0, months.size() - RECENT_MONTHS), months.size()),
					Periods.LIMIT);
			for (ChartedMetric bound : this.reported.chartedMetrics()) {
				charts.add(byMonth(bound, periods, months, ""));
				if (periods.aggregated()) {
					// an aggregated history hides a recent breach in its last point: the
					// recent months, month by month
					charts.add(byMonth(bound, recent, recent.labels(), "-recent"));
				}
			}
		}
		return ReportSection.ofCharts("metrics", "Required metrics", note, charts);
	}

	private ReportChart byMonth(ChartedMetric bound, Periods periods, List<String> months, String suffix) {
		MetricId metric = bound.metric();
		List<Charts.Series> series = new ArrayList<>();
		Map<Long, Emphasis> emphasis = this.reported.emphasis(metric);
		ModelSummary champion = this.reported.champion();
		for (ModelSummary model : this.reported.models()) {
			List<Double> monthly = ReportedRun.monthly(model, metric, months);
			series.add(new Charts.Series(ReportedRun.label(model), periods.aggregate(monthly),
					emphasis.get(model.model().id()),
					(model == champion) ? periods.aggregateBand(monthly, band(champion, metric, months)) : null));
		}
		Set<String> breached = new TreeSet<>();
		if (champion != null) {
			champion.breaches()
				.stream()
				.filter((b) -> b.metric().equals(metric.key()))
				.map(StoredBreach::period)
				.forEach(breached::add);
		}
		String title = metric.key() + " by " + periods.unit()
				+ (suffix.isEmpty() ? "" : ", last " + months.size() + " months");
		Charts.Drawing png = Charts.byPeriod(title, metric.key(), periods.labels(), series, bound.limit(),
				bound.limitLabel(), periods.marked(months, breached), Charts.WIDE);
		breached.retainAll(months);
		return new ReportChart(metric.key() + "-by-month" + suffix + ".png", title, breachedCaption(breached), png);
	}

	/**
	 * The champion's stored 95% interval of each month ({@code null} where it has none):
	 * the band behind its line, so that a month's noise is seen beside the bound.
	 */
	private List<Interval> band(ModelSummary champion, MetricId metric, List<String> months) {
		Map<String, Interval> stored = this.reads.intervals(this.reported.run().id(), champion.model().id(),
				metric.key());
		return months.stream().map(stored::get).toList();
	}

	private static String breachedCaption(Set<String> breached) {
		List<String> months = breached.stream().filter((p) -> !ResultsStore.ALL.equals(p)).toList();
		return months.isEmpty() ? "" : "Breached: " + Periods.abbreviate(months) + ".";
	}

	private ReportChart byRun(ChartedMetric bound) {
		MetricId metric = bound.metric();
		Map<String, Map<Long, Double>> values = this.reads.acrossRuns(this.reported.run(), metric.key(), RUNS_CHARTED);
		if (values.size() < 3) {
			return windowBars(bound);
		}
		List<String> labels = List.copyOf(values.keySet());
		Map<Long, Emphasis> emphasis = this.reported.emphasis(metric);
		List<Charts.Series> series = new ArrayList<>();
		for (ModelSummary model : this.reported.models()) {
			List<Double> line = labels.stream().map((label) -> values.get(label).get(model.model().id())).toList();
			series.add(new Charts.Series(ReportedRun.label(model), line, emphasis.get(model.model().id())));
		}
		Set<String> marked = new TreeSet<>();
		ModelSummary champion = this.reported.champion();
		if (champion != null) {
			for (String label : labels) {
				Double value = values.get(label).get(champion.model().id());
				if (value != null && bound.breachedBy(value)) {
					marked.add(label);
				}
			}
		}
		String title = metric.key() + " by now-test run";
		Charts.Drawing png = Charts.byPeriod(title, metric.key(), labels, series, bound.limit(), bound.limitLabel(),
				marked, Charts.WIDE);
		return new ReportChart(metric.key() + "-by-run.png", title, "", png);
	}

	/**
	 * Too few now-tests for a line: each model's window value as a bar against the bound.
	 */
	private ReportChart windowBars(ChartedMetric bound) {
		MetricId metric = bound.metric();
		Map<Long, Emphasis> emphasis = this.reported.emphasis(metric);
		List<String> names = new ArrayList<>();
		List<Double> values = new ArrayList<>();
		for (ModelSummary model : this.reported.models()) {
			if (emphasis.get(model.model().id()) != Emphasis.GREY) {
				names.add(ReportedRun.label(model));
				values.add(model.wholePeriod().get(metric));
			}
		}
		Charts.Size size = new Charts.Size(Charts.THIRD.width(), 110 + 30 * names.size());
		String title = metric.key() + " in the window"
				+ ((bound.limitLabel() != null) ? ", " + bound.limitLabel() : "");
		return new ReportChart(metric.key() + "-window.png", title, "",
				Charts.bars(title, metric.key(), names, values, bound.limit(), bound.min() != null, size));
	}

}
