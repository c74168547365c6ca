package io.ratchet.cli;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.ratchet.metrics.Metric;
import io.ratchet.nowtest.NowtestStore;
import io.ratchet.nowtest.NowtestStore.StoredDrift;
import io.ratchet.nowtest.NowtestStore.WindowRecord;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunSummary;
import io.ratchet.run.RunSummary.ModelSummary;
import io.ratchet.run.StoredBreach;

import org.springframework.stereotype.Component;

/**
 * Prints the table of a now-test run: the window's figures per model, row counts, the
 * largest drift and breaches ({@link RunPrinter} adds the outcome).
 */
@Component
class NowtestPrinter {

	private final ResultsStore results;

	private final NowtestStore store;

	private final LoggedPredictionsStore loggedPredictions;

	NowtestPrinter(ResultsStore results, NowtestStore store, LoggedPredictionsStore loggedPredictions) {
		this.results = results;
		this.store = store;
		this.loggedPredictions = loggedPredictions;
	}

	/**
	 * Prints a now-test run's table: the window's figures per model, row counts, drift
	 * and breaches.
	 */
	void table(long runId, PrintStream out) {
		WindowRecord window = this.store.window(runId).orElse(null);
		if (window != null) {
			table(RunSummary.load(this.results, runId), window, out);
		}
	}

	private void table(RunSummary summary, WindowRecord window, PrintStream out) {
		RunRecord run = summary.run();
		boolean binary = summary.models()
			.stream()
			.anyMatch((model) -> model.wholePeriod().containsKey(Metric.POSITIVES));
		out.printf(Locale.ROOT, "Now-test run %d · %s · window %s..%s%s%n", run.id(), run.dataset(),
				window.window().start(), window.window().asOf(),
				window.window().labelCutoff().equals(window.window().asOf()) ? ""
						: " (labels up to " + window.window().labelCutoff() + ")");
		ModelTable.print(summary, ModelTable.shown(binary), List.of("rows"), (model) -> List.of(rows(model)),
				(model) -> model.verdicts().getOrDefault(ResultsStore.ALL, "–"), out);
		out.printf(Locale.ROOT,
				"Rows: %,d in the window, %,d judged, %,d awaiting label, %,d unlabelled, %,d rejected%n",
				window.rowsInWindow(), window.rowsScored(), window.rowsAwaitingLabel(), window.rowsUnlabelled(),
				(run.rowsRejected() != null) ? run.rowsRejected() : 0);
		if (window.filesImported() > 0) {
			out.printf(Locale.ROOT, "Imported %d incoming file%s: %,d new rows, %,d rejected (quarantined)%n",
					window.filesImported(), (window.filesImported() == 1) ? "" : "s", window.rowsImported(),
					window.rowsImportRejected());
		}
		RunPrinter.printLogged(summary, this.loggedPredictions.coverage(run.id()), out);
		if (window.metricVerdict() == Verdict.INSUFFICIENT_DATA) {
			out.println("Too few labelled rows in the window to judge the metrics (min-rows in requirements.yml).");
		}
		drift(runId(summary), window, out);
		for (ModelSummary model : summary.models()) {
			if (model.breaches().isEmpty()) {
				continue;
			}
			out.println((model.model().is(Role.CHAMPION) ? "Champion " : "In shadow, ") + model.model().key()
					+ " breaches: "
					+ String.join(" · ", model.breaches().stream().map(StoredBreach::describe).toList()));
		}
	}

	private void drift(long runId, WindowRecord window, PrintStream out) {
		List<StoredDrift> values = this.store.drift(runId);
		if (values.isEmpty()) {
			out.println("Drift: not measured (no rows in the reference, " + window.referenceDesc() + ")");
			return;
		}
		out.printf(Locale.ROOT, "Drift against the %s, %,d rows:%n", window.referenceDesc(), window.referenceRows());
		List<StoredDrift> psi = values.stream()
			.filter((value) -> value.statistic().equals("psi") && !value.subject().startsWith("score:"))
			.sorted(Comparator.comparingDouble(StoredDrift::value).reversed())
			.toList();
		out.println("  top features by PSI: " + String.join(" · ",
				psi.stream()
					.limit(5)
					.map((value) -> String.format(Locale.ROOT, "%s %.3f", value.subject(), value.value()))
					.toList()));
		out.println("  score PSI: " + String.join(" · ",
				values.stream()
					.filter((value) -> value.statistic().equals("psi") && value.subject().startsWith("score:"))
					.map((value) -> String.format(Locale.ROOT, "%s %.3f", value.subject().substring(6), value.value()))
					.toList()));
	}

	/** The window's rows a model was judged on. */
	private static String rows(ModelSummary model) {
		Double n = model.wholePeriod().get(Metric.N);
		return (n != null) ? String.format(Locale.ROOT, "%,d", n.longValue()) : "0";
	}

	private static long runId(RunSummary summary) {
		return summary.run().id();
	}

}
