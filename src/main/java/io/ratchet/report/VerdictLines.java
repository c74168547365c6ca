package io.ratchet.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.metrics.Metric;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunSummary.ModelSummary;
import io.ratchet.run.StoredBreach;

/**
 * The sentences under a report's verdict badge: the failure, if any; one line per
 * breached metric of the champion (months, whole period, worst value); one line per other
 * model that breaches too (the first {@value Charts#HIGHLIGHTED}, then a count); months
 * with too few labelled rows; else that the champion meets every requirement.
 */
final class VerdictLines {

	private final ReportedRun reported;

	VerdictLines(ReportedRun reported) {
		this.reported = reported;
	}

	List<String> lines() {
		RunRecord run = this.reported.run();
		boolean nowtest = this.reported.nowtest();
		List<String> lines = new ArrayList<>();
		if (run.failure() != null) {
			lines.add("The run failed: " + run.failure());
		}
		ModelSummary champion = this.reported.champion();
		if (champion != null) {
			Map<String, List<StoredBreach>> byMetric = byMetric(champion);
			byMetric.forEach((metric, breaches) -> lines.add(breachLine(champion, metric, breaches)));
		}
		int listed = 0;
		int more = 0;
		for (ModelSummary model : this.reported.models()) {
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
						+ ((whole) ? ((months > 0) ? " and " : "") + (nowtest ? "the window" : "the whole period") : "")
						+ ")");
			});
			lines.add(model.model().role() + " " + model.model().key() + " breaches too: " + String.join(", ", parts)
					+ ".");
		}
		if (more > 0) {
			lines.add(more + " more models breached their requirements (tables below).");
		}
		for (ModelSummary model : this.reported.models()) {
			long insufficient = model.months(Verdict.INSUFFICIENT_DATA);
			if (model.model().is(Role.CHAMPION) && insufficient > 0) {
				lines.add(model.model().key() + ": " + insufficient + " month" + ((insufficient == 1) ? "" : "s")
						+ " with too few labelled rows to judge (not a pass).");
			}
		}
		if (champion != null && nowtest
				&& Verdict.INSUFFICIENT_DATA.name().equals(champion.verdicts().get(ResultsStore.ALL))) {
			lines.add(champion.model().key() + ": too few labelled rows in the window to judge (not a pass).");
		}
		if (champion != null && champion.breaches().isEmpty() && Verdict.PASS.name().equals(champion.verdict())
				&& run.failure() == null) {
			lines.add(0, champion.model().key() + " (champion) meets every requirement" + (nowtest ? " in the window."
					: " in all " + this.reported.months().size() + " months and the whole period."));
		}
		if (lines.isEmpty()) {
			lines.add("No requirement breached.");
		}
		return lines;
	}

	private static Map<String, List<StoredBreach>> byMetric(ModelSummary model) {
		Map<String, List<StoredBreach>> byMetric = new TreeMap<>(
				Comparator.comparingInt(VerdictLines::metricOrder).thenComparing(Comparator.naturalOrder()));
		model.breaches().forEach((b) -> byMetric.computeIfAbsent(b.metric(), (m) -> new ArrayList<>()).add(b));
		return byMetric;
	}

	/**
	 * Metrics in the order people read them (ROC AUC first), other figures (drift) after.
	 */
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
		List<String> periods = breaches.stream()
			.map(StoredBreach::period)
			.filter((p) -> !ResultsStore.ALL.equals(p))
			.toList();
		StoredBreach worst = breaches.stream()
			.max(Comparator.comparingDouble((StoredBreach b) -> Math.abs(b.value() - b.bound())))
			.orElse(first);
		StringBuilder line = new StringBuilder(
				model.model().role() + " " + model.model().key() + ": " + metric + " " + side + number(first.bound()));
		if (!periods.isEmpty()) {
			line.append(" in ")
				.append(periods.size())
				.append((periods.size() == 1) ? " month (" : " months (")
				.append(Periods.abbreviate(periods))
				.append(")");
		}
		boolean whole = breaches.stream().anyMatch((b) -> ResultsStore.ALL.equals(b.period()));
		if (whole) {
			line.append(periods.isEmpty() ? " " : " and ")
				.append(this.reported.nowtest() ? "in the window" : "over the whole period");
		}
		line.append("; worst ")
			.append(number(worst.value()))
			.append(ResultsStore.ALL.equals(worst.period()) ? "" : " in " + worst.period())
			.append('.');
		return line.toString();
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

}
