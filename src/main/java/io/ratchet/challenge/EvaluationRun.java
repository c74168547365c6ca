package io.ratchet.challenge;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.backtest.BacktestParameters;
import io.ratchet.run.JobKind;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The back-test a challenge runs as its evaluation: the champion and the new candidates
 * over the evaluation months, as of the challenge's as-of. Its parameters follow from the
 * challenge's parameters and context only, so a restarted challenge restarts (or finds)
 * the same back-test run, and its figures land in the normal results tables.
 */
final class EvaluationRun {

	private EvaluationRun() {
	}

	static BacktestParameters parameters(JobExecution challenge) {
		ChallengeParameters parameters;
		try {
			parameters = ChallengeParameters.from(challenge.getJobParameters());
		}
		catch (InvalidJobParametersException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		ChallengeContext context = ChallengeContext.of(challenge);
		List<String> models = new ArrayList<>();
		models.add(context.champion());
		models.addAll(context.candidates());
		return new BacktestParameters(parameters.dataset(), context.from(), context.to(), models, parameters.asOf());
	}

	static JobParameters jobParameters(JobExecution challenge) {
		return parameters(challenge).toJobParameters();
	}

	/** The run id of the challenge's evaluation back-test. */
	static long runId(JobRepository repository, JobExecution challenge) {
		JobInstance instance = repository.getJobInstance(JobKind.BACKTEST.jobName(), jobParameters(challenge));
		if (instance == null) {
			throw new IllegalStateException("the evaluation back-test of challenge run "
					+ challenge.getJobInstance().getInstanceId() + " is not in the job repository");
		}
		return instance.getInstanceId();
	}

}
