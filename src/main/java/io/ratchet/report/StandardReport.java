package io.ratchet.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.LogCoverage;
import io.ratchet.data.Task;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.ScoreCurves;
import io.ratchet.report.Charts.Emphasis;
import io.ratchet.report.ReportTable.Cell;
import io.ratchet.requirement.Bound;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.DriftStatistic;
import io.ratchet.run.PartitionResult;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunSummary;
import io.ratchet.run.RunSummary.ModelSummary;
import io.ratchet.run.StoredBreach;

/**
 * The page of a back-test or now-test run, in the order people read it: the verdict and the breached requirements;
 * each required metric by month (by run for a now-test) against its bound; the months × metrics tables; the curves of
 * the latest month (or the window); drift; the run's facts. Built from what the run stored: metric values, breaches,
 * the partitions' accumulator states (curves), feature means and drift values.
 *
 * <p>
 * Large histories: charts aggregate months beyond {@link Periods#LIMIT} points; the champion and the
 * {@value Charts#HIGHLIGHTED} best other models are drawn in colour, the rest grey; month tables exist for those models
 * only, newest month first, {@value #VISIBLE_MONTHS} months before the fold and at most {@value #TABLE_MONTHS} in all.
 */
final class StandardReport {

	/** Month rows shown before a table's fold. */
	static final int VISIBLE_MONTHS = 36;

	/** Month rows in a table at most (the rest are in {@code metrics.csv}). */
	static final int TABLE_MONTHS = 240;

	/** Months of the month-by-month chart added when a long history is aggregated. */
	static final int RECENT_MONTHS = 36;

	/** Now-test runs in a "by run" chart. */
	static final int RUNS_CHARTED = 30;

	/** Feature-mean small multiples at most. */
	static final int FEATURE_CHARTS = 12;

	private final RunSummary summary;

	private final DatasetConfig dataset;

	private final DatasetRequirements requirements;

	private final ResultsStore results;

	private final ReportReads reads;

	private final FeatureMeanStore featureMeans;

	private final RunRecord run;

	private final List<String> months;

	StandardReport(RunSummary summary, DatasetConfig dataset, DatasetRequirements requirements, ResultsStore results,
			ReportReads reads, FeatureMeanStore featureMeans) {
		this.summary = summary;
		this.dataset = dataset;
		this.requirements = requirements;
		this.results = results;
		this.reads = reads;
		this.featureMeans = featureMeans;
		this.run = summary.run();
		Set<String> all = new TreeSet<>();
		summary.models().forEach((model) -> all.addAll(model.monthly().keySet()));
		this.months = List.copyOf(all);
	}

	RunPage page(List<ReportSection> extra) {
		List<ReportSection> sections = new ArrayList<>();
		sections.add(metricCharts());
		sections.add(monthTables());
		ReportSection latest = latest();
		if (latest != null) {
			sections.add(latest);
		}
		ReportSection drift = drift();
		if (drift != null) {
			sections.add(drift);
		}
		sections.addAll(extra);
		sections.add(facts());
		String verdict = (this.run.verdict() != null && !"FAILED".equals(this.run.status())) ? this.run.verdict()
				: this.run.status();
		return new RunPage(this.run.jobName(), this.run.id(), this.run.dataset(), title(), verdict, subtitle(),
				verdictLines(), sections);
	}

	private boolean nowtest() {
		return "nowtest".equals(this.run.jobName());
	}

	private String title() {
		return (nowtest() ? "Now-test" : "Back-test") + " of " + this.run.dataset() + ", run " + this.run.id();
	}

	private String subtitle() {
		if (nowtest()) {
			return "Window: " + this.run.parameters();
		}
		if (this.run.fromPeriod() == null) {
			return "";
		}
		return this.run.fromPeriod() + " … " + this.run.toPeriod() + ", " + this.months.size() + " months, "
				+ this.summary.models().size() + " models"
				+ ((this.run.absentPeriods() != null) ? "; months without data: " + this.run.absentPeriods().replace(",", ", ") : "");
	}

	// ---------------------------------------------------------------------------------------------- verdict

