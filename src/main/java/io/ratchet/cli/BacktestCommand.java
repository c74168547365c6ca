package io.ratchet.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.ratchet.backtest.BacktestParameters;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/backtest}: back-tests a dataset's models month by month and prints the
 * verdict.
 */
@Component
class BacktestCommand implements Command {

	private final Job backtest;

	private final JobDataset datasets;

	private final JobStarter starter;

	BacktestCommand(@Qualifier("backtest") Job backtest, JobDataset datasets, JobStarter starter) {
		this.backtest = backtest;
		this.datasets = datasets;
		this.starter = starter;
	}

	@Override
	public String usage() {
		return "backtest [--dataset D] [--from YYYY-MM] [--to YYYY-MM] [--models name@version,...] [--as-of YYYY-MM-DDTHH:MM:SS]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.named(args, Set.of("dataset", "from", "to", "models", "as-of"));
		String dataset = this.datasets.name(options);
		List<String> models = (options.get("models") != null)
				? Arrays.stream(options.get("models").split(",")).map(String::trim).filter((m) -> !m.isEmpty()).toList()
				: List.of();
		Names.modelKeys(models);
		YearMonth from = month(options.get("from"), "from");
		YearMonth to = month(options.get("to"), "to");
		if (from != null && to != null && from.isAfter(to)) {
			throw new UsageException("--from " + from + " is after --to " + to + ": no month lies between them (the "
					+ "first month comes first: --from " + to + " --to " + from + ")");
		}
		BacktestParameters parameters = new BacktestParameters(dataset, from, to, models, asOf(options.get("as-of")));
		this.datasets.check(dataset);
		out.println("Back-testing " + dataset + " (" + parameters.describe() + ")");
		// two launches are the same back-test when only the request time (as-of) differs
		String claim = parameters.describe().replaceAll(" asOf=\\S+", "");
		return this.starter.startAndPrint(this.backtest, parameters.toJobParameters(), claim, "back-test",
				"same dataset, months, models and as-of", out);
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

}
