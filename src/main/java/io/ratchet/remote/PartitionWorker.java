package io.ratchet.remote;

import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * The worker's side: runs the partition a message names with Spring Batch's
 * {@link StepExecutionRequestHandler} (the same worker step as a local run), which stores
 * its outcome in the shared job repository where the manager polls it.
 *
 * <p>
 * A request is acknowledged only once its partition has run, so the broker gives the
 * request of a worker that died mid-partition to another worker, and after a restart of
 * the broker it gives again every request that was not acknowledged, also those whose
 * worker is still running them (its connection was cut, not its work). So a request for a
 * partition that is not waiting any more is skipped: one already taken (STARTED) is never
 * run a second time beside a worker that may well be alive, nor failed: if its worker
 * died, the manager fails it once it has been silent for
 * {@code ratchet.backtest.remote.timeout}, and {@code jobs/restart} redoes its unstored
 * months. A done or failed partition is skipped too.
 */
public class PartitionWorker {

	private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

	private final JobRepository jobRepository;

	private final StepExecutionRequestHandler handler;

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger done = new AtomicInteger();

	PartitionWorker(JobRepository jobRepository, StepExecutionRequestHandler handler) {
		this.jobRepository = jobRepository;
		this.handler = handler;
	}

	/** Runs the partition a message's text names. */
	void take(String message) {
		PartitionRequest request = PartitionRequest.parse(message);
		StepExecution partition = this.jobRepository.getStepExecution(request.stepExecutionId());
		if (partition == null) {
			log.warn("skipped {}: no such partition in this database (a request of another installation?)", message);
			return;
		}
		long run = partition.getJobExecution().getJobInstanceId();
		if (partition.getStatus() == BatchStatus.STARTED) {
			log.warn("run {}: skipped {}, which another worker has taken (its request came again: that worker's "
					+ "connection was cut, or it died, and then the manager fails the partition once it is silent)",
					run, partition.getStepName());
			return;
		}
		if (partition.getStatus() != BatchStatus.STARTING) {
			log.info("run {}: skipped {}, which is {}", run, partition.getStepName(), partition.getStatus());
			return;
		}
		log.info("run {}: taking {}", run, partition.getStepName());
		this.running.incrementAndGet();
		try {
			StepExecution result = this.handler
				.handle(new StepExecutionRequest(request.stepName(), request.stepExecutionId()));
			if (result.getStatus() == BatchStatus.FAILED && !result.getFailureExceptions().isEmpty()
					&& result.getEndTime() == null) {
				// failed before the step could record it (e.g. no such step): record it
				result.setEndTime(LocalDateTime.now());
				result.setExitStatus(ExitStatus.FAILED.addExitDescription(result.getFailureExceptions().get(0)));
				this.jobRepository.update(result);
			}
			log.info("run {}: {} {}", run, partition.getStepName(), result.getStatus());
		}
		finally {
			this.running.decrementAndGet();
			this.done.incrementAndGet();
		}
	}

	/** Partitions running now. */
	int running() {
		return this.running.get();
	}

	/** Partitions this worker has run since it started. */
	int done() {
		return this.done.get();
	}

}
