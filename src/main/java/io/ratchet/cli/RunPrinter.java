package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

import io.ratchet.data.LogCoverage;
import io.ratchet.data.Task;
import io.ratchet.metrics.Metric;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.JobKind;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunSummaries;
import io.ratchet.run.RunSummary;
import io.ratchet.run.RunSummary.ModelSummary;
import io.ratchet.run.StoredBreach;
import io.ratchet.system.Failures;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Prints the end of a run: a table per model, the champion's breaches, counts, timing and
 * report paths.
 */
@Component
class RunPrinter {

	private final ResultsStore results;

	private final NowtestPrinter nowtest;

	private final ChallengePrinter challenge;

	private final LoggedPredictionsStore loggedPredictions;

	/**
	 * The back-test's report has just read the run: the printout reads it again only if
	 * it changed.
	 */
	private final RunSummaries summaries;

	RunPrinter(ResultsStore results, NowtestPrinter nowtest, ChallengePrinter challenge,
			LoggedPredictionsStore loggedPredictions, RunSummaries summaries) {
		this.results = results;
		this.summaries = summaries;
		this.nowtest = nowtest;
		this.challenge = challenge;
		this.loggedPredictions = loggedPredictions;
	}

	/**
	 * Prints the run behind a job execution and returns the exit code its outcome calls
	 * for.
	 */
	int print(JobExecution execution, PrintStream out) {
		long runId = execution.getJobInstance().getInstanceId();
		RunRecord run = this.results.run(runId).orElse(null);
		if (run == null) {
			out.println("Run " + runId + " failed before it was recorded: " + failures(execution));
			return CommandLine.FAILED;
		}
		boolean nowtest = run.is(JobKind.NOWTEST);
		out.println();
		if (nowtest) {
			this.nowtest.table(runId, out);
		}
		else {
			RunSummary summary = this.summaries.load(runId);
			if (!summary.models().isEmpty() && run.periods() != null && run.periods() > 0) {
				table(summary, out);
			}
		}
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			out.println("Run " + runId + " FAILED: " + ((run.failure() != null) ? run.failure() : failures(execution)));
			out.println("Details in the log file (logging.file.name, by default .ratchet/logs/ratchet.log).");
			out.println("Fix the cause, then: jobs/restart " + runId);
			return CommandLine.FAILED;
		}
		if (run.is(JobKind.CHALLENGE)) {
			return this.challenge.print(this.results.run(runId).orElse(run), out);
		}
		String verdict = (run.verdict() != null) ? run.verdict() : Verdict.PASS.name();
		out.println("Verdict: " + verdict.replace('_', ' '));
		Path report = (run.reportPath() != null) ? Path.of(run.reportPath()).getParent() : null;
		if (report != null) {
			out.println("Report:  " + report.resolve("metrics.csv"));
			out.println("         " + report.resolve("index.html"));
			if (nowtest) {
				out.println("         " + report.resolve("drift.csv"));
			}
		}
		return Verdict.PASS.name().equals(verdict) ? CommandLine.OK : CommandLine.BREACHED;
	}

	private void table(RunSummary summary, PrintStream out) {
		RunRecord run = summary.run();
		boolean binary = summary.models()
			.stream()
			.anyMatch((model) -> model.wholePeriod().containsKey(Metric.ROC_AUC)
					|| model.wholePeriod().containsKey(Metric.POSITIVES));
		out.printf(Locale.ROOT, "Back-test run %d · %s · %s..%s (%d months) · %s task%n", run.id(), run.dataset(),
				run.fromPeriod(), run.toPeriod(), run.periods(), binary ? Task.BINARY.key() : Task.REGRESSION.key());
		ModelTable.print(summary, ModelTable.shown(binary), List.of("months", "below min", "too few rows"),
				(model) -> List.of(Long.toString(model.monthly().size()), Long.toString(model.months(Verdict.BREACH)),
						Long.toString(model.months(Verdict.INSUFFICIENT_DATA))),
				ModelSummary::verdict, out);
		out.println("(metrics over the whole period; per month in the report)");
		if (run.absentPeriods() != null) {
			out.println("Months without data (absent, not failures): " + run.absentPeriods().replace(",", ", "));
		}
		printLogged(summary, this.loggedPredictions.coverage(run.id()), out);
		for (ModelSummary model : summary.models()) {
			if (model.breaches().isEmpty() || !model.model().is(Role.CHAMPION)) {
				continue;
			}
			Map<String, List<String>> byPeriod = new TreeMap<>();
			for (StoredBreach breach : model.breaches()) {
				byPeriod.computeIfAbsent(breach.period(), (period) -> new ArrayList<>()).add(breach.describe());
			}
			out.println("Champion " + model.model().key() + " breaches:");
			byPeriod.entrySet()
				.stream()
				.limit(12)
				.forEach((entry) -> out.printf("  %-12s %s%n",
						ResultsStore.ALL.equals(entry.getKey()) ? "whole period" : entry.getKey(),
						String.join(" · ", entry.getValue())));
			if (byPeriod.size() > 12) {
				out.println("  … " + (byPeriod.size() - 12) + " more periods in the report");
			}
		}
		long seconds = (run.finishedAt() != null && run.startedAt() != null)
				? Math.max(1, Duration.between(run.startedAt(), run.finishedAt()).toMillis()) : 1;
		if (run.rowsRead() != null) {
			out.printf(Locale.ROOT, "Rows: %,d read, %,d rejected, %,d unlabelled · %.1f s · %,.0f rows/s%n",
					run.rowsRead(), run.rowsRejected(), run.rowsUnlabelled(), seconds / 1000.0,
					run.rowsRead() * 1000.0 / seconds);
		}
	}

	/**
	 * Prints, per logged model of a run, how its rows and logged scores met (summed over
	 * the periods); nothing when the run scored no logged model.
	 */
	static void printLogged(RunSummary summary, List<LoggedPredictionsStore.StoredCoverage> stored, PrintStream out) {
		for (ModelSummary model : summary.models()) {
			stored.stream()
				.filter((coverage) -> coverage.modelVersionId() == model.model().id())
				.map(LoggedPredictionsStore.StoredCoverage::coverage)
				.reduce(LogCoverage::plus)
				.ifPresent((total) -> out.printf(Locale.ROOT, "Logged predictions of %s: %,d joined with a label · %,d"
						+ " labelled rows without a logged score (left out of its metrics) · %,d awaiting label%n",
						model.model().key(), total.joined(), total.unlogged(), total.awaitingLabel()));
		}
	}

	/**
	 * Prints a table: the first two and the last column left-aligned, the others
	 * right-aligned.
	 */
	static void printTable(List<String> header, List<List<String>> rows, PrintStream out) {
		int last = header.size() - 1;
		printTable(header, rows, (i) -> i >= 2 && i < last, out);
	}

	/**
	 * Prints a table, the columns {@code rightAligned} accepts right-aligned and the
	 * others left-aligned.
	 */
	static void printTable(List<String> header, List<List<String>> rows, IntPredicate rightAligned, PrintStream out) {
		int[] widths = new int[header.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = header.get(i).length();
			for (List<String> row : rows) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		printRow(header, widths, rightAligned, out);
		List<String> rule = new ArrayList<>();
		for (int width : widths) {
			rule.add("-".repeat(width));
		}
		printRow(rule, widths, rightAligned, out);
		rows.forEach((row) -> printRow(row, widths, rightAligned, out));
	}

	private static void printRow(List<String> cells, int[] widths, IntPredicate rightAligned, PrintStream out) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			String cell = cells.get(i);
			boolean left = !rightAligned.test(i);
			String padded = left ? String.format("%-" + widths[i] + "s", cell)
					: String.format("%" + widths[i] + "s", cell);
			line.append(padded).append((i < cells.size() - 1) ? "  " : "");
		}
		out.println(line.toString().stripTrailing());
	}

	private static String failures(JobExecution execution) {
		List<String> messages = execution.getAllFailureExceptions()
			.stream()
			.map(Failures::describe)
			.distinct()
			.toList();
		return messages.isEmpty() ? execution.getExitStatus().getExitDescription() : String.join("; ", messages);
	}

}
