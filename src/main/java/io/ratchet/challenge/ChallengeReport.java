package io.ratchet.challenge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.ratchet.challenge.ChallengeStore.Candidate;
import io.ratchet.challenge.ChallengeStore.ChallengeRun;
import io.ratchet.data.AtomicFiles;
import io.ratchet.metrics.Metric;
import io.ratchet.report.Charts;
import io.ratchet.report.Charts.Emphasis;
import io.ratchet.report.Charts.Series;
import io.ratchet.report.ReportChart;
import io.ratchet.report.ReportSection;
import io.ratchet.report.ReportTable;
import io.ratchet.report.ReportTable.Cell;
import io.ratchet.report.RunPage;
import io.ratchet.report.RunReports;
import io.ratchet.run.RunModel;
import io.ratchet.run.StoredMetric;

/**
 * The report of a challenge run in the layout of every run's report ({@link RunPage}):
 * the outcome and the ratchet's changes first, then the ranking (a bar per candidate
 * against the champion, and the table with each gain's 95% interval and gate decision),
 * the primary metric by evaluation month for the champion and the best candidates, and a
 * link to the evaluation back-test's own report. Also {@code ranking.csv} (one row per
 * candidate) and the e-mail's subject and text; the e-mail's HTML is the same page in
 * e-mail form.
 */
final class ChallengeReport {

	/** Candidates drawn in colour in the by-month chart; the others are grey. */
	private static final int COLOURED = 4;

	/** Bars in the ranking chart (the table lists every candidate). */
	private static final int BARS = 12;

	private final ChallengeRun run;

	private final List<Candidate> candidates;

	private final Path evaluationReport;

	private final List<StoredMetric> evaluationFigures;

	private final List<RunModel> evaluationModels;

	/**
	 * @param evaluationReport the evaluation back-test's page, or {@code null}
	 * @param evaluationFigures the evaluation back-test's stored figures (empty when it
	 * did not run)
	 * @param evaluationModels the models of the evaluation back-test
	 */
	ChallengeReport(ChallengeRun run, List<Candidate> candidates, Path evaluationReport,
			List<StoredMetric> evaluationFigures, List<RunModel> evaluationModels) {
		this.run = run;
		this.candidates = List.copyOf(candidates);
		this.evaluationReport = evaluationReport;
		this.evaluationFigures = List.copyOf(evaluationFigures);
		this.evaluationModels = List.copyOf(evaluationModels);
	}

	/**
	 * Writes {@code ranking.csv}, {@code index.html} and its charts into {@code dir};
	 * returns the page's path.
	 */
	Path write(Path dir, RunReports reports) throws IOException {
		Files.createDirectories(dir);
		AtomicFiles.write(dir.resolve("ranking.csv"), csv());
		return reports.writePage(page(dir), dir);
	}

	/**
	 * The page; {@code dir} is where it is written (links to the evaluation report are
	 * relative to it).
	 */
	RunPage page(Path dir) {
		List<String> lines = new ArrayList<>();
		if (this.run.outcomeText() != null) {
			this.run.outcomeText().lines().filter((line) -> !line.isBlank()).forEach(lines::add);
		}
		List<ReportSection> sections = new ArrayList<>();
		if (this.run.ratchetText() != null) {
			sections.add(ratchetSection());
		}
		sections.add(rankingSection());
		ReportSection byMonth = byMonthSection();
		if (byMonth != null) {
			sections.add(byMonth);
		}
		sections.add(evaluationSection(dir));
		String subtitle = "Champion " + this.run.championKey() + "; evaluated on " + this.run.evalFrom() + " … "
				+ this.run.evalTo() + "; ranked by " + this.run.primaryMetric();
		return new RunPage(ChallengeJobConfiguration.JOB_NAME, this.run.runId(), this.run.dataset(), headline(),
				String.valueOf(this.run.outcome()), subtitle, lines, sections);
	}

	String subject() {
		String what = switch (String.valueOf(this.run.outcome())) {
			case "PROMOTED" -> this.run.outcomeModel() + " promoted to champion";
			case "ELIGIBLE" -> this.run.outcomeModel() + " passes the gate, waiting for a promotion";
			case "WAITING" -> this.run.outcomeModel() + " is eligible, waiting for its trial";
			default -> "no candidate eligible";
		};
		return "[ratchet] " + this.run.dataset() + ": challenge run " + this.run.runId() + ": " + what;
	}

