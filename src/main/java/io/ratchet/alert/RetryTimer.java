package io.ratchet.alert;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs the next retry of failed sends in the background, at the time the backoff set, so a long-running process (the
 * scheduler) delivers as soon as the server is back without a thread sleeping. One daemon thread, one pending retry
 * at a time; a short-lived command leaves without waiting, and its pending alerts go out at the next run.
 */
@Component
class RetryTimer implements DisposableBean {

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "ratchet-alert-retry");
		thread.setDaemon(true);
		return thread;
	});

	private ScheduledFuture<?> next;

	/** Runs {@code task} after {@code delay}, replacing a retry scheduled earlier. */
	synchronized void schedule(Duration delay, Runnable task) {
		if (this.next != null) {
			this.next.cancel(false);
		}
		this.next = this.executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