	private List<String> verdictLines() {
		List<String> lines = new ArrayList<>();
		if (this.run.failure() != null) {
			lines.add("The run failed: " + this.run.failure());
		}
		ModelSummary champion = champion();
		if (champion != null) {
			Map<String, List<StoredBreach>> byMetric = byMetric(champion);
			byMetric.forEach((metric, breaches) -> lines.add(breachLine(champion, metric, breaches)));
		}
		int listed = 0;
		int more = 0;
		for (ModelSummary model : this.summary.models()) {
			if (model == champion || model.breaches().isEmpty()) {
				continue;
			}
			if (listed++ >= Charts.HIGHLIGHTED) {
				more++;
				continue;
			}
			List<String> parts = new ArrayList<>();
			byMetric(model).forEach((metric, breaches) -> {
				long months = breaches.stream().filter((b) -> !ResultsStore.ALL.equals(b.period())).count();
				boolean whole = months < breaches.size();
				parts.add(metric + " (" + ((months > 0) ? months + ((months == 1) ? " month" : " months") : "")
						+ ((whole) ? ((months > 0) ? " and " : "") + (nowtest() ? "the window" : "the whole period") : "")
						+ ")");
			});
			lines.add(model.model().role() + " " + model.model().key() + " breaches too: " + String.join(", ", parts)
					+ ".");
		}
		if (more > 0) {
			lines.add(more + " more models breached their requirements (tables below).");
		}
		for (ModelSummary model : this.summary.models()) {
			long insufficient = model.months("INSUFFICIENT_DATA");
			if ("champion".equals(model.model().role()) && insufficient > 0) {
				lines.add(model.model().key() + ": " + insufficient + " month" + ((insufficient == 1) ? "" : "s")
						+ " with too few labelled rows to judge (not a pass).");
			}
		}
		if (champion != null && nowtest()
				&& "INSUFFICIENT_DATA".equals(champion.verdicts().get(ResultsStore.ALL))) {
			lines.add(champion.model().key() + ": too few labelled rows in the window to judge (not a pass).");
		}
		if (champion != null && champion.breaches().isEmpty() && "PASS".equals(champion.verdict())
				&& this.run.failure() == null) {
			lines.add(0, champion.model().key() + " (champion) meets every requirement"
					+ (nowtest() ? " in the window." : " in all " + this.months.size() + " months and the whole period."));
		}
		if (lines.isEmpty()) {
			lines.add("No requirement breached.");
		}
		return lines;
	}

	private static Map<String, List<StoredBreach>> byMetric(ModelSummary model) {
		Map<String, List<StoredBreach>> byMetric = new java.util.TreeMap<>(
				Comparator.comparingInt(StandardReport::metricOrder).thenComparing(Comparator.naturalOrder()));
		model.breaches().forEach((b) -> byMetric.computeIfAbsent(b.metric(), (m) -> new ArrayList<>()).add(b));
		return byMetric;
	}

	/** Metrics in the order people read them (ROC AUC first), other figures (drift) after. */
	private static int metricOrder(String key) {
		for (Metric metric : Metric.values()) {
			if (metric.key().equals(key)) {
				return metric.ordinal();
			}
		}
		return Integer.MAX_VALUE;
	}

	private String breachLine(ModelSummary model, String metric, List<StoredBreach> breaches) {
		StoredBreach first = breaches.get(0);
		String side = "MIN".equals(first.boundKind()) ? "below its minimum " : "above its maximum ";
		List<String> periods = breaches.stream().map(StoredBreach::period).filter((p) -> !ResultsStore.ALL.equals(p))
			.toList();
		StoredBreach worst = breaches.stream()
			.max(Comparator.comparingDouble((StoredBreach b) -> Math.abs(b.value() - b.bound())))
			.orElse(first);
		StringBuilder line = new StringBuilder(model.model().role() + " " + model.model().key() + ": " + metric + " "
				+ side + number(first.bound()));
		if (!periods.isEmpty()) {
			line.append(" in ").append(periods.size()).append((periods.size() == 1) ? " month (" : " months (")
				.append(abbreviate(periods)).append(")");
		}
		boolean whole = breaches.stream().anyMatch((b) -> ResultsStore.ALL.equals(b.period()));
		if (whole) {
			line.append(periods.isEmpty() ? " " : " and ").append(nowtest() ? "in the window" : "over the whole period");
		}
		line.append("; worst ").append(number(worst.value())).append(ResultsStore.ALL.equals(worst.period()) ? ""
				: " in " + worst.period()).append('.');
		return line.toString();
	}

	private static String abbreviate(List<String> periods) {
		if (periods.size() <= 6) {
			return String.join(", ", periods);
		}
		return String.join(", ", periods.subList(0, 3)) + " … " + String.join(", ",
				periods.subList(periods.size() - 2, periods.size()));
	}

	// ---------------------------------------------------------------------------------------------- metric charts

	/** A charted metric and its bound, if any (a requirement's {@link Bound} always has one). */
	private record Charted(Metric metric, Double min, Double max) {

		boolean breachedBy(double value) {
			return (this.min != null && value < this.min) || (this.max != null && value > this.max);
		}

	}

