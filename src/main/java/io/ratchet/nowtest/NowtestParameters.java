package io.ratchet.nowtest;

import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The identifying parameters of a now-test: dataset, as-of date, window length and label
 * delay (days). Together they name the run, so the same now-test asked for twice is one
 * run (shown again, not recomputed) and a failed one is restarted with the same values;
 * no incrementer is used.
 *
 * @param dataset the dataset
 * @param asOf the last day of the window
 * @param windowDays the window's length in days (at least 1)
 * @param labelDelayDays the label delay in days (at least 0)
 */
public record NowtestParameters(String dataset, LocalDate asOf, int windowDays, int labelDelayDays) {

	static final String DATASET = "dataset";

	static final String AS_OF = "asOf";

	static final String WINDOW = "window";

	static final String LABEL_DELAY = "labelDelay";

	/** Reads and checks the parameters of a job execution. */
	public static NowtestParameters from(JobParameters parameters) throws InvalidJobParametersException {
		String dataset = parameters.getString(DATASET);
		if (dataset == null || dataset.isBlank()) {
			throw new InvalidJobParametersException("parameter 'dataset' is required");
		}
		LocalDate asOf = parameters.getLocalDate(AS_OF);
		if (asOf == null) {
			throw new InvalidJobParametersException("parameter 'asOf' (a date) is required");
		}
		Long window = parameters.getLong(WINDOW);
		Long labelDelay = parameters.getLong(LABEL_DELAY);
		if (window == null || window < 1) {
			throw new InvalidJobParametersException("parameter 'window' must be at least 1 day, not " + window);
		}
		if (labelDelay == null || labelDelay < 0) {
			throw new InvalidJobParametersException("parameter 'labelDelay' must be 0 days or more, not " + labelDelay);
		}
		return new NowtestParameters(dataset, asOf, window.intValue(), labelDelay.intValue());
	}

	/** The job parameters for these values; every one is identifying. */
	public JobParameters toJobParameters() {
		return new JobParametersBuilder().addString(DATASET, this.dataset)
			.addLocalDate(AS_OF, this.asOf)
			.addLong(WINDOW, (long) this.windowDays)
			.addLong(LABEL_DELAY, (long) this.labelDelayDays)
			.toJobParameters();
	}

	/** The window these parameters judge. */
	public NowtestWindow window() {
		return NowtestWindow.of(this.asOf, this.windowDays, this.labelDelayDays);
	}

	/** A one-line description for the run record. */
	public String describe() {
		return "dataset=" + this.dataset + " asOf=" + this.asOf + " window=" + this.windowDays + "d labelDelay="
				+ this.labelDelayDays + "d";
	}

}
