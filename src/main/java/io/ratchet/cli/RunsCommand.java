package io.ratchet.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/runs}: the recent runs of every job, newest first, with status, verdict and
 * report.
 */
@Component
class RunsCommand implements Command {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final ResultsStore results;

	RunsCommand(ResultsStore results) {
		this.results = results;
	}

	@Override
	public String usage() {
		return "runs [--limit N] [--job J] [--dataset D]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.named(args, Set.of("limit", "job", "dataset"));
		int limit = options.positiveInt("limit", 20);
		List<RunRecord> runs = this.results.recentRuns(limit, options.get("job"), options.get("dataset"));
		if (runs.isEmpty()) {
			out.println("No runs yet"
					+ ((options.get("job") != null || options.get("dataset") != null) ? " of that job or dataset" : "")
					+ ".");
			return CommandLine.OK;
		}
		List<String> header = List.of("id", "job", "dataset", "as-of", "status", "verdict", "started", "duration",
				"report");
		List<List<String>> rows = new ArrayList<>();
		for (RunRecord run : runs) {
			rows.add(List.of(Long.toString(run.id()), run.jobName(), run.dataset(), asOf(run), run.status(),
					(run.verdict() != null) ? run.verdict().replace('_', ' ') : "–",
					(run.startedAt() != null) ? TIME.format(run.startedAt()) : "–", duration(run),
					(run.reportPath() != null) ? run.reportPath() : "–"));
		}
		// every column left-aligned except the id
		RunPrinter.printTable(header, rows, (i) -> i == 0, out);
		return CommandLine.OK;
	}

	private static String asOf(RunRecord run) {
		if (run.asOf() == null) {
			return "–";
		}
		String text = TIME.format(run.asOf());
		return text.endsWith(" 00:00:00") ? text.substring(0, 10) : text;
	}

	private static String duration(RunRecord run) {
		if (run.startedAt() == null || run.finishedAt() == null) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.1f s",
				Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0);
	}

}