	/** The metrics charted: the champion's monthly requirements, else the task's headline metric without a bound. */
	private List<Charted> chartedMetrics() {
		ModelSummary champion = champion();
		String name = (champion != null) ? champion.model().name() : null;
		List<Charted> charted = new ArrayList<>();
		Set<Metric> seen = new LinkedHashSet<>();
		for (Bound bound : (name != null) ? this.requirements.monthlyFor(name) : this.requirements.monthly()) {
			if (seen.add(bound.metric())) {
				charted.add(new Charted(bound.metric(), bound.min(), bound.max()));
			}
		}
		if (charted.isEmpty()) {
			charted.add(new Charted((this.dataset.task() == Task.BINARY) ? Metric.ROC_AUC : Metric.RMSE, null, null));
		}
		return charted;
	}

	private ReportSection metricCharts() {
		List<ReportChart> charts = new ArrayList<>();
		String note;
		if (nowtest()) {
			note = "Each required metric of the window, per model (over the last now-tests of " + this.run.dataset()
					+ " once there are three); the dashed red line is the requirement, red bars and shaded runs "
					+ "breached it.";
			for (Charted bound : chartedMetrics()) {
				charts.add(byRun(bound));
			}
		}
		else {
			Periods periods = Periods.of(this.months, Periods.LIMIT);
			boolean bounded = chartedMetrics().stream().anyMatch((c) -> c.min() != null || c.max() != null);
			note = (bounded ? "Each required metric month by month, one line per model (the champion thick and blue); "
					+ "the dashed red line is the requirement, shaded months are the champion's breaches."
					: "No monthly requirement is set for " + this.run.dataset() + ": its headline metric month by "
							+ "month, one line per model (the champion thick and blue).")
					+ (periods.aggregated() ? " " + this.months.size() + " months are drawn as " + periods.labels().size()
							+ " " + periods.unit() + " means of the monthly values, then the last " + RECENT_MONTHS
							+ " months one by one." : "");
			Periods recent = Periods.of(this.months.subList(Math.max(0, this.months.size() - RECENT_MONTHS),
					this.months.size()), Periods.LIMIT);
			for (Charted bound : chartedMetrics()) {
				charts.add(byMonth(bound, periods, this.months, ""));
				if (periods.aggregated()) {
					// an aggregated history hides a recent breach in its last point: the recent months, month by month
					charts.add(byMonth(bound, recent, recent.labels(), "-recent"));
				}
			}
		}
		return ReportSection.ofCharts("metrics", "Required metrics", note, charts);
	}

	private ReportChart byMonth(Charted bound, Periods periods, List<String> months, String suffix) {
		Metric metric = bound.metric();
		List<Charts.Series> series = new ArrayList<>();
		Map<Long, Emphasis> emphasis = emphasis(metric);
		for (ModelSummary model : this.summary.models()) {
			List<Double> monthly = new ArrayList<>();
			for (String month : months) {
				Map<Metric, Double> values = model.monthly().get(month);
				monthly.add((values != null) ? values.get(metric) : null);
			}
			series.add(new Charts.Series(label(model), periods.aggregate(monthly), emphasis.get(model.model().id())));
		}
		Set<String> breached = new TreeSet<>();
		ModelSummary champion = champion();
		if (champion != null) {
			champion.breaches().stream().filter((b) -> b.metric().equals(metric.key())).map(StoredBreach::period)
				.forEach(breached::add);
		}
		Double limit = (bound.min() != null) ? bound.min() : bound.max();
		String limitLabel = (bound.min() != null) ? "minimum " + bound.min()
				: (bound.max() != null) ? "maximum " + bound.max() : null;
		String title = metric.key() + " by " + periods.unit() + (suffix.isEmpty() ? "" : ", last " + months.size()
				+ " months");
		Charts.Drawing png = Charts.byPeriod(title, metric.key(), periods.labels(), series, limit, limitLabel,
				periods.marked(months, breached), Charts.WIDE);
		breached.retainAll(months);
		return new ReportChart(metric.key() + "-by-month" + suffix + ".png", title, breachedCaption(breached), png);
	}

	private static String breachedCaption(Set<String> breached) {
		List<String> months = breached.stream().filter((p) -> !ResultsStore.ALL.equals(p)).toList();
		return months.isEmpty() ? "" : "Breached: " + abbreviate(months) + ".";
	}

