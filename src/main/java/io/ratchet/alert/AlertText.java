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
import io.ratchet.run.JobKind;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.StoredBreach;

/**
 * The words of an alert: its subject, and its body as plain text (the HTML body, with the
 * same content and charts, is {@link AlertHtml}'s). The verdict comes first, then each
 * breach with its value, bound and trend, drift, too small periods, the candidates and
 * the link to the report. A requirement in the business's terms is worded as the business
 * says it ({@link BreachWords}: {@code false positives 11.2% > 8%}).
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
	 * e.g.
	 * {@code [ratchet] sales: champion sales-logit@1 roc_auc 0.6793 < 0.7600 (back-test 2026-11-26)},
	 * with {@code , failing since <date>} when the breach started on an earlier day.
	 */
	String subject() {
		AlertReport r = this.report;
		String when = " (" + r.jobLabel() + " " + r.day() + ")";
		return switch (r.kind()) {
			case BREACH -> "[ratchet] " + r.dataset() + ": " + r.modelLabel() + " " + BreachWords.describe(r.worst())
					+ when + since(r.failingSince());
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

	/**
	 * Whether a breach started before this run's day (news of a persisting breach, not a
	 * new one).
	 */
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
			r.insufficient()
				.forEach((p) -> out.append("  ")
					.append(p.period())
					.append(": ")
					.append(p.rows())
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
		out.append("  ").append(BreachWords.heading(group.metric()));
		if (earlier(group.failingSince())) {
			out.append(" (failing since ").append(group.failingSince()).append(')');
		}
		out.append('\n');
		for (StoredBreach breach : group.periods()) {
			out.append(String.format(Locale.ROOT, "    %-8s %s %s %s%s\n", period(breach),
					BreachWords.value(group.metric(), breach.value(), breach.bound()), sign(breach),
					BreachWords.bound(group.metric(), breach.bound()), BreachWords.judged(breach)));
		}
		if (showWholePeriod(group)) {
			out.append("    whole period: ")
				.append(BreachWords.value(group.metric(), group.wholePeriod()))
				.append('\n');
		}
		if (!group.trend().isEmpty()) {
			out.append("    trend (")
				.append(trendLabel(group))
				.append("): ")
				.append(listed(group).stream()
					.map((p) -> p.label() + " " + BreachWords.value(group.metric(), p.value()))
					.collect(Collectors.joining(", ")))
				.append("  ")
				.append(sparkline(group.trend()))
				.append('\n');
		}
		out.append('\n');
	}

	/**
	 * The whole-period value is shown for monthly breaches; a breach of the whole period
	 * shows it already.
	 */
	private static boolean showWholePeriod(BreachGroup group) {
		return group.wholePeriod() != null
				&& group.periods().stream().noneMatch((breach) -> ResultsStore.ALL.equals(breach.period()));
	}

	/**
	 * A month as {@code YYYY-MM}; the whole period of a back-test, or a now-test's
	 * window.
	 */
	private String period(StoredBreach breach) {
		if (!ResultsStore.ALL.equals(breach.period())) {
			return breach.period();
		}
		return JobKind.BACKTEST.is(this.report.job()) ? "whole period" : "window";
	}

	/**
	 * The trend's values listed: the last {@value #LISTED} (the sparkline shows them
	 * all).
	 */
	private static List<Point> listed(BreachGroup group) {
		List<Point> trend = group.trend();
		return (trend.size() > LISTED) ? trend.subList(trend.size() - LISTED, trend.size()) : trend;
	}

	private static String trendLabel(BreachGroup group) {
		return group.trendLabel() + ((group.trend().size() > LISTED) ? "; values of the last " + LISTED : "");
	}

	/**
	 * A one-line chart of the values, lowest ▁ to highest █; a blank for an undefined
	 * value.
	 */
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
		if (value == null) {
			return "–";
		}
		// a drift p-value is often far below 0.0001: four decimals would print 0.0000
		boolean tiny = value != 0 && Math.abs(value) < 0.001;
		return String.format(Locale.ROOT, tiny ? "%.3g" : "%.4f", value);
	}

	private static String sign(StoredBreach breach) {
		return "MIN".equals(breach.boundKind()) ? "<" : ">";
	}

	private static String count(int n, String one, String many) {
		return n + " " + ((n == 1) ? one : many);
	}

}
