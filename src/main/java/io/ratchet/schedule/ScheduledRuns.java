package io.ratchet.schedule;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Component;

/**
 * The runs this process's scheduler has started and not yet seen end, so that a graceful
 * stop asks exactly those to stop: a run started by hand ({@code jobs/backtest}) in
 * another process is left alone.
 */
@Component
class ScheduledRuns {

	/**
	 * A run in progress: the entry that fired it, its job and its identifying parameters.
	 */
	record Running(String entry, Job job, JobParameters parameters) {
	}

	private final Map<String, Running> running = new ConcurrentHashMap<>();

	void started(String fireId, Running run) {
		this.running.put(fireId, run);
	}

	void ended(String fireId) {
		this.running.remove(fireId);
	}

	List<Running> current() {
		return List.copyOf(this.running.values());
	}

	boolean isEmpty() {
		return this.running.isEmpty();
	}

}