	private ReportChart byRun(Charted bound) {
		Metric metric = bound.metric();
		Map<String, Map<Long, Double>> values = this.reads.acrossRuns(this.run, metric.key(), RUNS_CHARTED);
		if (values.size() < 3) {
			return windowBars(bound);
		}
		List<String> labels = List.copyOf(values.keySet());
		Map<Long, Emphasis> emphasis = emphasis(metric);
		List<Charts.Series> series = new ArrayList<>();
		for (ModelSummary model : this.summary.models()) {
			List<Double> line = labels.stream().map((label) -> values.get(label).get(model.model().id())).toList();
			series.add(new Charts.Series(label(model), line, emphasis.get(model.model().id())));
		}
		Set<String> marked = new TreeSet<>();
		ModelSummary champion = champion();
		if (champion != null) {
			for (String label : labels) {
				Double value = values.get(label).get(champion.model().id());
				if (value != null && bound.breachedBy(value)) {
					marked.add(label);
				}
			}
		}
		Double limit = (bound.min() != null) ? bound.min() : bound.max();
		String limitLabel = (bound.min() != null) ? "minimum " + bound.min()
				: (bound.max() != null) ? "maximum " + bound.max() : null;
		String title = metric.key() + " by now-test run";
		Charts.Drawing png = Charts.byPeriod(title, metric.key(), labels, series, limit, limitLabel, marked, Charts.WIDE);
		return new ReportChart(metric.key() + "-by-run.png", title, "", png);
	}

	/** Too few now-tests for a line: each model's window value as a bar against the bound. */
	private ReportChart windowBars(Charted bound) {
		Metric metric = bound.metric();
		Map<Long, Emphasis> emphasis = emphasis(metric);
		List<String> names = new ArrayList<>();
		List<Double> values = new ArrayList<>();
		for (ModelSummary model : this.summary.models()) {
			if (emphasis.get(model.model().id()) != Emphasis.GREY) {
				names.add(label(model));
				values.add(model.wholePeriod().get(metric));
			}
		}
		Double limit = (bound.min() != null) ? bound.min() : bound.max();
		Charts.Size size = new Charts.Size(Charts.THIRD.width(), 110 + 30 * names.size());
		String title = metric.key() + " in the window" + ((limit != null)
				? ((bound.min() != null) ? ", minimum " : ", maximum ") + limit : "");
		return new ReportChart(metric.key() + "-window.png", title, "", Charts.bars(title, metric.key(), names,
				values, limit, bound.min() != null, size));
	}

	/** The champion thick, the best {@value Charts#HIGHLIGHTED} others (by whole-period value) in colour, the rest grey. */
	private Map<Long, Emphasis> emphasis(Metric metric) {
		Map<Long, Emphasis> emphasis = new HashMap<>();
		List<ModelSummary> others = new ArrayList<>();
		for (ModelSummary model : this.summary.models()) {
			if (model == champion()) {
				emphasis.put(model.model().id(), Emphasis.CHAMPION);
			}
			else {
				others.add(model);
			}
		}
		others.sort(Comparator.comparingDouble((ModelSummary model) -> score(model, metric)).reversed());
		for (int i = 0; i < others.size(); i++) {
			emphasis.put(others.get(i).model().id(), (i < Charts.HIGHLIGHTED) ? Emphasis.HIGHLIGHT : Emphasis.GREY);
		}
		return emphasis;
	}

	/** Higher is better: the whole-period value, negated for metrics where lower is better. */
	private static double score(ModelSummary model, Metric metric) {
		Double value = model.wholePeriod().get(metric);
		if (value == null) {
			return Double.NEGATIVE_INFINITY;
		}
		return (metric.direction() == Metric.Direction.LOWER_IS_BETTER) ? -value : value;
	}

	private ModelSummary champion() {
		return this.summary.models().stream().filter((m) -> "champion".equals(m.model().role())).findFirst()
			.orElse(this.summary.models().isEmpty() ? null : this.summary.models().get(0));
	}

	private static String label(ModelSummary model) {
		return model.model().key() + ("champion".equals(model.model().role()) ? " (champion)" : "");
	}

	// ---------------------------------------------------------------------------------------------- tables

	private ReportSection monthTables() {
		List<Metric> metrics = Metric.forTask(this.dataset.task());
		Map<Long, Emphasis> emphasis = emphasis(chartedMetrics().get(0).metric());
		List<ReportTable> tables = new ArrayList<>();
		List<ModelSummary> rest = new ArrayList<>();
		for (ModelSummary model : this.summary.models()) {
			if (emphasis.get(model.model().id()) == Emphasis.GREY) {
				rest.add(model);
				continue;
			}
			tables.add(monthTable(model, metrics));
		}
		if (!rest.isEmpty()) {
			tables.add(otherModels(rest, metrics));
		}
		String note = nowtest() ? "The window's figures per model; breached cells are red."
				: "Months × metrics per model, newest month first; breached cells are red; the header gives each bound.";
		return ReportSection.ofTables("table", nowtest() ? "Window figures" : "Months × metrics", note, tables);
	}

