package io.ratchet.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.util.List;

import io.ratchet.run.JobKind;
import io.ratchet.system.Failures;
import picocli.CommandLine.Parameters;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/restart <run>}: restarts a failed or interrupted run. Months that finished
 * are not recomputed (their partitions completed) and no figure is stored twice (a
 * month's rows are replaced when it is run again). A run whose process died without a
 * trace (kill -9, power cut) is first marked failed with {@link JobOperator#recover}.
 */
@Component
class RestartCommand implements Command<RestartCommand.Arguments> {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final RunPrinter printer;

	RestartCommand(JobOperator jobOperator, JobRepository jobRepository, RunPrinter printer) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.printer = printer;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		long runId = arguments.run();
		JobInstance instance = this.jobRepository.getJobInstance(runId);
		if (instance == null) {
			throw new UsageException("no run " + runId);
		}
		JobExecution last = this.jobRepository.getLastJobExecution(instance);
		if (last == null) {
			throw new UsageException("run " + runId + " never started");
		}
		if (last.getStatus() == BatchStatus.COMPLETED) {
			out.println("Run " + runId + " already completed; nothing to restart.");
			return this.printer.print(last, out);
		}
		if (last.getStatus().isRunning()) {
			out.println("Run " + runId + " was interrupted while " + last.getStatus()
					+ "; marking it failed before restarting.");
			last = this.jobOperator.recover(last);
		}
		else {
			failOrphanSteps(runId, last, out);
		}
		out.println("Restarting run " + runId + " (" + instance.getJobName() + ")");
		JobExecution execution;
		try {
			execution = this.jobOperator.restart(last);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot restart run " + runId + ": " + Failures.describe(ex), ex);
		}
		return this.printer.print(execution, out);
	}

	/**
	 * A run that failed because its process lost the database may leave a month's step
	 * recorded as still running (its last update could not be stored) or UNKNOWN (its
	 * rollback failed), and Spring Batch refuses to restart a job with such a step. Its
	 * process has ended, so the step is marked failed; the restart runs that month again,
	 * and its rows are replaced (UNKNOWN only for the back-test, whose months are stored
	 * idempotently).
	 */
	private void failOrphanSteps(long runId, JobExecution last, PrintStream out) {
		// a back-test month whose outcome is UNKNOWN (its rollback failed with the
		// connection) is safe to run again:
		// the month's rows are replaced in one transaction (ResultsStore.savePartition)
		boolean repeatable = JobKind.BACKTEST.is(last.getJobInstance().getJobName());
		List<StepExecution> orphans = last.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus().isRunning() || (repeatable && step.getStatus() == BatchStatus.UNKNOWN))
			.toList();
		if (repeatable && last.getStatus() == BatchStatus.UNKNOWN) {
			out.println("Run " + runId + " ended in an unknown state (the database was lost); marking it failed.");
			last.setStatus(BatchStatus.FAILED);
			this.jobRepository.update(last);
		}
		if (orphans.isEmpty()) {
			return;
		}
		out.println("Run " + runId + " ended " + last.getStatus() + " with " + orphans.size()
				+ " step(s) left running or unknown (the database was lost before they could be updated); "
				+ "marking them failed before restarting.");
		for (StepExecution step : orphans) {
			step.setStatus(BatchStatus.FAILED);
			step.setExitStatus(ExitStatus.FAILED
				.addExitDescription("the run ended while this step ran; its last update was not stored"));
			step.setEndTime(LocalDateTime.now());
			this.jobRepository.update(step);
		}
	}

	/** {@code jobs/restart}'s argument. */
	@picocli.CommandLine.Command(name = "restart",
			description = "Restarts a failed (or interrupted) run where it stopped, and prints its summary as the "
					+ "run would have.")
	interface Arguments {

		@Parameters(paramLabel = "RUN", description = "the run id (jobs/runs lists them)")
		long run();

	}

}
