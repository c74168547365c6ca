package io.ratchet.challenge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import io.ratchet.challenge.ChallengeStore.Candidate;
import io.ratchet.challenge.ChallengeStore.ChallengeRun;

/**
 * The report of a challenge run, in one class so that it can move onto the report package's templates: {@code
 * ranking.csv} (one row per candidate) and {@code summary.html} (outcome, ranking, gate decisions, a link to the
 * evaluation back-test's own report), and the text of its e-mail. Files are written aside and moved into place.
 */
final class ChallengeReport {

	private final ChallengeRun run;

	private final List<Candidate> candidates;

	private final Path evaluationReport;

	ChallengeReport(ChallengeRun run, List<Candidate> candidates, Path evaluationReport) {
		this.run = run;
		this.candidates = List.copyOf(candidates);
		this.evaluationReport = evaluationReport;
	}

	/** Writes {@code ranking.csv} and {@code summary.html} into {@code dir}; returns the summary's path. */
	Path write(Path dir) throws IOException {
		Files.createDirectories(dir);
		write(dir.resolve("ranking.csv"), csv());
		Path summary = dir.resolve("summary.html");
		write(summary, html());
		return summary;
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

	/** The e-mail: the outcome, the ranking and where the report is. */
	String mailBody(Path summary) {
		StringBuilder text = new StringBuilder();
		text.append(headline()).append("\n\n").append(this.run.outcomeText()).append("\n\n");
		if (this.run.ratchetText() != null) {
			text.append(this.run.ratchetText()).append("\n\n");
		}
		text.append("Ranking by ").append(this.run.primaryMetric()).append(" over ").append(this.run.evalFrom())
			.append("..").append(this.run.evalTo()).append(" (champion ").append(this.run.championKey());
		Double champion = this.candidates.stream().map(Candidate::championValue).filter((v) -> v != null)
			.findFirst().orElse(null);
		text.append((champion != null) ? ": " + number(champion) : "").append("):\n");
		for (Candidate candidate : this.candidates) {
			text.append(String.format(Locale.ROOT, "  %s  %-16s %s  trained %s..%s  %s  %s%n",
					(candidate.ranking() != null) ? "#" + candidate.ranking() : "  ", candidate.modelKey(),
					number(candidate.metricValue()), candidate.trainFrom(), candidate.trainTo(), candidate.spec(),
					decision(candidate)));
		}
		text.append("\nEvaluation back-test: run ").append(this.run.evaluationRunId());
		text.append("\nReport: ").append(summary.toAbsolutePath().normalize().toUri()).append('\n');
		return text.toString();
	}

	private String headline() {
		return "Challenge run " + this.run.runId() + " of " + this.run.dataset() + ": " + this.run.outcome();
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

	private String html() {
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>").append(esc(headline()))
			.append("</title>\n<style>body{font-family:Arial,Helvetica,sans-serif;font-size:14px}"
					+ "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
					+ "</style></head>\n<body>\n<h1>")
			.append(esc(headline())).append("</h1>\n<p>").append(esc(String.valueOf(this.run.outcomeText())))
			.append("</p>\n");
		if (this.run.ratchetText() != null) {
			html.append("<h2>Ratchet</h2>\n<pre>").append(esc(this.run.ratchetText())).append("</pre>\n");
		}
		html.append("<p>Champion ").append(esc(this.run.championKey())).append(", evaluated with every candidate on ")
			.append(esc(this.run.evalFrom())).append("..").append(esc(this.run.evalTo())).append(" by back-test run ")
			.append(this.run.evaluationRunId());
		if (this.evaluationReport != null) {
			html.append(" (<a href=\"").append(esc(this.evaluationReport.toAbsolutePath().normalize().toUri().toString()))
				.append("\">its report</a>)");
		}
		html.append(".</p>\n<table>\n<tr><th>rank</th><th>candidate</th><th>spec</th><th>trained on</th><th>")
			.append(esc(String.valueOf(this.run.primaryMetric())))
			.append("</th><th>champion</th><th>95% interval of the gain</th><th>decision</th><th>registry</th>"
					+ "<th>failed conditions</th></tr>\n");
		for (Candidate c : this.candidates) {
			html.append("<tr><td>").append((c.ranking() != null) ? c.ranking() : "").append("</td><td>")
				.append(esc(c.modelKey())).append("</td><td>").append(esc(c.spec())).append("</td><td>")
				.append(esc(c.trainFrom() + ".." + c.trainTo())).append(" (").append(c.trainRows())
				.append(" rows)</td><td>").append(number(c.metricValue())).append("</td><td>")
				.append(number(c.championValue())).append("</td><td>")
				.append((c.diffLow() != null) ? "[" + signed(c.diffLow()) + ", " + signed(c.diffHigh()) + "]" : "")
				.append("</td><td>").append(esc(decision(c))).append("</td><td>").append(esc(c.registryStatus()))
				.append("</td><td>").append(esc((c.failedConditions() != null) ? c.failedConditions() : ""))
				.append("</td></tr>\n");
		}
		html.append("</table>\n</body></html>\n");
		return html.toString();
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

	private static String esc(String text) {
		return (text == null) ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
			.replace("\"", "&quot;");
	}

	private static void write(Path target, String text) throws IOException {
		Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
		try {
			Files.writeString(temp, text, StandardCharsets.UTF_8);
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

}
