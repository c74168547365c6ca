package io.ratchet.alert;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import io.ratchet.alert.AlertReport.BreachGroup;
import io.ratchet.alert.AlertReport.Period;
import io.ratchet.alert.AlertReport.Point;
import io.ratchet.alert.AlertReport.Recovered;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.StoredBreach;
/**
 * The words of an alert: its subject, and its body as plain text and as HTML with the same content (inline styles
 * only, every value escaped). The verdict comes first, then each breach with its value, bound and trend, drift, too
 * small periods, the candidates and the link to the report.
 */
final class AlertText {

	private static final String BARS = "▁▂▃▄▅▆▇█";

	/** At most this many values of a trend are listed. */
	private static final int LISTED = 12;

	private final AlertReport report;

	AlertText(AlertReport report) {
		this.report = report;
	}

	/**
	 * e.g. {@code [ratchet] churn: champion churn-logit@1 roc_auc 0.6793 < 0.7600 (back-test 2026-11-26)}, with
	 * {@code , failing since <date>} when the breach started on an earlier day.
	 */
	String subject() {
		AlertReport r = this.report;
		String when = " (" + r.jobLabel() + " " + r.day() + ")";
		return switch (r.kind()) {
			case BREACH -> "[ratchet] " + r.dataset() + ": " + r.modelLabel() + " " + r.worst().describe() + when
					+ since(r.failingSince());
			case INSUFFICIENT_DATA -> "[ratchet] " + r.dataset() + ": insufficient data for " + r.modelLabel() + ", "
					+ tooFew() + when + since(r.failingSince());
			case RECOVERED -> "[ratchet] " + r.dataset() + ": recovered "
					+ r.recovered().stream().map(Recovered::metric).collect(Collectors.joining(", ")) + when
					+ ", failing since " + r.failingSince();
		};
	}

	private String since(LocalDate failingSince) {
		return earlier(failingSince) ? ", failing since " + failingSince : "";
	}

	/** Whether a breach started before this run's day (news of a persisting breach, not a new one). */
	private boolean earlier(LocalDate failingSince) {
		return failingSince != null && failingSince.isBefore(this.report.day());
	}

	private String tooFew() {
		List<Period> periods = this.report.insufficient();
		if (periods.size() == 1) {
			return periods.get(0).rows() + " labelled rows";
		}
		return periods.size() + " periods with too few labelled rows";
	}

	/** The verdict in one sentence. */
	String headline() {
		AlertReport r = this.report;
		String run = r.jobLabel() + " run " + r.runId() + " of " + r.dataset() + " (as of " + r.day() + ")";
		return switch (r.kind()) {
			case BREACH -> "BREACH: the " + r.modelLabel() + " misses its requirements in the " + run + ": "
					+ count(r.breaches().stream().mapToInt((g) -> g.periods().size()).sum(), "breach", "breaches")
					+ " of " + count(r.breaches().size(), "metric", "metrics")
					+ (r.drift().isEmpty() ? "" : ", " + count(r.drift().size(), "drift figure", "drift figures"))
					+ ".";
			case INSUFFICIENT_DATA -> "INSUFFICIENT DATA: too few labelled rows to judge the " + r.modelLabel()
					+ " in the " + run + "; this is not a pass.";
			case RECOVERED -> "RECOVERED: the " + r.modelLabel() + " meets its requirements again in the " + run
					+ ". Failing since " + r.failingSince() + ": "
					+ r.recovered()
						.stream()
						.map((c) -> c.metric() + " (since " + c.failingSince() + ")")
						.collect(Collectors.joining(", "))
					+ ".";
		};
	}

