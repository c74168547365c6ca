package io.ratchet.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * The manager's side of remote partitioning: one message per partition (a
 * {@link PartitionRequest}, to the broker's queue through Spring Integration), then the
 * job repository polled until every partition has finished, as Spring Batch's
 * {@code MessageChannelPartitionHandler} does in its polling mode.
 *
 * <p>
 * Why not that class itself: its timeout bounds the whole step, so a run with no worker
 * would wait as long as the longest run may take. Here the timeout bounds a partition's
 * silence instead: a partition whose step execution has not changed (no worker took it,
 * or its worker stopped writing: killed, cut off) for {@code timeout}, measured on this
 * machine's clock (never by comparing the clocks of two machines), is marked failed in
 * the repository, so that a worker receiving its request late skips it and
 * {@code jobs/restart} runs it again. The others are awaited; then the step fails with a
 * message naming the partitions and what happened to them: for a partition a worker
 * failed, the worker's own cause (read from the exit description it stored,
 * {@link WorkerCause}) rather than Spring Batch's "Partition handler returned an
 * unsuccessful step".
 */
public class RemotePartitionHandler extends AbstractPartitionHandler {

	private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);

	private final JobRepository jobRepository;

	private final MessageChannel requests;

	private final String stepName;

	private final Duration timeout;

	private final Duration pollInterval;

	private final String broker;

	private final Supplier<Long> clock;

	/**
	 * @param stepName the worker step's bean name (the workers find it by that name)
	 * @param timeout how long a partition may go without any change before it is failed
	 * @param broker the broker's address, for the messages
	 * @param clock milliseconds of this machine's monotonic clock
	 */
	public RemotePartitionHandler(JobRepository jobRepository, MessageChannel requests, String stepName,
			Duration timeout, Duration pollInterval, String broker, Supplier<Long> clock) {
		this.jobRepository = jobRepository;
		this.requests = requests;
		this.stepName = stepName;
		this.timeout = timeout;
		this.pollInterval = pollInterval;
		this.broker = broker;
		this.clock = clock;
	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
		for (StepExecution partition : partitions) {
			try {
				this.requests
					.send(MessageBuilder.withPayload(new PartitionRequest(this.stepName, partition.getId()).format())
						.build());
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException(
						"cannot send the partitions to the broker at " + this.broker + ": " + rootMessage(ex), ex);
			}
		}
		log.info(
				"run {}: {} partitions sent to the workers through {}; waiting for them (a partition silent for {} "
						+ "fails)",
				manager.getJobExecution().getJobInstanceId(), partitions.size(), this.broker, this.timeout);
		return awaitAll(manager, partitions);
	}

	private Set<StepExecution> awaitAll(StepExecution manager, Set<StepExecution> partitions)
			throws InterruptedException {
		Map<Long, Seen> seen = new HashMap<>();
		long started = this.clock.get();
		partitions.forEach((partition) -> seen.put(partition.getId(), new Seen(null, null, started)));
		List<String> untaken = new ArrayList<>();
		List<String> silent = new ArrayList<>();
		while (true) {
			Set<StepExecution> current = new LinkedHashSet<>();
			boolean running = false;
			long now = this.clock.get();
			for (StepExecution partition : partitions) {
				StepExecution stored = this.jobRepository.getStepExecution(partition.getId());
				Seen last = seen.get(partition.getId());
				if (!stored.getVersion().equals(last.version()) || stored.getStatus() != last.status()) {
					last = new Seen(stored.getVersion(), stored.getStatus(), now);
					seen.put(partition.getId(), last);
				}
				if (stored.getStatus().isRunning() && now - last.changedAt() >= this.timeout.toMillis()) {
					boolean taken = stored.getStatus() != BatchStatus.STARTING;
					(taken ? silent : untaken).add(stored.getStepName());
					stored = failed(stored, taken);
				}
				running |= stored.getStatus().isRunning();
				current.add(stored);
			}
			if (!running) {
				List<String> failed = failedOnWorkers(current, untaken, silent);
				if (!untaken.isEmpty() || !silent.isEmpty() || !failed.isEmpty()) {
					throw new IllegalStateException(message(untaken, silent, failed));
				}
				return current;
			}
			Thread.sleep(this.pollInterval.toMillis());
		}
	}

	/** Marks a partition failed in the repository, saying why. */
	private StepExecution failed(StepExecution partition, boolean taken) {
		String why = taken ? "its worker stopped writing for " + this.timeout + " (killed or cut off)"
				: "no worker took it within " + this.timeout;
		log.error("{}: {}", partition.getStepName(), why);
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
		partition.setEndTime(java.time.LocalDateTime.now());
		this.jobRepository.update(partition);
		return partition;
	}

	/**
	 * The partitions a worker failed, with the worker's cause as it stored it (the
	 * exception itself stayed in the worker's JVM), e.g.
	 * {@code backtestMonth:month-2024-03 failed on its worker: .../2024-03.csv: differs from
	 * the file the run was planned with: ...}; partitions that failed for the same cause
	 * (a worker without the dataset's configuration fails them all) are told once, the
	 * first three named.
	 */
	private static List<String> failedOnWorkers(Set<StepExecution> partitions, List<String> untaken,
			List<String> silent) {
		Map<String, List<String>> byCause = partitions.stream()
			.filter((partition) -> partition.getStatus() != BatchStatus.COMPLETED)
			.filter((partition) -> !untaken.contains(partition.getStepName())
					&& !silent.contains(partition.getStepName()))
			.collect(
					Collectors.groupingBy((partition) -> WorkerCause.of(partition.getExitStatus().getExitDescription()),
							LinkedHashMap::new, Collectors.mapping(StepExecution::getStepName, Collectors.toList())));
		List<String> failures = new ArrayList<>();
		byCause.forEach((cause, names) -> {
			String named = String.join(", ", names.subList(0, Math.min(3, names.size())));
			failures.add((names.size() == 1) ? named + " failed on its worker: " + cause
					: named + ((names.size() > 3) ? " and " + (names.size() - 3) + " more" : "") + " (" + names.size()
							+ " partitions) failed on their workers: " + cause);
		});
		return failures;
	}

	private String message(List<String> untaken, List<String> silent, List<String> failed) {
		StringBuilder message = new StringBuilder(String.join("; ", failed));
		if (untaken.isEmpty() && silent.isEmpty()) {
			return message.toString();
		}
		if (!untaken.isEmpty()) {
			message.append(message.isEmpty() ? "" : "; ")
				.append("no worker took ")
				.append(untaken.size())
				.append(" partition(s) within ")
				.append(this.timeout)
				.append(" (ratchet.backtest.remote.timeout): ")
				.append(String.join(", ", untaken))
				.append("; is a worker (jobs/worker) running and connected to the broker at ")
				.append(this.broker)
				.append("?");
		}
		if (!silent.isEmpty()) {
			message.append(message.isEmpty() ? "" : (untaken.isEmpty() ? "; " : " "))
				.append(silent.size())
				.append(" partition(s) stopped: their worker wrote nothing for ")
				.append(this.timeout)
				.append(" (killed or cut off): ")
				.append(String.join(", ", silent))
				.append(".");
		}
		return message.append(" Start workers, then resume the run with jobs/restart.").toString();
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

	/**
	 * A partition's version and status when they last changed, on this machine's clock.
	 */
	private record Seen(Integer version, BatchStatus status, long changedAt) {
	}

}
