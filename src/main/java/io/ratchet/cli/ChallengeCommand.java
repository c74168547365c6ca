package io.ratchet.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import io.ratchet.backtest.BacktestProperties;
import io.ratchet.challenge.ChallengeParameters;
import io.ratchet.system.Workspace;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/challenge}: trains the dataset's search space, back-tests the candidates beside the champion on the
 * evaluation months, ranks them and puts the best to the promotion gate; prints the ranking and the outcome.
 */
@Component
class ChallengeCommand implements Command {

	private final Job challenge;

	private final BacktestProperties properties;

	private final JobStarter starter;

	private final Workspace workspace;

	ChallengeCommand(@Qualifier("challenge") Job challenge, BacktestProperties properties, JobStarter starter,
			Workspace workspace) {
		this.challenge = challenge;
		this.properties = properties;
		this.starter = starter;
		this.workspace = workspace;
	}

	@Override
	public String usage() {
		return "challenge [--dataset D] [--as-of YYYY-MM-DDTHH:MM:SS]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.parse(args, Set.of("dataset", "as-of"));
		if (!options.positional().isEmpty()) {
			throw new UsageException("unexpected argument '" + options.positional().get(0) + "'");
		}
		String dataset = (options.get("dataset") != null) ? Names.dataset(options.get("dataset")) : this.properties.defaultDataset();
		ChallengeParameters parameters = new ChallengeParameters(dataset, asOf(options.get("as-of")));
		this.workspace.dataset(dataset);
		this.workspace.requirementsFor(dataset); // none: refused here, before any output (exit 2, CommandLine)
		out.println("Challenging the champion of " + dataset + " (" + parameters.describe() + ")");
		return this.starter.startAndPrint(this.challenge, parameters.toJobParameters(), "challenge",
				"same dataset and as-of", out);
	}

	private static LocalDateTime asOf(String text) {
		try {
			if (text == null) {
				return LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS);
			}
			return (text.length() == 10) ? java.time.LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("--as-of must be a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM:SS, not '"
					+ text + "'");
		}
	}

}