	private ReportTable monthTable(ModelSummary model, List<Metric> metrics) {
		List<Bound> monthly = this.requirements.monthlyFor(model.model().name());
		List<String> header = new ArrayList<>(List.of(nowtest() ? "period" : "month", "verdict"));
		metrics.forEach((metric) -> header.add(metric.key() + boundText(monthly, metric)));
		Set<String> breached = new java.util.HashSet<>();
		model.breaches().forEach((b) -> breached.add(b.period() + " " + b.metric()));
		List<List<Cell>> rows = new ArrayList<>();
		rows.add(row(model, ResultsStore.ALL, model.wholePeriod(), metrics, breached));
		List<String> newestFirst = new ArrayList<>(model.monthly().keySet());
		java.util.Collections.reverse(newestFirst);
		int omitted = Math.max(0, newestFirst.size() - TABLE_MONTHS);
		for (String month : newestFirst.subList(0, newestFirst.size() - omitted)) {
			rows.add(row(model, month, model.monthly().get(month), metrics, breached));
		}
		String footnote = (omitted > 0) ? omitted + " earlier months are in metrics.csv." : "";
		return new ReportTable(model.model().key() + " (" + model.model().role() + ", "
				+ model.verdict().replace('_', ' ') + ")", "", header, rows,
				1 + ((model == champion()) ? VISIBLE_MONTHS : VISIBLE_MONTHS / 3), footnote);
	}

	private List<Cell> row(ModelSummary model, String period, Map<Metric, Double> values, List<Metric> metrics,
			Set<String> breached) {
		List<Cell> row = new ArrayList<>();
		row.add(Cell.of(ResultsStore.ALL.equals(period) ? (nowtest() ? "window" : "whole period") : period));
		String verdict = model.verdicts().getOrDefault(period, "");
		row.add(new Cell(verdict.replace('_', ' '), "BREACH".equals(verdict)));
		for (Metric metric : metrics) {
			Double value = values.get(metric);
			row.add(new Cell((value == null) ? "–" : Formats.brief(metric, value),
					breached.contains(period + " " + metric.key())));
		}
		return row;
	}

	private ReportTable otherModels(List<ModelSummary> models, List<Metric> metrics) {
		List<String> header = new ArrayList<>(List.of("model", "verdict", "months breached"));
		metrics.forEach((metric) -> header.add(metric.key()));
		List<List<Cell>> rows = new ArrayList<>();
		for (ModelSummary model : models) {
			Set<String> breached = new java.util.HashSet<>();
			model.breaches().forEach((b) -> breached.add(b.period() + " " + b.metric()));
			List<Cell> row = new ArrayList<>();
			row.add(Cell.of(model.model().key()));
			row.add(new Cell(model.verdict().replace('_', ' '), "BREACH".equals(model.verdict())));
			long months = model.months("BREACH");
			row.add(new Cell(Long.toString(months), months > 0));
			for (Metric metric : metrics) {
				Double value = model.wholePeriod().get(metric);
				row.add(new Cell((value == null) ? "–" : Formats.brief(metric, value),
						breached.contains(ResultsStore.ALL + " " + metric.key())));
			}
			rows.add(row);
		}
		return new ReportTable("Other models (whole period)", "Their months are in metrics.csv.", header, rows, 20, "");
	}

