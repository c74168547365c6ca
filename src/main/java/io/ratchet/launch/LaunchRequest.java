package io.ratchet.launch;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * A job to launch with its identifying parameters.
 *
 * @param job the job (back-test, now-test or challenge)
 * @param parameters its identifying parameters: the same parameters name the same run
 * @param claim what two launches must share to be the same launch, for the lease that
 * lets one of them run (usually the parameters; a back-test's leaves out the request
 * time)
 * @param what the job in words, e.g. {@code back-test}
 * @param sameParameters what identical parameters mean, e.g.
 * {@code same dataset, months, models and as-of}
 */
public record LaunchRequest(Job job, JobParameters parameters, String claim, String what, String sameParameters) {

	/** Two launches being the same when their identifying parameters are. */
	public LaunchRequest(Job job, JobParameters parameters, String what, String sameParameters) {
		this(job, parameters, parameters.toString(), what, sameParameters);
	}

}
