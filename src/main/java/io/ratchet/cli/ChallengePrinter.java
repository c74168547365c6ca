package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ratchet.challenge.ChallengeStore;
import io.ratchet.challenge.ChallengeStore.Candidate;
import io.ratchet.challenge.ChallengeStore.ChallengeRun;
import io.ratchet.run.RunRecord;

import org.springframework.stereotype.Component;

/**
 * Prints the end of a challenge run: the candidates ranked with their training window,
 * figure and gate decision, the outcome and the report. A completed challenge exits 0
 * whatever its outcome (finding no better candidate is news, not a failure).
 */
@Component
class ChallengePrinter {

	private final ChallengeStore store;

	ChallengePrinter(ChallengeStore store) {
		this.store = store;
	}

	int print(RunRecord run, PrintStream out) {
		ChallengeRun challenge = this.store.run(run.id()).orElse(null);
		if (challenge == null) {
			out.println("Challenge run " + run.id() + " recorded nothing yet.");
			return CommandLine.OK;
		}
		out.printf(Locale.ROOT, "Challenge run %d · %s · champion %s · evaluated on %s..%s by back-test run %s%n",
				run.id(), challenge.dataset(), challenge.championKey(), challenge.evalFrom(), challenge.evalTo(),
				(challenge.evaluationRunId() != null) ? challenge.evaluationRunId() : "–");
		List<Candidate> candidates = this.store.candidates(run.id());
		String metric = (challenge.primaryMetric() != null) ? challenge.primaryMetric() : "metric";
		Double champion = candidates.stream()
			.map(Candidate::championValue)
			.filter((v) -> v != null)
			.findFirst()
			.orElse(null);
		List<List<String>> rows = new ArrayList<>();
		for (Candidate c : candidates) {
			rows.add(List.of((c.ranking() != null) ? c.ranking().toString() : "", c.modelKey(),
					c.trainFrom() + ".." + c.trainTo(), c.spec(), number(c.metricValue()), (c.diffLow() != null)
							? String.format(Locale.ROOT, "[%+.4f, %+.4f]", c.diffLow(), c.diffHigh()) : "",
					(c.decision() != null) ? c.decision() : "", c.registryStatus()));
		}
		RunPrinter.printTable(List.of("rank", "candidate", "trained on", "spec", metric, "95% interval vs champion",
				"decision", "registry"), rows, out);
		if (champion != null) {
			out.printf(Locale.ROOT, "Champion %s: %s %.4f over the same months%n", challenge.championKey(), metric,
					champion);
		}
		out.println("Outcome: " + challenge.outcome()
				+ ((challenge.outcomeText() != null) ? " · " + challenge.outcomeText() : ""));
		if (challenge.ratchetText() != null) {
			out.println(challenge.ratchetText().stripTrailing());
		}
		if (run.reportPath() != null) {
			Path report = Path.of(run.reportPath()).getParent();
			out.println("Report:  " + Path.of(run.reportPath()));
			out.println("         " + report.resolve("ranking.csv"));
		}
		return CommandLine.OK;
	}

	private static String number(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.4f", value) : "–";
	}

}
