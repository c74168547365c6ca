package io.ratchet.nowtest;

import java.time.YearMonth;

import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunEnd;
import io.ratchet.run.RunFinished;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code run} row of a now-test in step with the job: recorded (or re-opened on restart) before the first
 * step with {@code job_name = 'nowtest'}, the as-of date at 00:00 and the months of the window; marked failed with the
 * causes when the job fails. When the job ends it publishes {@link RunFinished} for alerts.
 */
@Component
class NowtestRunListener implements JobExecutionListener {

	private final ResultsStore results;

	private final RunEnd end;

	NowtestRunListener(ResultsStore results, RunEnd end) {
		this.results = results;
		this.end = end;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		try {
			NowtestParameters parameters = NowtestParameters.from(jobExecution.getJobParameters());
			NowtestWindow window = parameters.window();
			this.results.openRun(jobExecution.getJobInstance().getInstanceId(), NowtestJobConfiguration.JOB_NAME,
					parameters.dataset(), YearMonth.from(window.start()).toString(),
					YearMonth.from(window.asOf()).toString(), parameters.asOf().atStartOfDay(), parameters.describe(),
					window.months().size());
		}
		catch (InvalidJobParametersException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		this.end.ended(jobExecution.getJobInstance().getInstanceId(), NowtestJobConfiguration.JOB_NAME,
				jobExecution.getStatus().name(), jobExecution.getAllFailureExceptions());
	}

}
