package io.ratchet.launch;

import java.util.Optional;

import io.ratchet.lease.Claim;
import io.ratchet.lease.Holder;

import org.springframework.batch.core.job.JobExecution;

/**
 * What came of a launch: started, found already completed (the same identifying
 * parameters ran before: that run is the answer, nothing runs again), or refused because
 * the same launch is running.
 */
public sealed interface Launch {

	/**
	 * The job started.
	 *
	 * @param execution its execution: ended when launched {@link JobLaunches#run
	 * synchronously}, just created when {@link JobLaunches#submit submitted}
	 * @param takenOver the stale claim of a dead process this launch took over, if any
	 */
	record Started(JobExecution execution, Optional<Claim.TakeOver> takenOver) implements Launch {

		/** The run's id: its Spring Batch job instance id. */
		public long runId() {
			return this.execution.getJobInstance().getInstanceId();
		}

	}

	/**
	 * The same parameters already ran to completion.
	 *
	 * @param last that run's last execution
	 * @param message says so, naming the run and what the same parameters mean
	 */
	record AlreadyCompleted(JobExecution last, String message) implements Launch {

		/** The run's id. */
		public long runId() {
			return this.last.getJobInstance().getInstanceId();
		}

	}

	/**
	 * The same launch is running: not started twice.
	 *
	 * @param holder who runs it, when known from its claim
	 * @param message says so, whom and where to look
	 */
	record AlreadyRunning(Optional<Holder> holder, String message) implements Launch {

	}

}
