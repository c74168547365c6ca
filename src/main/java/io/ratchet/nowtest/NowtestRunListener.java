package io.ratchet.nowtest;

import java.time.YearMonth;
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
 * Keeps the {@code run} row of a now-test in step with the job: recorded (or re-opened on restart) before the first
 * step with {@code job_name = 'nowtest'}, the as-of date at 00:00 and the months of the window; marked failed with the
 * causes when the job fails. When the job ends it publishes {@link RunFinished} for alerts.
 */
@Component
class NowtestRunListener implements JobExecutionListener {

	private final ResultsStore results;

	private final ApplicationEventPublisher events;

	NowtestRunListener(ResultsStore results, ApplicationEventPublisher events) {
		this.results = results;
		this.events = events;
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
		long runId = jobExecution.getJobInstance().getInstanceId();
		if (jobExecution.getStatus() == BatchStatus.FAILED || jobExecution.getStatus() == BatchStatus.STOPPED) {
			String causes = jobExecution.getAllFailureExceptions()
				.stream()
				.map(Failures::describe)
				.distinct()
				.collect(Collectors.joining("; "));
			this.results.failRun(runId, causes.isEmpty() ? jobExecution.getStatus().name() : causes);
		}
		String dataset = this.results.run(runId).map(RunRecord::dataset).orElse(null);
		if (dataset != null) {
			this.events.publishEvent(new RunFinished(runId, NowtestJobConfiguration.JOB_NAME, dataset,
					jobExecution.getStatus() == BatchStatus.COMPLETED));
		}
	}

}