	private static String boundText(List<Bound> bounds, Metric metric) {
		StringBuilder text = new StringBuilder();
		for (Bound bound : bounds) {
			if (bound.metric() == metric) {
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

	// ---------------------------------------------------------------------------------------------- latest month

	private ReportSection latest() {
		if (this.summary.models().isEmpty()) {
			return null;
		}
		String period = nowtest() ? ResultsStore.ALL : (this.months.isEmpty() ? null : this.months.get(this.months.size() - 1));
		if (period == null) {
			return null;
		}
		String name = nowtest() ? "the window" : period;
		if (this.dataset.task() == Task.REGRESSION) {
			return regression();
		}
		Map<Long, Emphasis> emphasis = emphasis(Metric.ROC_AUC);
		List<Charts.Curve> roc = new ArrayList<>();
		List<Charts.Curve> pr = new ArrayList<>();
		List<Charts.Curve> reliability = new ArrayList<>();
		List<List<Cell>> confusion = new ArrayList<>();
		double threshold = Double.NaN;
		for (ModelSummary model : this.summary.models()) {
			Emphasis style = emphasis.get(model.model().id());
			if (style == Emphasis.GREY) {
				continue;
			}
			byte[] state = this.results.partitionState(this.run.id(), model.model().id(), period);
			if (state == null) {
				continue;
			}
			ScoreCurves curves = ScoreCurves.fromState(state);
			if (!curves.roc().isEmpty()) {
				roc.add(curve(label(model), curves.roc(), style));
				pr.add(curve(label(model), curves.precisionRecall(), style));
			}
			if (style == Emphasis.CHAMPION) {
				List<ScoreCurves.ReliabilityBin> bins = curves.reliability().stream().filter((b) -> b.rows() > 0).toList();
				reliability.add(new Charts.Curve(label(model), bins.stream().mapToDouble(ScoreCurves.ReliabilityBin::meanScore).toArray(),
						bins.stream().mapToDouble(ScoreCurves.ReliabilityBin::positiveRate).toArray(), style));
			}
			ScoreCurves.Confusion c = curves.confusion();
			threshold = c.threshold();
			confusion.add(List.of(Cell.of(model.model().key()), Cell.of(Long.toString(c.truePositives())),
					Cell.of(Long.toString(c.falsePositives())), Cell.of(Long.toString(c.falseNegatives())),
					Cell.of(Long.toString(c.trueNegatives())),
					Cell.of(ratio(c.truePositives(), c.truePositives() + c.falsePositives())),
					Cell.of(ratio(c.truePositives(), c.truePositives() + c.falseNegatives()))));
		}
		List<ReportChart> charts = new ArrayList<>();
		if (!roc.isEmpty()) {
			charts.add(new ReportChart("roc.png", "ROC curve, " + name, "", Charts.curves("ROC curve, " + name,
					"false positive rate", "true positive rate", roc, true, false, Charts.HALF)));
			charts.add(new ReportChart("precision-recall.png", "Precision–recall, " + name, "", Charts.curves(
					"Precision–recall, " + name, "recall", "precision", pr, false, false, Charts.HALF)));
		}
		if (!reliability.isEmpty()) {
			charts.add(new ReportChart("reliability.png", "Reliability, " + name,
					"Champion: mean score against the share of positives in " + ScoreCurves.RELIABILITY_BINS
							+ " equal-width score bins (empty bins left out).",
					Charts.curves("Reliability (10 bins), " + name, "mean predicted probability", "observed positive rate",
							reliability, true, true, Charts.HALF)));
		}
		ReportTable matrix = new ReportTable("Confusion matrix at threshold " + threshold,
				"A row is predicted positive when its score is at least the threshold.",
				List.of("model", "true positives", "false positives", "false negatives", "true negatives", "precision",
						"recall"), confusion);
		return new ReportSection("latest", nowtest() ? "The window" : "Latest month, " + period,
				"Curves of the champion and the best candidates on " + name + ".", charts, List.of(matrix));
	}

	private static Charts.Curve curve(String name, List<ScoreCurves.Point> points, Emphasis style) {
		return new Charts.Curve(name, points.stream().mapToDouble(ScoreCurves.Point::x).toArray(),
				points.stream().mapToDouble(ScoreCurves.Point::y).toArray(), style);
	}

	/** Regression: mean prediction against mean label by month, and the mean residual (bias) by month. */
	private ReportSection regression() {
		if (this.months.size() < 2) {
			return null;
		}
		Periods periods = Periods.of(this.months, Periods.LIMIT);
		Map<Long, Emphasis> emphasis = emphasis(Metric.RMSE);
		ModelSummary champion = champion();
		List<Charts.Series> means = new ArrayList<>();
		means.add(new Charts.Series("actual (mean label)", periods.aggregate(monthly(champion, Metric.MEAN_LABEL)),
				Emphasis.HIGHLIGHT));
		List<Charts.Series> residuals = new ArrayList<>();
		for (ModelSummary model : this.summary.models()) {
			Emphasis style = emphasis.get(model.model().id());
			if (style == Emphasis.GREY) {
				continue;
			}
			means.add(new Charts.Series(label(model) + " predicted", periods.aggregate(monthly(model,
					Metric.MEAN_PREDICTION)), style));
			residuals.add(new Charts.Series(label(model), periods.aggregate(monthly(model, Metric.BIAS)), style));
		}
		List<ReportChart> charts = List.of(
				new ReportChart("predicted-vs-actual.png", "Predicted against actual by " + periods.unit(), "",
						Charts.byPeriod("Mean predicted against mean actual by " + periods.unit(), "mean",
								periods.labels(), means, null, null, Set.of(), Charts.WIDE)),
				new ReportChart("residuals.png", "Residuals by " + periods.unit(), "Mean residual (prediction minus "
						+ "label); the red line is no bias.", Charts.byPeriod("Mean residual by " + periods.unit(),
								"prediction − label", periods.labels(), residuals, 0.0, "no bias", Set.of(),
								Charts.WIDE)));
		return ReportSection.ofCharts("latest", "Predicted and actual", "Means per " + periods.unit()
				+ " of the stored figures (rows are not kept).", charts);
	}

	private List<Double> monthly(ModelSummary model, Metric metric) {
		List<Double> values = new ArrayList<>();
		for (String month : this.months) {
			Map<Metric, Double> figures = model.monthly().get(month);
			values.add((figures != null) ? figures.get(metric) : null);
		}
		return values;
	}

	// ---------------------------------------------------------------------------------------------- drift

	private ReportSection drift() {
		List<FeatureMeanStore.StoredMean> stored = this.featureMeans.means(this.run.id());
		Map<String, List<FeatureMeanStore.StoredMean>> byFeature = new LinkedHashMap<>();
		stored.forEach((mean) -> byFeature.computeIfAbsent(mean.feature(), (f) -> new ArrayList<>()).add(mean));
		List<ReportChart> charts = new ArrayList<>();
		if (nowtest()) {
			Map<String, Double> psi = this.reads.featurePsi(this.run.id());
			if (psi.isEmpty()) {
				return null;
			}
			List<Map.Entry<String, Double>> sorted = new ArrayList<>(psi.entrySet());
			sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
			Double limit = this.requirements.drift().features().get(DriftStatistic.PSI);
			Charts.Size size = new Charts.Size(Charts.WIDE.width(), Math.min(900, 90 + 26 * sorted.size()));
			charts.add(new ReportChart("psi.png", "PSI per feature", "", Charts.bars("PSI per feature, window against "
					+ "the reference" + ((limit != null) ? ", maximum " + limit : ""), "population stability index", sorted.stream().map(Map.Entry::getKey).toList(),
					sorted.stream().map(Map.Entry::getValue).toList(), limit, size)));
			List<String> drifting = new ArrayList<>();
			for (Map.Entry<String, Double> entry : sorted) {
				double max = this.requirements.drift().max(entry.getKey(), DriftStatistic.PSI).orElse(Double.NaN);
				if ((entry.getValue() > max || (Double.isNaN(max) && drifting.size() < 3))
						&& byFeature.containsKey(entry.getKey())) {
					drifting.add(entry.getKey());
				}
			}
			for (String feature : drifting.subList(0, Math.min(FEATURE_CHARTS, drifting.size()))) {
				charts.add(featureChart(feature, byFeature.get(feature), psi.get(feature)));
			}
			return ReportSection.ofCharts("drift", "Drift", "Population stability index of each feature, the window "
					+ "against the reference, largest first (red: above its maximum); then the mean of each drifting "
					+ "numeric feature by reference month and in the window.", charts);
		}
		if (byFeature.isEmpty()) {
			return null;
		}
		int count = 0;
		for (Map.Entry<String, List<FeatureMeanStore.StoredMean>> entry : byFeature.entrySet()) {
			if (count++ >= FEATURE_CHARTS) {
				break;
			}
			charts.add(featureChart(entry.getKey(), entry.getValue(), null));
		}
		return ReportSection.ofCharts("drift", "Feature means", "The mean of each numeric feature by month"
				+ ((byFeature.size() > FEATURE_CHARTS) ? " (the first " + FEATURE_CHARTS + " features)" : "")
				+ ": a moving feature is the first sign of drift. The now-test measures drift (PSI) against the "
				+ "champion's training window.", charts);
	}

	private ReportChart featureChart(String feature, List<FeatureMeanStore.StoredMean> means, Double psi) {
		List<String> periods = new ArrayList<>();
		List<Double> values = new ArrayList<>();
		for (FeatureMeanStore.StoredMean mean : means) {
			if (!ResultsStore.ALL.equals(mean.period())) {
				periods.add(mean.period());
				values.add(mean.mean());
			}
		}
		Periods buckets = Periods.of(periods, 60);
		List<String> labels = new ArrayList<>(buckets.labels());
		List<Double> line = new ArrayList<>(buckets.aggregate(values));
		Set<String> marked = Set.of();
		for (FeatureMeanStore.StoredMean mean : means) {
			if (ResultsStore.ALL.equals(mean.period())) {
				labels.add("window");
				line.add(mean.mean());
				marked = Set.of("window");
			}
		}
		String title = feature + ((psi != null) ? String.format(Locale.ROOT, " (PSI %.3f)", psi) : "");
		Charts.Drawing png = Charts.byPeriod(title, "mean", labels,
				List.of(new Charts.Series("mean", line, Emphasis.CHAMPION)), null, null, marked, Charts.SMALL);
		return new ReportChart("feature-" + feature.replaceAll("[^A-Za-z0-9_-]", "_") + ".png", title, "", png);
	}

	// ---------------------------------------------------------------------------------------------- facts

	private ReportSection facts() {
		List<List<Cell>> facts = new ArrayList<>();
		fact(facts, "parameters", this.run.parameters());
		fact(facts, "status", this.run.status());
		fact(facts, "started", String.valueOf(this.run.startedAt()));
		fact(facts, "finished", String.valueOf(this.run.finishedAt()));
		if (this.run.startedAt() != null && this.run.finishedAt() != null) {
			fact(facts, "duration", duration(Duration.between(this.run.startedAt(), this.run.finishedAt())));
		}
		fact(facts, "rows read", String.valueOf(this.run.rowsRead()));
		fact(facts, "rows rejected", String.valueOf(this.run.rowsRejected()));
		fact(facts, "rows unlabelled", String.valueOf(this.run.rowsUnlabelled()));
		if (this.run.absentPeriods() != null) {
			fact(facts, "months without data", this.run.absentPeriods());
		}
		if (this.run.failure() != null) {
			facts.add(List.of(Cell.of("failure"), new Cell(this.run.failure(), true)));
		}
		List<List<Cell>> models = new ArrayList<>();
		for (ModelSummary model : this.summary.models()) {
			models.add(List.of(Cell.of(model.model().key()), Cell.of(model.model().role()),
					Cell.of(model.model().sha256()), Cell.of(model.model().file())));
		}
		List<List<Cell>> files = new ArrayList<>();
		List<PartitionResult> partitions = new ArrayList<>(this.summary.partitions());
		java.util.Collections.reverse(partitions);
		for (PartitionResult partition : partitions.subList(0, Math.min(TABLE_MONTHS, partitions.size()))) {
			files.add(List.of(Cell.of(partition.file()), Cell.of(Long.toString(partition.rowsRead())),
					new Cell(Long.toString(partition.rowsRejected()), partition.rowsRejected() > 0),
					Cell.of(Long.toString(partition.rowsUnlabelled())), Cell.of(Long.toString(partition.millis()))));
		}
		int omitted = partitions.size() - files.size();
		List<ReportTable> tables = new ArrayList<>(List.of(
				new ReportTable("Run", "", List.of("fact", "value"), facts, 40, ""),
				new ReportTable("Models", "", List.of("model", "role", "SHA-256", "file"), models, 8, "")));
		ReportTable logged = loggedPredictions();
		if (logged != null) {
			tables.add(logged);
		}
		tables.add(new ReportTable("Data files, newest first", "", List.of("file", "rows", "rejected", "unlabelled",
				"ms"), files, 12, (omitted > 0) ? omitted + " earlier files are listed in the database (run_partition)."
						: ""));
		return ReportSection.ofTables("facts", "Run facts", "", tables);
	}

	/** The logged models' join of rows and scores, or {@code null} when the run scored none. */
	private ReportTable loggedPredictions() {
		Map<Long, LogCoverage> coverage = this.reads.loggedCoverage(this.run.id());
		if (coverage.isEmpty()) {
			return null;
		}
		List<List<Cell>> rows = new ArrayList<>();
		for (ModelSummary model : this.summary.models()) {
			LogCoverage counts = coverage.get(model.model().id());
			if (counts != null) {
				rows.add(List.of(Cell.of(model.model().key()), Cell.of(Long.toString(counts.logged())),
						Cell.of(Long.toString(counts.joined())),
						new Cell(Long.toString(counts.unlogged()), counts.unlogged() > 0),
						Cell.of(Long.toString(counts.awaitingLabel()))));
			}
		}
		return new ReportTable("Logged predictions", "Scores logged in production: a model's metrics are over the"
				+ " labelled rows joined with a logged score; labelled rows without one are left out (never scored as"
				+ " something), and predictions whose row has no label yet wait for it.", List.of("model", "logged",
						"joined with a label", "labelled, no logged score", "awaiting label"), rows, 8, "");
	}

	private static void fact(List<List<Cell>> facts, String name, String value) {
		facts.add(List.of(Cell.of(name), Cell.of((value != null) ? value : "–")));
	}

	private static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
		}
		return (seconds / 60) + " min " + (seconds % 60) + " s";
	}

	private static String ratio(long numerator, long denominator) {
		return (denominator == 0) ? "–" : String.format(Locale.ROOT, "%.4f", (double) numerator / denominator);
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

}
