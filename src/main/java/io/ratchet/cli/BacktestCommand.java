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
import io.ratchet.backtest.BacktestProperties;
import io.ratchet.system.Failures;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** {@code jobs/backtest}: back-tests a dataset's models month by month and prints the verdict. */
@Component
class BacktestCommand implements Command {

	private final JobOperator jobOperator;

	private final Job backtest;

	private final BacktestProperties properties;

	private final RunPrinter printer;

	private final JobRepository jobRepository;

	BacktestCommand(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("backtest") Job backtest,
			BacktestProperties properties, RunPrinter printer) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.backtest = backtest;
		this.properties = properties;
		this.printer = printer;
	}

	@Override
	public String usage() {
		return "backtest [--dataset D] [--from YYYY-MM] [--to YYYY-MM] [--models name@version,...] [--as-of YYYY-MM-DDTHH:MM:SS]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.parse(args, Set.of("dataset", "from", "to", "models", "as-of"));
		if (!options.positional().isEmpty()) {
			throw new UsageException("unexpected argument '" + options.positional().get(0) + "'");
		}
		String dataset = (options.get("dataset") != null) ? options.get("dataset") : this.properties.defaultDataset();
		List<String> models = (options.get("models") != null)
				? Arrays.stream(options.get("models").split(",")).map(String::trim).filter((m) -> !m.isEmpty()).toList()
				: List.of();
		BacktestParameters parameters = new BacktestParameters(dataset, month(options.get("from"), "from"),
				month(options.get("to"), "to"), models, asOf(options.get("as-of")));
		out.println("Back-testing " + dataset + " (" + parameters.describe() + ")");
		JobExecution execution;
		try {
			execution = this.jobOperator.start(this.backtest, parameters.toJobParameters());
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			JobInstance done = this.jobRepository.getJobInstance(this.backtest.getName(),
					parameters.toJobParameters());
			JobExecution last = (done != null) ? this.jobRepository.getLastJobExecution(done) : null;
			if (last == null) {
				throw new IllegalStateException("cannot start the back-test: " + Failures.describe(ex), ex);
			}
			out.println("This back-test already ran as run " + done.getInstanceId()
					+ " (same dataset, months, models and as-of); its outcome:");
			return this.printer.print(last, out);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start the back-test: " + Failures.describe(ex), ex);
		}
		return this.printer.print(execution, out);
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
			// Milliseconds, so that two runs started within one second are two runs, not one instance twice.
			return (text != null) ? LocalDateTime.parse(text)
					: LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS);
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("--as-of must be a date-time YYYY-MM-DDTHH:MM:SS, not '" + text + "'");
		}
	}

}
