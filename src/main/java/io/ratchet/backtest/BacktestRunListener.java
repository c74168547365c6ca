package io.ratchet.backtest;

import java.util.stream.Collectors;

import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunFinished;
import io.ratchet.run.RunRecord;
import io.ratchet.system.Failures;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code run} row in step with the job: recorded (or re-opened on restart) before the first step, marked
 * failed with the causes when the job fails, so that a failed run is listed and can be restarted. When the job ends it
 * publishes {@link RunFinished} for alerts.
 */
@Component
class BacktestRunListener implements JobExecutionListener {

	private final ResultsStore results;

	private final ApplicationEventPublisher events;

	BacktestRunListener(ResultsStore results, ApplicationEventPublisher events) {
		this.results = results;
		this.events = events;
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
		if (jobExecution.getStatus() == BatchStatus.FAILED || jobExecution.getStatus() == BatchStatus.STOPPED) {
			String causes = jobExecution.getAllFailureExceptions()
				.stream()
				.map(Failures::describe)
				.distinct()
				.collect(Collectors.joining("; "));
			this.results.failRun(jobExecution.getJobInstance().getInstanceId(),
					causes.isEmpty() ? jobExecution.getStatus().name() : causes);
		}
		long runId = jobExecution.getJobInstance().getInstanceId();
		String dataset = this.results.run(runId).map(RunRecord::dataset).orElse(null);
		if (dataset != null) {
			this.events.publishEvent(new RunFinished(runId, BacktestJobConfiguration.JOB_NAME, dataset,
					jobExecution.getStatus() == BatchStatus.COMPLETED));
		}
	}

}
