package io.ratchet.backtest;

import io.ratchet.run.Attempt;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which attempt an execution of a run is: the first execution inserts its months only, a
 * restart (which copies the first execution's context) replaces.
 */
class RunContextAttemptTests {

	private final JobInstance run = new JobInstance(7, "backtest");

	@Test
	void theExecutionThatPreparedTheRunIsItsFirstAttempt() {
		// given
		JobExecution first = new JobExecution(11, this.run, new JobParameters());

		// when
		RunContext.markFirst(first);

		// then
		assertThat(RunContext.attempt(first)).isEqualTo(Attempt.FIRST);
	}

	@Test
	void aRestartWithTheFirstExecutionsContextIsARepeatedAttempt() {
		// given: the first execution's context, copied into the restart as Spring Batch
		// does
		JobExecution first = new JobExecution(11, this.run, new JobParameters());
		RunContext.markFirst(first);
		JobExecution restart = new JobExecution(12, this.run, new JobParameters());

		// when
		restart.setExecutionContext(new ExecutionContext(first.getExecutionContext()));

		// then
		assertThat(RunContext.attempt(restart)).isEqualTo(Attempt.REPEATED);
	}

	@Test
	void aRunPreparedBeforeTheFirstExecutionWasRecordedReplaces() {
		// given: a restarted run whose context lacks the mark
		JobExecution restart = new JobExecution(12, this.run, new JobParameters());

		// when / then
		assertThat(RunContext.attempt(restart)).isEqualTo(Attempt.REPEATED);
	}

}
