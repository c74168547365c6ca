package io.ratchet.backtest;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Shows progress as months finish: months done of the total and rows per second since the
 * job execution started. It only reports; nothing in it is needed to compute or restart a
 * run.
 */
@Component
class BacktestProgressListener implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger("io.ratchet.progress");

	private final Map<Long, Progress> progress = new ConcurrentHashMap<>();

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		var job = stepExecution.getJobExecution();
		RunContext run = RunContext.of(job);
		Progress current = this.progress.computeIfAbsent(job.getId(), (id) -> new Progress());
		// counted before the month itself, so that the last month's line sees every
		// month's source
		if ("cache".equals(stepExecution.getExecutionContext().getString(BacktestMonthTasklet.SOURCE, null))) {
			current.fromCache.incrementAndGet();
		}
		int done = current.months.incrementAndGet();
		long rows = current.rows.addAndGet(stepExecution.getReadCount() + stepExecution.getReadSkipCount());
		LocalDateTime start = (job.getStartTime() != null) ? job.getStartTime() : LocalDateTime.now();
		double seconds = Math.max(1e-3, Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0);
		String month = stepExecution.getExecutionContext().getString(MonthPartitioner.PERIOD, "?");
		log.info(String.format(Locale.ROOT, "run %d: %d/%d months done (%s %s, %,d rows), %,.0f rows/s", run.runId(),
				done, run.months().size(), month, stepExecution.getStatus().name().toLowerCase(Locale.ROOT),
				stepExecution.getReadCount(), rows / seconds));
		if (done >= run.months().size()) {
			log.info(String.format(Locale.ROOT, "run %d: months from the month cache: %d, parsed from CSV: %d",
					run.runId(), current.fromCache.get(), done - current.fromCache.get()));
			this.progress.remove(job.getId());
		}
		return stepExecution.getExitStatus();
	}

	private static final class Progress {

		private final AtomicInteger months = new AtomicInteger();

		private final AtomicLong rows = new AtomicLong();

		private final AtomicInteger fromCache = new AtomicInteger();

	}

}
