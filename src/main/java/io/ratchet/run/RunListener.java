package io.ratchet.run;

import java.util.List;
import java.util.stream.Collectors;

import io.ratchet.system.Failures;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Keeps the {@code run} row of a job in step with the job, whatever the job: recorded (or
 * re-opened on restart) before the first step, as the job's parameters say
 * ({@link #open}); when the job ends, a run that did not complete is marked failed with
 * its causes (so it is listed and can be restarted), then {@link RunFinished} is
 * published for alerts and other follow-ups. Each job has its own subclass, which only
 * reads its parameters.
 */
public abstract class RunListener implements JobExecutionListener {

	private final String jobName;

	private final ResultsStore results;

	private final ApplicationEventPublisher events;

	/**
	 * @param jobName the job's name, its runs' {@code job_name}
	 * @param results where the run row is kept
	 * @param events where {@link RunFinished} is published
	 */
	protected RunListener(String jobName, ResultsStore results, ApplicationEventPublisher events) {
		this.jobName = jobName;
		this.results = results;
		this.events = events;
	}

	/**
	 * Records the run from the job's parameters with {@link ResultsStore#openRun}.
	 * @throws InvalidJobParametersException when the parameters are not the job's; the
	 * job then fails before its first step with the message
	 */
	protected abstract void open(ResultsStore results, long runId, JobParameters parameters)
			throws InvalidJobParametersException;

	@Override
	public final void beforeJob(JobExecution jobExecution) {
		try {
			open(this.results, jobExecution.getJobInstance().getInstanceId(), jobExecution.getJobParameters());
		}
		catch (InvalidJobParametersException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	@Override
	public final void afterJob(JobExecution jobExecution) {
		ended(jobExecution.getJobInstance().getInstanceId(), jobExecution.getStatus().name(),
				jobExecution.getAllFailureExceptions());
	}

	/**
	 * Records how a run ended.
	 * @param status the job's final status, e.g. {@code COMPLETED}, {@code FAILED},
	 * {@code STOPPED}
	 * @param failures the exceptions that ended it, if any
	 */
	private void ended(long runId, String status, List<Throwable> failures) {
		boolean completed = "COMPLETED".equals(status);
		if ("FAILED".equals(status) || "STOPPED".equals(status)) {
			String causes = failures.stream().map(Failures::describe).distinct().collect(Collectors.joining("; "));
			this.results.failRun(runId, causes.isEmpty() ? status : causes);
		}
		this.results.run(runId)
			.map(RunRecord::dataset)
			.ifPresent((dataset) -> this.events.publishEvent(new RunFinished(runId, this.jobName, dataset, completed)));
	}

}
