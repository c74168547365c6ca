package io.ratchet.launch;

import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads submitted runs proceed on: a fixed pool of daemon threads (a run left
 * unfinished never keeps the JVM alive; it is restarted like any interrupted run) with an
 * unbounded queue, so a launch is never refused for want of a thread: it waits its turn.
 *
 * <p>
 * The job operator hands this executor the run as a task, on the launching thread, inside
 * {@code start}. What must follow the run (releasing the launch's lease) is handed over
 * the same way: {@link #expect} before {@code start}, {@link #handedOver} after it, which
 * tells the launcher whether the run was handed over (and so will release the lease
 * itself when it ends) or not (the launcher releases it at once).
 */
final class LaunchExecutor implements TaskExecutor, AutoCloseable {

	private final ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();

	private final ThreadLocal<Handoff> handoff = new ThreadLocal<>();

	/** What follows the next task this thread hands over, and whether it was taken. */
	static final class Handoff {

		private final Runnable afterwards;

		private boolean taken;

		private Handoff(Runnable afterwards) {
			this.afterwards = afterwards;
		}

	}

	LaunchExecutor(int threads) {
		this.pool.setCorePoolSize(threads);
		this.pool.setMaxPoolSize(threads);
		this.pool.setDaemon(true);
		this.pool.setThreadNamePrefix("launch-");
		this.pool.initialize();
	}

	/** Runs {@code afterwards} once the next task this thread hands over has run. */
	Handoff expect(Runnable afterwards) {
		Handoff next = new Handoff(afterwards);
		this.handoff.set(next);
		return next;
	}

	/**
	 * Whether a task took {@code expected}'s follow-up (then it runs when that task
	 * ends); forgets it either way.
	 */
	boolean handedOver(Handoff expected) {
		this.handoff.remove();
		return expected.taken;
	}

	@Override
	public void execute(Runnable task) {
		Handoff next = this.handoff.get();
		Runnable afterwards = (next != null && !next.taken) ? next.afterwards : null;
		this.pool.execute(() -> {
			try {
				task.run();
			}
			finally {
				if (afterwards != null) {
					afterwards.run();
				}
			}
		});
		if (afterwards != null) {
			next.taken = true;
		}
	}

	@Override
	public void close() {
		this.pool.shutdown();
	}

}
