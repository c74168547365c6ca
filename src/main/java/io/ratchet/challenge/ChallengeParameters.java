package io.ratchet.challenge;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The identifying parameters of a challenge: the dataset and the as-of time. Together
 * they name the run, so a failed challenge is found and restarted with the same values
 * (no incrementer, as for the back-test).
 *
 * @param dataset the dataset name
 * @param asOf when the challenge was asked for: the evaluation months are the last
 * complete months with data up to it
 */
public record ChallengeParameters(String dataset, LocalDateTime asOf) {

	static final String DATASET = "dataset";

	static final String AS_OF = "asOf";

	/** Reads and checks the parameters of a job execution. */
	public static ChallengeParameters from(JobParameters parameters) throws InvalidJobParametersException {
		String dataset = parameters.getString(DATASET);
		if (dataset == null || dataset.isBlank()) {
			throw new InvalidJobParametersException("parameter 'dataset' is required");
		}
		String asOf = parameters.getString(AS_OF);
		if (asOf == null) {
			throw new InvalidJobParametersException("parameter 'asOf' is required");
		}
		try {
			return new ChallengeParameters(dataset, LocalDateTime.parse(asOf));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidJobParametersException("parameter 'asOf' is not a date-time: '" + asOf + "'");
		}
	}

	/**
	 * The job parameters for these values (the as-of to the millisecond); both are
	 * identifying.
	 */
	public JobParameters toJobParameters() {
		return new JobParametersBuilder().addString(DATASET, this.dataset)
			.addString(AS_OF, this.asOf.truncatedTo(ChronoUnit.MILLIS).toString())
			.toJobParameters();
	}

	/** A one-line description for the run record. */
	public String describe() {
		return "dataset=" + this.dataset + " asOf=" + this.asOf;
	}

}
