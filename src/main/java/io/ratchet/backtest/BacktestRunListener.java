package io.ratchet.backtest;

import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunEnd;
import io.ratchet.run.RunFinished;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code run} row in step with the job: recorded (or re-opened on restart) before the first step, marked
 * failed with the causes when the job fails, so that a failed run is listed and can be restarted. When the job ends it
 * publishes {@link RunFinished} for alerts.
 */
@Component
class BacktestRunListener implements JobExecutionListener {

	private final ResultsStore results;

	private final RunEnd end;

	BacktestRunListener(ResultsStore results, RunEnd end) {
		this.results = results;
		this.end = end;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		try {
			BacktestParameters parameters = BacktestParameters.from(jobExecution.getJobParameters());
			this.results.openRun(jobExecution.getJobInstance().getInstanceId(), BacktestJobConfiguration.JOB_NAME,
					parameters.dataset(), (parameters.from() != null) ? parameters.from().toString() : null,
					(parameters.to() != null) ? parameters.to().toString() : null, parameters.asOf(),
					parameters.describe(), 0);
		}
		catch (InvalidJobParametersException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		this.end.ended(jobExecution.getJobInstance().getInstanceId(), BacktestJobConfiguration.JOB_NAME,
				jobExecution.getStatus().name(), jobExecution.getAllFailureExceptions());
	}

}
