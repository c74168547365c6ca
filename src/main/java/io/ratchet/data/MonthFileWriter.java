package io.ratchet.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes the merged months of an import to their temporary files (sorting, copying,
 * syncing), on a thread of its own ({@code import-write <file>}) one month behind the
 * merge: while month M is written, month M+1 is merged on the caller's thread. At most
 * one month waits to be written, so at most two months' merges are held at once.
 * <p>
 * A failure of a write reaches the caller when it hands over the next month or at
 * {@link #finish()}, as the {@link IOException} the write threw; {@link #close()} waits
 * for a write under way (so that its temporary file can be deleted) and ends the thread.
 * {@link #direct()} writes on the caller's thread.
 */
class MonthFileWriter implements AutoCloseable {

	/** Writes one month's merge; closes the merge in any case. */
	@FunctionalInterface
	interface Write {

		void run() throws IOException;

	}

	private final ExecutorService thread;

	private Future<?> pending;

	private MonthFileWriter(ExecutorService thread) {
		this.thread = thread;
	}

	/** Writes on the caller's thread. */
	static MonthFileWriter direct() {
		return new MonthFileWriter(null);
	}

	/** Writes on a thread of its own, named after the source. */
	static MonthFileWriter threaded(String source) {
		return new MonthFileWriter(Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "import-write " + source);
			thread.setDaemon(true);
			return thread;
		}));
	}

	/**
	 * Runs {@code write} once the month before it is written.
	 * @throws IOException when writing the month before failed
	 */
	void write(Write write) throws IOException {
		finish();
		if (this.thread == null) {
			write.run();
			return;
		}
		this.pending = this.thread.submit(() -> {
			write.run();
			return null;
		});
	}

	/**
	 * Waits until the months handed over are written.
	 * @throws IOException when a write failed
	 */
	void finish() throws IOException {
		Future<?> waiting = this.pending;
		if (waiting == null) {
			return;
		}
		this.pending = null;
		try {
			waiting.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for a month file to be written");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw (Error) cause;
		}
	}

	/**
	 * Waits for a write under way (its failure is the caller's own by then), then ends.
	 */
	@Override
	public void close() {
		if (this.thread == null) {
			return;
		}
		try {
			finish();
		}
		catch (IOException | RuntimeException ex) {
			// the import is failing already, or the failure was thrown at finish()
		}
		finally {
			this.thread.shutdownNow();
		}
	}

}
