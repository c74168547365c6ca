package io.ratchet.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.ratchet.data.DataFileException;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.messaging.MessageChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * The manager's wait, without a broker: requests go to a channel that records them, the
 * repository is a mock whose partitions change as the test says, and the clock is the
 * test's.
 */
class RemotePartitionHandlerTests {

	private final List<String> sent = new ArrayList<>();

	private final MessageChannel channel = (message, timeout) -> this.sent.add((String) message.getPayload());

	private final JobRepository repository = mock(JobRepository.class);

	private final AtomicLong clock = new AtomicLong();

	private final JobExecution job = new JobExecution(3L, new JobInstance(7L, "backtest"), new JobParameters());

	private final StepExecution manager = new StepExecution(1L, "backtestMonths", this.job);

	@Test
	void sendsOneRequestPerPartitionAndReturnsOnceEveryPartitionHasFinished() throws Exception {
		// given: two partitions that complete at the second poll
		StepExecution first = partition(11L, "backtestMonth:month-2024-01");
		StepExecution second = partition(12L, "backtestMonth:month-2024-02");
		given(this.repository.getStepExecution(anyLong())).willAnswer((call) -> {
			long id = call.getArgument(0);
			StepExecution stored = copy((id == 11L) ? first : second);
			if (this.clock.addAndGet(100) > 300) {
				stored.setStatus(BatchStatus.COMPLETED);
			}
			return stored;
		});

		// when
		var result = handler(Duration.ofMinutes(1)).handle(splitter(first, second), this.manager);

		// then
		assertThat(this.sent).containsExactlyInAnyOrder("backtestMonth 11", "backtestMonth 12");
		assertThat(result).extracting(StepExecution::getStatus).containsOnly(BatchStatus.COMPLETED);
	}

	@Test
	void aPartitionNoWorkerTookWithinTheTimeoutIsFailedAndTheRunFailsSayingSo() throws Exception {
		// given: one partition never taken (STARTING, unchanged), one completing
		StepExecution waiting = partition(11L, "backtestMonth:month-2024-01");
		StepExecution done = partition(12L, "backtestMonth:month-2024-02");
		done.setStatus(BatchStatus.COMPLETED);
		given(this.repository.getStepExecution(anyLong())).willAnswer((call) -> {
			this.clock.addAndGet(1_000);
			return copy(((long) call.getArgument(0) == 11L) ? waiting : done);
		});

		// when / then
		assertThatIllegalStateException()
			.isThrownBy(() -> handler(Duration.ofSeconds(5)).handle(splitter(waiting, done), this.manager))
			.withMessageContaining("no worker took 1 partition(s) within PT5S")
			.withMessageContaining("backtestMonth:month-2024-01")
			.withMessageNotContaining("month-2024-02")
			.withMessageContaining("tcp://broker:61616");
		verify(this.repository).update(any(StepExecution.class));
	}

	@Test
	void aPartitionWhoseWorkerFellSilentIsFailedNamingIt() throws Exception {
		// given: a partition taken (STARTED) whose version never moves again
		StepExecution taken = partition(11L, "backtestMonth:month-2024-01");
		taken.setStatus(BatchStatus.STARTED);
		given(this.repository.getStepExecution(anyLong())).willAnswer((call) -> {
			this.clock.addAndGet(1_000);
			return copy(taken);
		});

		// when / then
		assertThatIllegalStateException()
			.isThrownBy(() -> handler(Duration.ofSeconds(5)).handle(splitter(taken), this.manager))
			.withMessageContaining("1 partition(s) stopped: their worker wrote nothing for PT5S")
			.withMessageContaining("backtestMonth:month-2024-01");
	}

	@Test
	void aPartitionAWorkerFailedFailsTheRunNamingTheMonthAndTheWorkersCause() throws Exception {
		// given: a worker failed one partition (its month file differs from the pinned
		// one) and completed the other; the manager reads only what the worker stored
		StepExecution failed = partition(11L, "backtestMonth:month-2024-02");
		failed.setStatus(BatchStatus.FAILED);
		failed.setExitStatus(ExitStatus.FAILED.addExitDescription(new DataFileException(
				Path.of("/shared/toy/2024-02.csv"), 0, "differs from the file the run was planned with")));
		StepExecution done = partition(12L, "backtestMonth:month-2024-03");
		done.setStatus(BatchStatus.COMPLETED);
		given(this.repository.getStepExecution(anyLong()))
			.willAnswer((call) -> copy(((long) call.getArgument(0) == 11L) ? failed : done));

		// when / then: the month and the worker's words, not Spring Batch's generic ones
		assertThatIllegalStateException()
			.isThrownBy(() -> handler(Duration.ofMinutes(1)).handle(splitter(failed, done), this.manager))
			.withMessage("backtestMonth:month-2024-02 failed on its worker: /shared/toy/2024-02.csv: differs from "
					+ "the file the run was planned with");
	}

	@Test
	void partitionsFailedForOneCauseAreToldOnceNamingTheFirstThree() throws Exception {
		// given: four partitions failed by workers that lack the dataset's configuration
		List<StepExecution> failed = new ArrayList<>();
		for (int month = 1; month <= 4; month++) {
			StepExecution partition = partition(10L + month, "backtestMonth:month-2024-0" + month);
			partition.setStatus(BatchStatus.FAILED);
			partition.setExitStatus(ExitStatus.FAILED
				.addExitDescription(new IllegalArgumentException("config/datasets: unknown dataset 'bench'")));
			failed.add(partition);
		}
		given(this.repository.getStepExecution(anyLong()))
			.willAnswer((call) -> copy(failed.get((int) ((long) call.getArgument(0) - 11L))));

		// when / then
		assertThatIllegalStateException()
			.isThrownBy(() -> handler(Duration.ofMinutes(1)).handle(splitter(failed.toArray(StepExecution[]::new)),
					this.manager))
			.withMessage("backtestMonth:month-2024-01, backtestMonth:month-2024-02, backtestMonth:month-2024-03 and 1 "
					+ "more (4 partitions) failed on their workers: config/datasets: unknown dataset 'bench'");
	}

	private RemotePartitionHandler handler(Duration timeout) {
		return new RemotePartitionHandler(this.repository, this.channel, "backtestMonth", timeout, Duration.ZERO,
				"tcp://broker:61616", this.clock::get);
	}

	private StepExecution partition(long id, String name) {
		StepExecution partition = new StepExecution(id, name, this.job);
		partition.setStatus(BatchStatus.STARTING);
		partition.setVersion(1);
		return partition;
	}

	private StepExecution copy(StepExecution partition) {
		StepExecution copy = new StepExecution(partition.getId(), partition.getStepName(), this.job);
		copy.setStatus(partition.getStatus());
		copy.setVersion(partition.getVersion());
		copy.setExitStatus(partition.getExitStatus());
		return copy;
	}

	private static StepExecutionSplitter splitter(StepExecution... partitions) throws Exception {
		StepExecutionSplitter splitter = mock(StepExecutionSplitter.class);
		Set<StepExecution> set = new LinkedHashSet<>(List.of(partitions));
		given(splitter.split(any(StepExecution.class), anyInt())).willReturn(set);
		return splitter;
	}

}