	String text() {
		AlertReport r = this.report;
		StringBuilder out = new StringBuilder();
		out.append(headline()).append("\n\n");
		if (!r.breaches().isEmpty()) {
			out.append("Breaches, worst first\n");
			r.breaches().forEach((group) -> textGroup(out, group));
		}
		if (!r.drift().isEmpty()) {
			out.append("Drift highlights\n");
			r.drift().forEach((group) -> textGroup(out, group));
		}
		if (!r.insufficient().isEmpty()) {
			out.append("Too few labelled rows\n");
			r.insufficient().forEach((p) -> out.append("  ").append(p.period()).append(": ").append(p.rows())
				.append(" labelled rows\n"));
			out.append('\n');
		}
		if (!r.candidates().isEmpty()) {
			out.append("Candidates\n");
			r.candidates().forEach((line) -> out.append("  ").append(line).append('\n'));
			out.append('\n');
		}
		if (r.reportLink() != null) {
			out.append("Report: ").append(r.reportLink()).append('\n');
		}
		if (r.metricsCsv() != null) {
			out.append("Attached: the run's metrics (").append(r.attachmentName()).append(").\n");
		}
		out.append("\n-- \nRatchet, run ").append(r.runId()).append('\n');
		return out.toString();
	}

	private void textGroup(StringBuilder out, BreachGroup group) {
		out.append("  ").append(group.metric());
		if (earlier(group.failingSince())) {
			out.append(" (failing since ").append(group.failingSince()).append(')');
		}
		out.append('\n');
		for (StoredBreach breach : group.periods()) {
			out.append(String.format(Locale.ROOT, "    %-8s %s %s %s\n", period(breach), number(breach.value()),
					sign(breach), number(breach.bound())));
		}
		if (showWholePeriod(group)) {
			out.append("    whole period: ").append(number(group.wholePeriod())).append('\n');
		}
		if (!group.trend().isEmpty()) {
			out.append("    trend (").append(trendLabel(group)).append("): ")
				.append(listed(group).stream().map((p) -> p.label() + " " + number(p.value()))
					.collect(Collectors.joining(", ")))
				.append("  ").append(sparkline(group.trend())).append('\n');
		}
		out.append('\n');
	}

	String html() {
		AlertReport r = this.report;
		StringBuilder out = new StringBuilder();
		out.append("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>").append(esc(subject()))
			.append("</title></head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222\">\n");
		String colour = switch (r.kind()) {
			case BREACH -> "#b42318";
			case INSUFFICIENT_DATA -> "#9a6700";
			case RECOVERED -> "#1a7f37";
		};
		out.append("<p style=\"font-size:16px;font-weight:bold;color:").append(colour).append("\">")
			.append(esc(headline())).append("</p>\n");
		if (!r.breaches().isEmpty()) {
			out.append("<h3 style=\"margin:16px 0 4px\">Breaches, worst first</h3>\n");
			r.breaches().forEach((group) -> htmlGroup(out, group));
		}
		if (!r.drift().isEmpty()) {
			out.append("<h3 style=\"margin:16px 0 4px\">Drift highlights</h3>\n");
			r.drift().forEach((group) -> htmlGroup(out, group));
		}
		if (!r.insufficient().isEmpty()) {
			out.append("<h3 style=\"margin:16px 0 4px\">Too few labelled rows</h3>\n<ul>\n");
			r.insufficient().forEach((p) -> out.append("<li>").append(esc(p.period())).append(": ").append(p.rows())
				.append(" labelled rows</li>\n"));
			out.append("</ul>\n");
		}
		if (!r.candidates().isEmpty()) {
			out.append("<h3 style=\"margin:16px 0 4px\">Candidates</h3>\n<ul>\n");
			r.candidates().forEach((line) -> out.append("<li>").append(esc(line)).append("</li>\n"));
			out.append("</ul>\n");
		}
		if (r.reportLink() != null) {
			out.append("<p>Report: <a href=\"").append(esc(r.reportLink())).append("\">").append(esc(r.reportLink()))
				.append("</a></p>\n");
		}
		if (r.metricsCsv() != null) {
			out.append("<p>Attached: the run's metrics (").append(esc(r.attachmentName()))
				.append(").</p>\n");
		}
		out.append("<p style=\"color:#888;font-size:12px\">Ratchet, run ").append(r.runId()).append("</p>\n");
		out.append("</body></html>\n");
		return out.toString();
	}

