package io.ratchet.challenge;

import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunFinished;
import io.ratchet.run.RunListener;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code run} row of a challenge in step with the job
 * ({@code job_name = 'challenge'}): recorded (or re-opened on restart) before the first
 * step, marked failed with the causes when the job fails; when the job ends it publishes
 * {@link RunFinished} ({@link RunListener}).
 */
@Component
class ChallengeRunListener extends RunListener {

	ChallengeRunListener(ResultsStore results, ApplicationEventPublisher events) {
		super(ChallengeJobConfiguration.JOB_NAME, results, events);
	}

	@Override
	protected void open(ResultsStore results, long runId, JobParameters parameters)
			throws InvalidJobParametersException {
		ChallengeParameters job = ChallengeParameters.from(parameters);
		results.openRun(runId, ChallengeJobConfiguration.JOB_NAME, job.dataset(), null, null, job.asOf(),
				job.describe(), 0);
	}

}
