package io.ratchet.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.ratchet.backtest.BacktestParameters;
import io.ratchet.challenge.ChallengeParameters;
import io.ratchet.nowtest.NowtestParameters;
import io.ratchet.run.JobKind;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * What {@code jobs/backtest}, {@code jobs/nowtest} and {@code jobs/challenge} print, for
 * a run launched elsewhere (a daemon's {@code POST /api/runs}): the heading before the
 * run and, once it has ended, the same printout and exit code as the command's, so that a
 * client of the daemon prints what the local command prints.
 */
@Component
public class RunPrintout {

	private final JobRepository jobRepository;

	private final RunPrinter printer;

	RunPrintout(JobRepository jobRepository, RunPrinter printer) {
		this.jobRepository = jobRepository;
		this.printer = printer;
	}

	/**
	 * The line the command prints before it starts a run of {@code job} with
	 * {@code parameters}.
	 * @throws IllegalArgumentException when the parameters are not the job's
	 */
	public String heading(String job, JobParameters parameters) {
		try {
			return switch (JobKind.of(job).orElseThrow(() -> new IllegalArgumentException("no job " + job))) {
				case BACKTEST -> BacktestCommand.heading(BacktestParameters.from(parameters));
				case NOWTEST -> NowtestCommand.heading(NowtestParameters.from(parameters));
				case CHALLENGE -> ChallengeCommand.heading(ChallengeParameters.from(parameters));
			};
		}
		catch (InvalidJobParametersException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/**
	 * The printout of run {@code runId} once it has ended (empty while it runs).
	 * @throws IllegalArgumentException when there is no such run
	 */
	public Optional<Printout> ended(long runId) {
		JobInstance instance = this.jobRepository.getJobInstance(runId);
		if (instance == null) {
			throw new IllegalArgumentException("no run " + runId);
		}
		JobExecution last = this.jobRepository.getLastJobExecution(instance);
		// the end time is stored with the last update, after the job's listeners ran
		if (last == null || last.getStatus().isRunning() || last.getEndTime() == null) {
			return Optional.empty();
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			int exitCode = this.printer.print(last, out);
			return Optional.of(new Printout(bytes.toString(StandardCharsets.UTF_8), exitCode));
		}
	}

	/**
	 * A finished run's printout.
	 *
	 * @param text the lines the command prints after its heading
	 * @param exitCode the command's exit code (0 requirements met, 3 breached, 1 failed)
	 */
	public record Printout(String text, int exitCode) {

	}

}
