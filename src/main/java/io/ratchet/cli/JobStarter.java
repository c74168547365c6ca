package io.ratchet.cli;

import java.io.PrintStream;

import io.ratchet.launch.JobLaunches;
import io.ratchet.launch.Launch;
import io.ratchet.launch.LaunchRequest;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Component;

/**
 * Starts a job for a command ({@link JobLaunches#run}) and prints its run. Parameters
 * that name a run which already completed are not an error: the command says so and
 * prints that run's outcome, with its exit code, so asking twice gives the same answer.
 * The same job launched twice at once (two processes, same parameters) runs once: the
 * second is refused with a message naming the first (exit code 1); a claim left by a dead
 * process is taken over, and the command says whose it was.
 */
@Component
class JobStarter {

	private final JobLaunches launches;

	private final RunPrinter printer;

	JobStarter(JobLaunches launches, RunPrinter printer) {
		this.launches = launches;
		this.printer = printer;
	}

	/** As below, two launches being the same when their identifying parameters are. */
	int startAndPrint(Job job, JobParameters parameters, String what, String sameParameters, PrintStream out) {
		return print(this.launches.run(new LaunchRequest(job, parameters, what, sameParameters), out::println), out);
	}

	/**
	 * Starts {@code job} and returns the exit code of its outcome.
	 * @param claim what two launches must share to be the same launch
	 * @param what the job in words, e.g. {@code back-test}
	 * @param sameParameters what identical parameters mean, e.g.
	 * {@code same dataset, months, models and as-of}
	 */
	int startAndPrint(Job job, JobParameters parameters, String claim, String what, String sameParameters,
			PrintStream out) {
		return print(this.launches.run(new LaunchRequest(job, parameters, claim, what, sameParameters), out::println),
				out);
	}

	private int print(Launch launch, PrintStream out) {
		if (launch instanceof Launch.AlreadyCompleted done) {
			out.println(done.message() + "; its outcome:");
			return this.printer.print(done.last(), out);
		}
		if (launch instanceof Launch.AlreadyRunning running) {
			if (running.holder().isEmpty()) {
				throw new IllegalStateException(running.message());
			}
			out.println(running.message());
			return CommandLine.FAILED;
		}
		return this.printer.print(((Launch.Started) launch).execution(), out);
	}

}
