package io.ratchet.challenge;

import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunEnd;
import io.ratchet.run.RunFinished;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code run} row of a challenge in step with the job ({@code job_name = 'challenge'}): recorded (or
 * re-opened on restart) before the first step, marked failed with the causes when the job fails; when the job ends it
 * publishes {@link RunFinished} through {@link RunEnd}.
 */
@Component
class ChallengeRunListener implements JobExecutionListener {

	private final ResultsStore results;

	private final RunEnd end;

	ChallengeRunListener(ResultsStore results, RunEnd end) {
		this.results = results;
		this.end = end;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		try {
			ChallengeParameters parameters = ChallengeParameters.from(jobExecution.getJobParameters());
			this.results.openRun(jobExecution.getJobInstance().getInstanceId(), ChallengeJobConfiguration.JOB_NAME,
					parameters.dataset(), null, null, parameters.asOf(), parameters.describe(), 0);
		}
		catch (InvalidJobParametersException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		this.end.ended(jobExecution.getJobInstance().getInstanceId(), ChallengeJobConfiguration.JOB_NAME,
				jobExecution.getStatus().name(), jobExecution.getAllFailureExceptions());
	}

}