	private void htmlGroup(StringBuilder out, BreachGroup group) {
		String cell = "style=\"border:1px solid #ccc;padding:3px 8px;text-align:right\"";
		String head = "style=\"border:1px solid #ccc;padding:3px 8px;background:#f3f3f3;text-align:left\"";
		out.append("<p style=\"margin:10px 0 4px\"><b>").append(esc(group.metric())).append("</b>");
		if (earlier(group.failingSince())) {
			out.append(" &middot; failing since ").append(esc(group.failingSince().toString()));
		}
		out.append("</p>\n<table style=\"border-collapse:collapse\">\n<tr><th ").append(head).append(">period</th><th ")
			.append(head).append(">value</th><th ").append(head).append(">bound</th></tr>\n");
		for (StoredBreach breach : group.periods()) {
			out.append("<tr><td ").append(cell).append('>').append(esc(period(breach))).append("</td><td ")
				.append(cell).append(" ><b style=\"color:#b42318\">").append(esc(number(breach.value())))
				.append("</b></td><td ").append(cell).append('>').append(esc(limit(breach) + " " + number(breach.bound())))
				.append("</td></tr>\n");
		}
		if (showWholePeriod(group)) {
			out.append("<tr><td ").append(cell).append(">whole period</td><td ").append(cell).append('>')
				.append(esc(number(group.wholePeriod()))).append("</td><td ").append(cell).append("></td></tr>\n");
		}
		out.append("</table>\n");
		if (!group.trend().isEmpty()) {
			out.append("<p style=\"margin:4px 0\">Trend (").append(esc(trendLabel(group)))
				.append("): <span style=\"font-family:monospace;font-size:16px\">")
				.append(esc(sparkline(group.trend())))
				.append("</span></p>\n<table style=\"border-collapse:collapse\"><tr>");
			listed(group).forEach((p) -> out.append("<th ").append(head).append('>').append(esc(p.label()))
				.append("</th>"));
			out.append("</tr><tr>");
			listed(group).forEach((p) -> out.append("<td ").append(cell).append('>').append(esc(number(p.value())))
				.append("</td>"));
			out.append("</tr></table>\n");
		}
	}

	/** The whole-period value is shown for monthly breaches; a breach of the whole period shows it already. */
	private static boolean showWholePeriod(BreachGroup group) {
		return group.wholePeriod() != null
				&& group.periods().stream().noneMatch((breach) -> ResultsStore.ALL.equals(breach.period()));
	}

	/** A month as {@code YYYY-MM}; the whole period of a back-test, or a now-test's window. */
	private String period(StoredBreach breach) {
		if (!ResultsStore.ALL.equals(breach.period())) {
			return breach.period();
		}
		return "backtest".equals(this.report.job()) ? "whole period" : "window";
	}

	/** The trend's values listed: the last {@value #LISTED} (the sparkline shows them all). */
	private static List<Point> listed(BreachGroup group) {
		List<Point> trend = group.trend();
		return (trend.size() > LISTED) ? trend.subList(trend.size() - LISTED, trend.size()) : trend;
	}

	private static String trendLabel(BreachGroup group) {
		return group.trendLabel() + ((group.trend().size() > LISTED) ? "; values of the last " + LISTED : "");
	}

	/** A one-line chart of the values, lowest ▁ to highest █; a blank for an undefined value. */
	static String sparkline(List<Point> points) {
		List<Double> values = points.stream().map(Point::value).filter(Objects::nonNull).toList();
		if (values.isEmpty()) {
			return "";
		}
		double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		List<String> bars = new ArrayList<>();
		for (Point point : points) {
			if (point.value() == null) {
				bars.add(" ");
				continue;
			}
			int level = (max > min) ? (int) Math.round((point.value() - min) / (max - min) * (BARS.length() - 1))
					: BARS.length() / 2;
			bars.add(String.valueOf(BARS.charAt(level)));
		}
		return String.join("", bars);
	}

	static String number(Double value) {
		return (value == null) ? "–" : String.format(Locale.ROOT, "%.4f", value);
	}

	/** The bound's kind as a word for the "bound" column: {@code min} or {@code max}. */
	private static String limit(StoredBreach breach) {
		return "MIN".equals(breach.boundKind()) ? "min" : "max";
	}

	private static String sign(StoredBreach breach) {
		return "MIN".equals(breach.boundKind()) ? "<" : ">";
	}

	private static String count(int n, String one, String many) {
		return n + " " + ((n == 1) ? one : many);
	}

	private static String esc(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
