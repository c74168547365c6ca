package io.ratchet.alert;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs the next retry of failed sends in the background, at the time the backoff set, so
 * a long-running process (the scheduler) delivers as soon as the server is back without a
 * thread sleeping. One daemon thread, one pending retry at a time. A closing process
 * waits for a send in progress ({@link #stop()}); a retry not started yet goes out at the
 * next run.
 */
@Component
class RetryTimer implements DisposableBean {

	private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
		Thread thread = new Thread(task, "ratchet-alert-retry");
		thread.setDaemon(true);
		return thread;
	});

	RetryTimer() {
		// a retry not started yet is dropped when the timer stops (the next run delivers
		// it): a cancelled one stays
		// queued until its time otherwise, and stop() waited for it
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.executor.setRemoveOnCancelPolicy(true);
	}

	/**
	 * How long a closing process waits for a send in progress: longer than the mail
	 * timeouts together.
	 */
	private static final Duration STOP_WAIT = Duration.ofMinutes(2);

	private ScheduledFuture<?> next;

	/** Runs {@code task} after {@code delay}, replacing a retry scheduled earlier. */
	synchronized void schedule(Duration delay, Runnable task) {
		if (this.next != null) {
			this.next.cancel(false);
		}
		this.next = this.executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops taking retries and waits for one that is sending now to finish (the mail
	 * timeouts bound it), so that it never has the database closed under it and leaves
	 * its row {@code SENDING}. Called by {@link AlertDelivery} when the context closes,
	 * before the database pool closes (AlertDelivery depends on it, so it goes first).
	 */
	void stop() {
		this.executor.shutdown();
		synchronized (this) {
			if (this.next != null) {
				this.next.cancel(false); // not started yet: the next run delivers it
			}
		}
		try {
			if (!this.executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.executor.shutdownNow();
		}
	}

	@Override
	public void destroy() {
		stop();
	}

}
