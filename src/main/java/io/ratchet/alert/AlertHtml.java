package io.ratchet.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.alert.AlertReport.BreachGroup;
import io.ratchet.alert.AlertReport.Point;
import io.ratchet.report.Charts;
import io.ratchet.report.ReportChart;
import io.ratchet.report.ReportSection;
import io.ratchet.report.ReportTable;
import io.ratchet.report.ReportTable.Cell;
import io.ratchet.report.ReportTemplates;
import io.ratchet.report.RunPage;
import io.ratchet.run.JobKind;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.StoredBreach;

/**
 * The HTML body of an alert, rendered by the report's templates
 * ({@code report/alert-email.html} with the fragments of the run pages) in an e-mail-safe
 * form: inline styles only, at most 700 px wide, each breached figure's trend as a chart
 * attached inline (its file name is its Content-ID, referenced as {@code cid:}). The same
 * verdict, badge, tables and chart style as the run's report page.
 */
final class AlertHtml {

	/**
	 * Points a trend needs to be drawn as a line; a shorter one is drawn as a bar against
	 * the bound.
	 */
	static final int MIN_TREND = 3;

	/** The widest an e-mail's content gets. */
	static final int MAX_WIDTH = 680;

	private AlertHtml() {
	}

	/**
	 * The rendered body and its inline images.
	 *
	 * @param html the HTML, images referenced as {@code cid:<file>}
	 * @param images the charts to attach inline, each with Content-ID {@code <file>}
	 */
	record Rendered(String html, List<ReportChart> images) {
	}

	static Rendered render(AlertReport report) {
		AlertText text = new AlertText(report);
		List<ReportSection> sections = new ArrayList<>();
		Set<String> files = new LinkedHashSet<>();
		report.breaches().forEach((group) -> sections.add(group(report, "Breach", group, files)));
		report.drift().forEach((group) -> sections.add(group(report, "Drift", group, files)));
		if (!report.insufficient().isEmpty()) {
			List<List<Cell>> rows = report.insufficient()
				.stream()
				.map((p) -> List.of(Cell.of(p.period()), new Cell(Long.toString(p.rows()), true)))
				.toList();
			sections.add(ReportSection.ofTables("insufficient", "Too few labelled rows", "",
					List.of(new ReportTable("", "", List.of("period", "labelled rows"), rows))));
		}
		if (!report.recovered().isEmpty()) {
			List<List<Cell>> rows = report.recovered()
				.stream()
				.map((r) -> List.of(Cell.of(r.metric()), Cell.of(String.valueOf(r.failingSince()))))
				.toList();
			sections.add(ReportSection.ofTables("recovered", "Recovered", "",
					List.of(new ReportTable("", "", List.of("figure", "failing since"), rows))));
		}
		if (!report.candidates().isEmpty()) {
			List<List<Cell>> rows = report.candidates().stream().map((line) -> List.of(Cell.of(line))).toList();
			sections.add(ReportSection.ofTables("candidates", "Candidates", "",
					List.of(new ReportTable("", "", List.of("model: verdict"), rows))));
		}
		String verdict = switch (report.kind()) {
			case BREACH -> "BREACH";
			case INSUFFICIENT_DATA -> "INSUFFICIENT_DATA";
			case RECOVERED -> "PASS";
		};
		RunPage page = new RunPage(report.job(), report.runId(), report.dataset(), text.subject(), verdict, "",
				List.of(text.headline()), sections);
		return render(page, text.subject(), report.reportLink(),
				(report.metricsCsv() != null) ? report.attachmentName() : null);
	}

	/**
	 * Any run's page in the e-mail form (inline styles, charts as {@code cid:} images at
	 * most {@link #MAX_WIDTH} wide): alerts and other jobs' messages (a challenge's) look
	 * alike.
	 * @param link the report's address, or {@code null}
	 * @param attachment the name of an attached file to mention, or {@code null}
	 */
	static Rendered render(RunPage page, String subject, String link, String attachment) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("page", page);
		variables.put("subject", subject);
		variables.put("link", link);
		variables.put("attachment", attachment);
		variables.put("maxWidth", MAX_WIDTH);
		return new Rendered(ReportTemplates.render("alert-email", variables), page.charts());
	}

	private static ReportSection group(AlertReport report, String kind, BreachGroup group, Set<String> files) {
		StoredBreach worst = group.periods().get(0);
		boolean min = "MIN".equals(worst.boundKind());
		String title = kind + ": " + BreachWords.heading(group.metric())
				+ ((group.failingSince() != null && group.failingSince().isBefore(report.day()))
						? " · failing since " + group.failingSince() : "");
		List<List<Cell>> rows = new ArrayList<>();
		for (StoredBreach breach : group.periods()) {
			rows.add(List.of(Cell.of(period(report, breach.period())),
					new Cell(BreachWords.value(group.metric(), breach.value(), breach.bound()), true),
					Cell.of((min ? "min " : "max ") + BreachWords.bound(group.metric(), breach.bound())
							+ BreachWords.judged(breach))));
		}
		boolean wholeShown = group.periods().stream().anyMatch((b) -> ResultsStore.ALL.equals(b.period()));
		if (group.wholePeriod() != null && !wholeShown) {
			rows.add(List.of(Cell.of("whole period"), Cell.of(BreachWords.value(group.metric(), group.wholePeriod())),
					Cell.of("")));
		}
		List<ReportChart> charts = new ArrayList<>();
		String name = group.metric().replaceAll("[^A-Za-z0-9_-]", "_");
		String bound = (min ? "minimum " : "maximum ") + BreachWords.bound(group.metric(), worst.bound());
		if (group.trend().size() >= MIN_TREND) {
			List<String> labels = new ArrayList<>();
			List<Double> values = new ArrayList<>();
			Set<String> marked = new LinkedHashSet<>();
			for (Point point : group.trend()) {
				labels.add(point.label());
				values.add(point.value());
				if (point.value() != null && (min ? point.value() < worst.bound() : point.value() > worst.bound())) {
					marked.add(point.label());
				}
			}
			String file = unique("trend-" + name, files) + ".png";
			String chartTitle = group.metric() + ", " + group.trendLabel();
			Charts.Drawing png = Charts.byPeriod(chartTitle, group.metric(), labels,
					List.of(new Charts.Series(report.modelLabel(), values, Charts.Emphasis.CHAMPION)), worst.bound(),
					bound, marked, Charts.EMAIL);
			charts.add(new ReportChart(file, chartTitle, marked.isEmpty() ? "" : "Shaded: breached.", png));
		}
		else {
			// too short a trend for a line: the value as a bar against its bound
			String file = unique("value-" + name, files) + ".png";
			String chartTitle = group.metric() + ", " + period(report, worst.period()) + " against its " + bound;
			Charts.Drawing png = Charts.bars(chartTitle, group.metric(), List.of(report.modelLabel()),
					List.of(worst.value()), worst.bound(), min, new Charts.Size(Charts.EMAIL.width(), 130));
			charts.add(new ReportChart(file, chartTitle, "", png));
		}
		return new ReportSection(group.metric().replaceAll("[^A-Za-z0-9-]", "-"), title, "", charts,
				List.of(new ReportTable("", "", List.of("period", "value", "bound"), rows)));
	}

	private static String unique(String name, Set<String> files) {
		String candidate = name;
		for (int i = 2; !files.add(candidate); i++) {
			candidate = name + "-" + i;
		}
		return candidate;
	}

	private static String period(AlertReport report, String period) {
		if (!ResultsStore.ALL.equals(period)) {
			return period;
		}
		return JobKind.BACKTEST.is(report.job()) ? "whole period" : "window";
	}

}
