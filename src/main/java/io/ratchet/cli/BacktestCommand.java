package io.ratchet.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import io.ratchet.backtest.BacktestParameters;
import picocli.CommandLine.Option;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/backtest}: back-tests a dataset's models month by month and prints the
 * verdict.
 */
@Component
class BacktestCommand implements Command<BacktestCommand.Arguments> {

	private final Job backtest;

	private final JobDataset datasets;

	private final JobStarter starter;

	BacktestCommand(@Qualifier("backtest") Job backtest, JobDataset datasets, JobStarter starter) {
		this.backtest = backtest;
		this.datasets = datasets;
		this.starter = starter;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		String dataset = this.datasets.name(arguments.dataset());
		List<String> models = (arguments.models() != null)
				? Arrays.stream(arguments.models().split(",")).map(String::trim).filter((m) -> !m.isEmpty()).toList()
				: List.of();
		Names.modelKeys(models);
		YearMonth from = month(arguments.from(), "from");
		YearMonth to = month(arguments.to(), "to");
		if (from != null && to != null && from.isAfter(to)) {
			throw new UsageException("--from " + from + " is after --to " + to + ": no month lies between them (the "
					+ "first month comes first: --from " + to + " --to " + from + ")");
		}
		BacktestParameters parameters = new BacktestParameters(dataset, from, to, models, asOf(arguments.asOf()));
		this.datasets.check(dataset);
		out.println(heading(parameters));
		// two launches are the same back-test when only the request time (as-of) differs
		String claim = parameters.describe().replaceAll(" asOf=\\S+", "");
		return this.starter.startAndPrint(this.backtest, parameters.toJobParameters(), claim, "back-test",
				"same dataset, months, models and as-of", out);
	}

	/** The line printed before the run starts (also by a daemon's client). */
	static String heading(BacktestParameters parameters) {
		return "Back-testing " + parameters.dataset() + " (" + parameters.describe() + ")";
	}

	private static YearMonth month(String text, String name) {
		try {
			return (text != null) ? YearMonth.parse(text) : null;
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("--" + name + " must be a month YYYY-MM, not '" + text + "'");
		}
	}

	private static LocalDateTime asOf(String text) {
		try {
			// Milliseconds, so that two runs started within one second are two runs, not
			// one instance twice.
			return (text != null) ? LocalDateTime.parse(text) : LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS);
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("--as-of must be a date-time YYYY-MM-DDTHH:MM:SS, not '" + text + "'");
		}
	}

	/** {@code jobs/backtest}'s options. */
	@picocli.CommandLine.Command(name = "backtest",
			description = "Back-tests the dataset's models month by month against its requirements, stores every "
					+ "figure, writes the report and raises alerts; exit 3 when a requirement is breached.")
	interface Arguments {

		@Option(names = "--dataset", paramLabel = "DATASET",
				description = "the dataset (default: the setting ratchet.defaults.dataset)")
		String dataset();

		@Option(names = "--from", paramLabel = "YYYY-MM",
				description = "the first month (default: the first with data)")
		String from();

		@Option(names = "--to", paramLabel = "YYYY-MM", description = "the last month (default: the last with data)")
		String to();

		@Option(names = "--models", paramLabel = "NAME@VERSION,...",
				description = "the models to back-test (default: the registry's champion and candidates)")
		String models();

		@Option(names = "--as-of", paramLabel = "YYYY-MM-DDTHH:MM:SS",
				description = "the request time that identifies the run: the same as-of again prints the earlier "
						+ "run (default: now)")
		String asOf();

	}

}
