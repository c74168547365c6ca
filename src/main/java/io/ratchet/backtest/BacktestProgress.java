package io.ratchet.backtest;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Shows progress as months are stored: months done of the total and rows per second since
 * the job execution started. It counts months, not partitions (a partition may hold many
 * months), and is told of a month only once its results are committed. It only reports;
 * nothing in it is needed to compute or restart a run.
 */
@Component
class BacktestProgress {

	private static final Logger log = LoggerFactory.getLogger("io.ratchet.progress");

	private final Map<Long, Progress> progress = new ConcurrentHashMap<>();

	/**
	 * A month of the run is stored.
	 * @param job the job execution
	 * @param run the run's decisions (for the number of months)
	 * @param month the month
	 * @param fromCache whether its rows came from the month cache
	 * @param accepted its rows accepted
	 * @param read its rows read (accepted and rejected)
	 */
	void monthStored(JobExecution job, RunContext run, YearMonth month, boolean fromCache, long accepted, long read) {
		Progress current = this.progress.computeIfAbsent(job.getId(), (id) -> new Progress());
		// counted before the month itself, so that the last month's line sees every
		// month's source
		if (fromCache) {
			current.fromCache.incrementAndGet();
		}
		int done = current.months.incrementAndGet();
		long rows = current.rows.addAndGet(read);
		LocalDateTime start = (job.getStartTime() != null) ? job.getStartTime() : LocalDateTime.now();
		double seconds = Math.max(1e-3, Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0);
		log.info(String.format(Locale.ROOT, "run %d: %d/%d months done (%s completed, %,d rows), %,.0f rows/s",
				run.runId(), done, run.months().size(), month, accepted, rows / seconds));
		if (done >= run.months().size()) {
			log.info(String.format(Locale.ROOT, "run %d: months from the month cache: %d, parsed from CSV: %d",
					run.runId(), current.fromCache.get(), done - current.fromCache.get()));
			this.progress.remove(job.getId());
		}
	}

	private static final class Progress {

		private final AtomicInteger months = new AtomicInteger();

		private final AtomicLong rows = new AtomicLong();

		private final AtomicInteger fromCache = new AtomicInteger();

	}

}
