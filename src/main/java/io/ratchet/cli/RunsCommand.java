package io.ratchet.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;
import picocli.CommandLine.Option;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/runs}: the recent runs of every job, newest first, with status, verdict and
 * report.
 */
@Component
class RunsCommand implements Command<RunsCommand.Arguments> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final ResultsStore results;

	RunsCommand(ResultsStore results) {
		this.results = results;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		int limit = CommandSyntax.atLeastOne("--limit", arguments.limit());
		List<RunRecord> runs = this.results.recentRuns(limit, arguments.job(), arguments.dataset());
		if (arguments.json()) {
			JsonOutput.print(runs.stream().map(RunsCommand::json).toList(), out);
			return CommandLine.OK;
		}
		if (runs.isEmpty()) {
			out.println("No runs yet"
					+ ((arguments.job() != null || arguments.dataset() != null) ? " of that job or dataset" : "")
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

	/** A run in {@code --json}: README, "Machine readable output". */
	private static Map<String, Object> json(RunRecord run) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", run.id());
		json.put("job", run.jobName());
		json.put("dataset", run.dataset());
		json.put("from", run.fromPeriod());
		json.put("to", run.toPeriod());
		json.put("asOf", run.asOf());
		json.put("status", run.status());
		json.put("verdict", run.verdict());
		json.put("startedAt", run.startedAt());
		json.put("finishedAt", run.finishedAt());
		json.put("durationSeconds", (run.startedAt() != null && run.finishedAt() != null)
				? Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0 : null);
		json.put("periods", run.periods());
		json.put("rowsRead", run.rowsRead());
		json.put("rowsRejected", run.rowsRejected());
		json.put("rowsUnlabelled", run.rowsUnlabelled());
		json.put("report", run.reportPath());
		json.put("failure", run.failure());
		return json;
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

	/** {@code jobs/runs}' options. */
	@picocli.CommandLine.Command(name = "runs", description = "Lists the recent runs of every job, newest first: "
			+ "status, verdict, duration and report.")
	interface Arguments {

		@Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "how many runs to list")
		int limit();

		@Option(names = "--job", paramLabel = "JOB",
				description = "only runs of this job: backtest, nowtest or challenge (default: every job)")
		String job();

		@Option(names = "--dataset", paramLabel = "DATASET", description = "only runs of this dataset")
		String dataset();

		@Option(names = "--json", description = "print one JSON array of runs (README, \"Machine readable output\")")
		boolean json();

	}

}
