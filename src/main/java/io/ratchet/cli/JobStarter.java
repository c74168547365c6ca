package io.ratchet.cli;

import java.io.PrintStream;

import io.ratchet.system.Failures;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts a job for a command and prints its run. Parameters that name a run which already completed are not an error:
 * the command says so and prints that run's outcome, with its exit code, so asking twice gives the same answer.
 */
@Component
class JobStarter {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final RunPrinter printer;

	JobStarter(JobOperator jobOperator, JobRepository jobRepository, RunPrinter printer) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.printer = printer;
	}

	/**
	 * Starts {@code job} and returns the exit code of its outcome.
	 * @param what the job in words, e.g. {@code back-test}
	 * @param sameParameters what identical parameters mean, e.g. {@code same dataset, months, models and as-of}
	 */
	int startAndPrint(Job job, JobParameters parameters, String what, String sameParameters, PrintStream out) {
		JobExecution execution;
		try {
			execution = this.jobOperator.start(job, parameters);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			JobInstance done = this.jobRepository.getJobInstance(job.getName(), parameters);
			JobExecution last = (done != null) ? this.jobRepository.getLastJobExecution(done) : null;
			if (last == null) {
				throw new IllegalStateException("cannot start the " + what + ": " + Failures.describe(ex), ex);
			}
			out.println("This " + what + " already ran as run " + done.getInstanceId() + " (" + sameParameters
					+ "); its outcome:");
			return this.printer.print(last, out);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start the " + what + ": " + Failures.describe(ex), ex);
		}
		return this.printer.print(execution, out);
	}

}
