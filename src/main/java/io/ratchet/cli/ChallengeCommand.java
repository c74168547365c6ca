package io.ratchet.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.ratchet.challenge.ChallengeParameters;
import picocli.CommandLine.Option;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/challenge}: trains the dataset's search space, back-tests the candidates
 * beside the champion on the evaluation months, ranks them and puts the best to the
 * promotion gate; prints the ranking and the outcome.
 */
@Component
class ChallengeCommand implements Command<ChallengeCommand.Arguments> {

	private final Job challenge;

	private final JobDataset datasets;

	private final JobStarter starter;

	ChallengeCommand(@Qualifier("challenge") Job challenge, JobDataset datasets, JobStarter starter) {
		this.challenge = challenge;
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
		ChallengeParameters parameters = new ChallengeParameters(dataset, asOf(arguments.asOf()));
		this.datasets.check(dataset);
		out.println(heading(parameters));
		return this.starter.startAndPrint(this.challenge, parameters.toJobParameters(), "challenge",
				"same dataset and as-of", out);
	}

	/** The line printed before the run starts (also by a daemon's client). */
	static String heading(ChallengeParameters parameters) {
		return "Challenging the champion of " + parameters.dataset() + " (" + parameters.describe() + ")";
	}

	private static LocalDateTime asOf(String text) {
		try {
			if (text == null) {
				return LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS);
			}
			return (text.length() == 10) ? java.time.LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new UsageException(
					"--as-of must be a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM:SS, not '" + text + "'");
		}
	}

	/** {@code jobs/challenge}'s options. */
	@picocli.CommandLine.Command(name = "challenge",
			description = "Trains candidates on recent months and back-tests them beside the champion; the best "
					+ "that beats it waits for its trial (jobs/promote).")
	interface Arguments {

		@Option(names = "--dataset", paramLabel = "DATASET",
				description = "the dataset (default: the setting ratchet.defaults.dataset)")
		String dataset();

		@Option(names = "--as-of", paramLabel = "YYYY-MM-DD[THH:MM:SS]",
				description = "the request time that identifies the run (default: now)")
		String asOf();

	}

}