	/**
	 * The e-mail's text: the outcome, the ratchet, the ranking and where the report is.
	 */
	String mailBody(Path page) {
		StringBuilder text = new StringBuilder();
		text.append(headline()).append("\n\n").append(this.run.outcomeText()).append("\n\n");
		if (this.run.ratchetText() != null) {
			text.append(this.run.ratchetText()).append("\n\n");
		}
		text.append("Ranking by ")
			.append(this.run.primaryMetric())
			.append(" over ")
			.append(this.run.evalFrom())
			.append("..")
			.append(this.run.evalTo())
			.append(" (champion ")
			.append(this.run.championKey());
		Double champion = championValue();
		text.append((champion != null) ? ": " + number(champion) : "").append("):\n");
		for (Candidate candidate : this.candidates) {
			text.append(String.format(Locale.ROOT, "  %s  %-16s %s  trained %s..%s  %s  %s%n",
					(candidate.ranking() != null) ? "#" + candidate.ranking() : "  ", candidate.modelKey(),
					number(candidate.metricValue()), candidate.trainFrom(), candidate.trainTo(), candidate.spec(),
					decision(candidate)));
		}
		text.append("\nEvaluation back-test: run ").append(this.run.evaluationRunId());
		text.append("\nReport: ").append(link(page)).append('\n');
		return text.toString();
	}

	/** The page's address as a link for the e-mail. */
	static String link(Path page) {
		return page.toAbsolutePath().normalize().toUri().toString();
	}

	private String headline() {
		return "Challenge of " + this.run.dataset() + ", run " + this.run.runId() + ": " + this.run.outcome();
	}

	private ReportSection ratchetSection() {
		List<List<Cell>> rows = this.run.ratchetText()
			.lines()
			.map((line) -> List.of(new Cell(line, line.startsWith("+") && !line.startsWith("+++"))))
			.toList();
		return ReportSection.ofTables("ratchet", "Requirements ratcheted",
				"The change written to requirements.yml (new bounds highlighted), with the replay over stored runs.",
				List.of(new ReportTable("", "", List.of("requirements.yml"), rows, 200, "")));
	}

	private ReportSection rankingSection() {
		Metric metric = metric();
		Double champion = championValue();
		List<Candidate> ranked = this.candidates.stream().filter((c) -> c.metricValue() != null).toList();
		List<ReportChart> charts = new ArrayList<>();
		if (!ranked.isEmpty()) {
			List<String> names = new ArrayList<>();
			List<Double> values = new ArrayList<>();
			ranked.stream().limit(BARS).forEach((c) -> {
				names.add(c.modelKey());
				values.add(c.metricValue());
			});
			boolean higherIsBetter = metric == null || metric.direction() != Metric.Direction.LOWER_IS_BETTER;
			String title = this.run.primaryMetric() + " of the best candidates"
					+ ((champion != null) ? " (dashed: the champion, " + number(champion) + ")" : "");
			charts.add(new ReportChart("ranking.png", title,
					"Red: worse than the champion on " + this.run.primaryMetric() + " over the evaluation months.",
					Charts.bars(title, String.valueOf(this.run.primaryMetric()), names, values, champion,
							higherIsBetter, Charts.EMAIL)));
		}
		List<List<Cell>> rows = new ArrayList<>();
		for (Candidate c : this.candidates) {
			boolean worse = champion != null && c.metricValue() != null && worse(c.metricValue(), champion);
			boolean failed = c.failedConditions() != null && !c.failedConditions().isBlank();
			rows.add(List.of(Cell.of((c.ranking() != null) ? c.ranking().toString() : ""), Cell.of(c.modelKey()),
					Cell.of(c.spec()), Cell.of(c.trainFrom() + " … " + c.trainTo() + " (" + c.trainRows() + " rows)"),
					new Cell(number(c.metricValue()), worse),
					Cell.of((c.diffLow() != null) ? "[" + signed(c.diffLow()) + ", " + signed(c.diffHigh()) + "]" : ""),
					Cell.of(decision(c)), Cell.of(String.valueOf(c.registryStatus())),
					new Cell((c.failedConditions() != null) ? c.failedConditions() : "", failed)));
		}
		ReportTable table = new ReportTable("",
				"Gain: candidate minus champion, turned so that positive is better;"
						+ " its 95% interval from DeLong's test (roc_auc) or a paired bootstrap over the same rows.",
				List.of("rank", "candidate", "search point", "trained on", String.valueOf(this.run.primaryMetric()),
						"95% interval of the gain", "decision", "registry", "failed conditions"),
				rows, 20, (rows.size() > 20) ? "Every candidate is in ranking.csv." : "");
		return new ReportSection("ranking", "Ranking",
				"Each candidate was trained on months before " + this.run.evalFrom()
						+ " and back-tested beside the champion on " + this.run.evalFrom() + " … " + this.run.evalTo()
						+ ".",
				charts, List.of(table));
	}

