package io.ratchet.backtest;

import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunFinished;
import io.ratchet.run.RunListener;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code run} row in step with the job: recorded (or re-opened on restart)
 * before the first step, marked failed with the causes when the job fails, so that a
 * failed run is listed and can be restarted. When the job ends it publishes
 * {@link RunFinished} for alerts.
 */
@Component
class BacktestRunListener extends RunListener {

	BacktestRunListener(ResultsStore results, ApplicationEventPublisher events) {
		super(BacktestJobConfiguration.JOB_NAME, results, events);
	}

	@Override
	protected void open(ResultsStore results, long runId, JobParameters parameters)
			throws InvalidJobParametersException {
		BacktestParameters job = BacktestParameters.from(parameters);
		results.openRun(runId, BacktestJobConfiguration.JOB_NAME, job.dataset(),
				(job.from() != null) ? job.from().toString() : null, (job.to() != null) ? job.to().toString() : null,
				job.asOf(), job.describe(), 0);
	}

}
