package io.ratchet.cli;

import java.io.PrintStream;
import java.time.ZoneId;

import io.ratchet.lease.Claim;
import io.ratchet.lease.Holder;
import io.ratchet.lease.LeaseId;
import io.ratchet.lease.Leases;
import io.ratchet.system.Failures;
import io.ratchet.system.ThisProcess;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts a job for a command and prints its run. Parameters that name a run which already
 * completed are not an error: the command says so and prints that run's outcome, with its
 * exit code, so asking twice gives the same answer. The same job launched twice at once
 * (two processes, same parameters) runs once: the second launch finds the first's claim
 * (a {@link Leases lease} of kind {@code command}, renewed while the job runs) and is
 * refused with a message naming it (exit code 1); a claim left by a dead process is taken
 * over, and the command says whose it was.
 */
@Component
class JobStarter {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final RunPrinter printer;

	private final Leases leases;

	JobStarter(JobOperator jobOperator, JobRepository jobRepository, RunPrinter printer, Leases leases) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.printer = printer;
		this.leases = leases;
	}

	/** As below, two launches being the same when their identifying parameters are. */
	int startAndPrint(Job job, JobParameters parameters, String what, String sameParameters, PrintStream out) {
		return startAndPrint(job, parameters, parameters.toString(), what, sameParameters, out);
	}

	/**
	 * Starts {@code job} and returns the exit code of its outcome.
	 * @param what the job in words, e.g. {@code back-test}
	 * @param sameParameters what identical parameters mean, e.g.
	 * {@code same dataset, months, models and as-of}
	 */
	int startAndPrint(Job job, JobParameters parameters, String claim, String what, String sameParameters,
			PrintStream out) {
		LeaseId lease = LeaseId.command(job.getName(), claim);
		Claim claimed = this.leases.claim(lease);
		if (!claimed.granted()) {
			Holder running = claimed.refusedBy().orElseThrow();
			out.println("This " + what + " (" + claim + ") is already running, started " + running.since().withNano(0)
					+ " by process " + running.process()
					+ "; not started twice. Wait for it to end (jobs/runs shows it)"
					+ (ThisProcess.onAnotherHost(running.process())
							? "; its claim is renewed while it runs, and " + "lapses at "
									+ running.expires().atZone(ZoneId.systemDefault()).toLocalDateTime().withNano(0)
									+ " if that process has died"
							: "")
					+ ".");
			return CommandLine.FAILED;
		}
		claimed.takenOver().map(Claim.TakeOver::message).ifPresent(out::println);
		try {
			return start(job, parameters, what, sameParameters, out);
		}
		finally {
			this.leases.release(lease);
		}
	}

	private int start(Job job, JobParameters parameters, String what, String sameParameters, PrintStream out) {
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