	/** The primary metric by evaluation month: the champion and the best candidates. */
	private ReportSection byMonthSection() {
		Metric metric = metric();
		if (metric == null || this.evaluationFigures.isEmpty()) {
			return null;
		}
		Map<Long, String> keyOf = new HashMap<>();
		this.evaluationModels.forEach((m) -> keyOf.put(m.id(), m.name() + "@" + m.version()));
		Set<String> months = new TreeSet<>();
		Map<String, Map<String, Double>> values = new HashMap<>();
		for (StoredMetric figure : this.evaluationFigures) {
			if (figure.metric() != metric || figure.period().length() != 7
					|| keyOf.get(figure.modelVersionId()) == null) {
				continue;
			}
			months.add(figure.period());
			values.computeIfAbsent(keyOf.get(figure.modelVersionId()), (k) -> new HashMap<>())
				.put(figure.period(), figure.value());
		}
		if (months.isEmpty()) {
			return null;
		}
		List<String> periods = List.copyOf(months);
		List<Series> series = new ArrayList<>();
		if (values.containsKey(this.run.championKey())) {
			series.add(new Series(this.run.championKey() + " (champion)",
					periods.stream().map(values.get(this.run.championKey())::get).toList(), Emphasis.CHAMPION));
		}
		int coloured = 0;
		for (Candidate c : this.candidates) {
			Map<String, Double> byPeriod = values.get(c.modelKey());
			if (byPeriod == null) {
				continue;
			}
			Emphasis emphasis = (coloured++ < COLOURED) ? Emphasis.HIGHLIGHT : Emphasis.GREY;
			series.add(new Series(c.modelKey(), periods.stream().map(byPeriod::get).toList(), emphasis));
		}
		String title = this.run.primaryMetric() + " by evaluation month";
		return ReportSection.ofCharts("by-month", "By month",
				"The champion and the candidates of this run on each evaluation month (the best " + COLOURED
						+ " in colour).",
				List.of(new ReportChart("by-month.png", title, "",
						Charts.byPeriod(title, String.valueOf(this.run.primaryMetric()), periods, series, null, null,
								Set.of(), Charts.EMAIL))));
	}

	private ReportSection evaluationSection(Path dir) {
		String where = "";
		if (this.evaluationReport != null) {
			Path target = this.evaluationReport.toAbsolutePath().normalize();
			Path from = dir.toAbsolutePath().normalize();
			where = from.relativize(target).toString().replace('\\', '/');
		}
		List<List<Cell>> rows = List.of(
				List.of(Cell.of("evaluation back-test"),
						Cell.of((this.run.evaluationRunId() != null) ? "run " + this.run.evaluationRunId()
								: "did not run")),
				List.of(Cell.of("its report"), Cell.of(where.isEmpty() ? "–" : where)),
				List.of(Cell.of("evaluation months"), Cell.of(this.run.evalFrom() + " … " + this.run.evalTo())),
				List.of(Cell.of("candidates trained"), Cell.of(Integer.toString(this.candidates.size()))));
		return ReportSection.ofTables("evaluation", "Evaluation",
				"Every figure of the champion and the candidates, month by month, is in the evaluation back-test's report.",
				List.of(new ReportTable("", "", List.of("fact", "value"), rows)));
	}

	private Metric metric() {
		try {
			return (this.run.primaryMetric() != null)
					? Metric.valueOf(this.run.primaryMetric().toUpperCase(Locale.ROOT)) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private boolean worse(double candidate, double champion) {
		Metric metric = metric();
		return (metric != null && metric.direction() == Metric.Direction.LOWER_IS_BETTER) ? candidate > champion
				: candidate < champion;
	}

	private Double championValue() {
		return this.candidates.stream().map(Candidate::championValue).filter((v) -> v != null).findFirst().orElse(null);
	}

	private String csv() {
		StringBuilder csv = new StringBuilder("rank,model,spec,train_from,train_to,train_rows,metric,value,champion,"
				+ "diff_low,diff_high,decision,registry,failed\n");
		for (Candidate c : this.candidates) {
			csv.append(String.join(",", (c.ranking() != null) ? c.ranking().toString() : "", c.modelKey(),
					quote(c.spec()), c.trainFrom(), c.trainTo(), Long.toString(c.trainRows()),
					String.valueOf(this.run.primaryMetric()), raw(c.metricValue()), raw(c.championValue()),
					raw(c.diffLow()), raw(c.diffHigh()), String.valueOf(c.decision()), c.registryStatus(),
					quote(c.failedConditions())))
				.append('\n');
		}
		return csv.toString();
	}

	private static String decision(Candidate candidate) {
		return (candidate.decision() != null) ? candidate.decision() : "";
	}

	private static String number(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.4f", value) : "–";
	}

	private static String signed(Double value) {
		return String.format(Locale.ROOT, "%+.4f", value);
	}

	private static String raw(Double value) {
		return (value != null) ? Double.toString(value) : "";
	}

	private static String quote(String text) {
		return (text == null) ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
	}

}
