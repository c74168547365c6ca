package io.ratchet.report;

import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.metrics.Metric;
import io.ratchet.requirement.Bound;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.run.PartitionResult;
import io.ratchet.run.RunSummary;
import io.ratchet.run.RunSummary.ModelSummary;
import io.ratchet.run.StoredBreach;

/**
 * A plain, self-contained HTML summary of a run: verdict first, then per model the months against the requirements
 * with breached cells marked, then the run's facts. (The templated report with charts replaces it later.)
 */
class SummaryHtml {

	private final RunSummary summary;

	private final DatasetConfig dataset;

	private final DatasetRequirements requirements;

	private final StringBuilder html = new StringBuilder(32 * 1024);

	private final List<ReportTable> tables;

	SummaryHtml(RunSummary summary, DatasetConfig dataset, DatasetRequirements requirements, List<ReportTable> tables) {
		this.summary = summary;
		this.tables = tables;
		this.dataset = dataset;
		this.requirements = requirements;
	}

	String render() {
		var run = this.summary.run();
		String verdict = (run.verdict() != null) ? run.verdict() : run.status();
		append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ratchet ")
			.append(nowtest() ? "now-test " : "back-test ")
			.append(run.id())
			.append(" · ")
			.esc(run.dataset())
			.append("</title><style>")
			.append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;"
					+ "margin:8px 0 24px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
					+ "th{background:#f3f3f3}td.l,th.l{text-align:left}.BREACH{background:#fdd;color:#900}"
					+ ".PASS{background:#dfd;color:#060}.INSUFFICIENT_DATA{background:#eee;color:#666}"
					+ ".badge{display:inline-block;padding:4px 12px;border-radius:4px;font-weight:bold}"
					+ "td.bad{background:#fdd;color:#900;font-weight:bold}")
			.append("</style></head><body>");
		append(nowtest() ? "<h1>Now-test of <code>" : "<h1>Back-test of <code>").esc(run.dataset()).append("</code>, run ").append(run.id()).append("</h1>");
		append("<p><span class=\"badge ").esc(verdict).append("\">").esc(verdict.replace('_', ' ')).append("</span> ");
		if (nowtest()) {
			append("window ").esc(run.parameters()).append("</p>");
		}
		else {
			append(run.fromPeriod()).append(" … ").append(run.toPeriod()).append(", ").append(run.periods())
				.append(" months</p>");
		}
		if (run.absentPeriods() != null) {
			append("<p>Months without data (absent, not failures): ").esc(run.absentPeriods().replace(",", ", "))
				.append("</p>");
		}
		if (run.failure() != null) {
			append("<p class=\"BREACH\">").esc(run.failure()).append("</p>");
		}
		breaches();
		this.tables.forEach(this::table);
		for (ModelSummary model : this.summary.models()) {
			model(model);
		}
		facts();
		append("</body></html>\n");
		return this.html.toString();
	}

	/** Whether the run is a now-test: one window (period ALL) rather than months. */
	private boolean nowtest() {
		return "nowtest".equals(this.summary.run().jobName());
	}

	/** One line per model: the months below a minimum, the metrics that failed, and the whole-period breaches. */
	private void breaches() {
		List<ModelSummary> breached = this.summary.models()
			.stream()
			.filter((model) -> !model.breaches().isEmpty())
			.toList();
		if (breached.isEmpty()) {
			append("<p>No requirement breached.</p>");
			return;
		}
		append("<h2>Breaches</h2><ul>");
		for (ModelSummary model : breached) {
			List<String> months = model.breaches().stream()
				.map(StoredBreach::period)
				.filter((period) -> !"ALL".equals(period))
				.distinct()
				.toList();
			List<String> metrics = model.breaches().stream()
				.map(StoredBreach::metric)
				.distinct()
				.toList();
			append("<li><b>").esc(model.model().key()).append("</b> (").esc(model.model().role()).append("): ");
			if (!months.isEmpty()) {
				append(months.size()).append((months.size() == 1) ? " month" : " months").append(" breached (")
					.esc(String.join(", ", months)).append(") on ").esc(String.join(", ", metrics));
			}
			List<String> whole = model.breaches().stream()
				.filter((breach) -> "ALL".equals(breach.period()))
				.map(StoredBreach::describe)
				.toList();
			if (!whole.isEmpty()) {
				append(months.isEmpty() ? "" : "; ").append(nowtest() ? "window " : "whole period ").esc(String.join(", ", whole));
			}
			append("</li>");
		}
		append("</ul>");
	}

	private void model(ModelSummary model) {
		List<Metric> metrics = Metric.forTask(this.dataset.task());
		append("<h2>").esc(model.model().key()).append(" <small>(").esc(model.model().role()).append(", ")
			.esc(model.verdict().replace('_', ' ')).append(")</small></h2>");
		List<Bound> monthly = this.requirements.monthlyFor(model.model().name());
		append("<table><tr><th class=\"l\">").append(nowtest() ? "period" : "month")
			.append("</th><th class=\"l\">verdict</th>");
		metrics.forEach((metric) -> append("<th>").append(metric.key()).append(bound(monthly, metric))
			.append("</th>"));
		append("</tr>");
		for (Map.Entry<String, Map<Metric, Double>> month : model.monthly().entrySet()) {
			row(model, month.getKey(), month.getValue(), metrics);
		}
		row(model, "ALL", model.wholePeriod(), metrics);
		append("</table>");
	}

	private void row(ModelSummary model, String period, Map<Metric, Double> values, List<Metric> metrics) {
		String verdict = model.verdicts().getOrDefault(period, "");
		append("<tr><td class=\"l\">")
			.append("ALL".equals(period) ? (nowtest() ? "<b>window</b>" : "<b>whole period</b>") : period)
			.append("</td><td class=\"l ").esc(verdict).append("\">").esc(verdict.replace('_', ' ')).append("</td>");
		for (Metric metric : metrics) {
			boolean breached = model.breaches().stream()
				.anyMatch((breach) -> breach.period().equals(period) && breach.metric().equals(metric.key()));
			Double value = values.get(metric);
			append(breached ? "<td class=\"bad\">" : "<td>").append((value == null) ? "–" : Formats.brief(metric, value))
				.append("</td>");
		}
		append("</tr>");
	}

	private String bound(List<Bound> bounds, Metric metric) {
		StringBuilder text = new StringBuilder();
		for (Bound bound : bounds) {
			if (bound.metric() == metric) {
				if (bound.min() != null) {
					text.append("<br>≥ ").append(bound.min());
				}
				if (bound.max() != null) {
					text.append("<br>≤ ").append(bound.max());
				}
			}
		}
		return text.toString();
	}

	private void facts() {
		var run = this.summary.run();
		append("<h2>Run facts</h2><table>");
		fact("parameters", run.parameters());
		fact("started", String.valueOf(run.startedAt()));
		fact("finished", String.valueOf(run.finishedAt()));
		fact("rows read", String.valueOf(run.rowsRead()));
		fact("rows rejected", String.valueOf(run.rowsRejected()));
		fact("rows unlabelled", String.valueOf(run.rowsUnlabelled()));
		for (ModelSummary model : this.summary.models()) {
			fact(model.model().key(), model.model().role() + " · sha256 " + model.model().sha256() + " · "
					+ model.model().file());
		}
		append("</table><h2>Data files</h2><table><tr><th class=\"l\">file</th><th>rows</th><th>rejected</th>"
				+ "<th>unlabelled</th><th>ms</th></tr>");
		for (PartitionResult partition : this.summary.partitions()) {
			append("<tr><td class=\"l\">").esc(partition.file()).append("</td><td>").append(partition.rowsRead())
				.append("</td><td>").append(partition.rowsRejected()).append("</td><td>")
				.append(partition.rowsUnlabelled()).append("</td><td>").append(partition.millis()).append("</td></tr>");
		}
		append("</table>");
	}

	private void fact(String name, String value) {
		append("<tr><th class=\"l\">").esc(name).append("</th><td class=\"l\">").esc(value).append("</td></tr>");
	}

	private void table(ReportTable table) {
		append("<h2>").esc(table.title()).append("</h2>");
		if (!table.note().isEmpty()) {
			append("<p>").esc(table.note()).append("</p>");
		}
		append("<table><tr>");
		for (int i = 0; i < table.header().size(); i++) {
			append((i == 0) ? "<th class=\"l\">" : "<th>").esc(table.header().get(i)).append("</th>");
		}
		append("</tr>");
		for (List<ReportTable.Cell> row : table.rows()) {
			append("<tr>");
			for (int i = 0; i < row.size(); i++) {
				ReportTable.Cell cell = row.get(i);
				append((i == 0) ? "<td class=\"l\">" : (cell.breached() ? "<td class=\"bad\">" : "<td>"))
					.esc(cell.text())
					.append("</td>");
			}
			append("</tr>");
		}
		append("</table>");
	}

	private SummaryHtml append(Object text) {
		this.html.append(text);
		return this;
	}

	private SummaryHtml esc(String text) {
		if (text == null) {
			return this;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> this.html.append("&lt;");
				case '>' -> this.html.append("&gt;");
				case '&' -> this.html.append("&amp;");
				case '"' -> this.html.append("&quot;");
				default -> this.html.append(c);
			}
		}
		return this;
	}


}
