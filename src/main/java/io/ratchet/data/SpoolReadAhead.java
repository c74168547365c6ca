package io.ratchet.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * {@link MonthSpool#read} with the spool file read and decoded on a thread of its own
 * ({@code import-spool-read <month>}) a few batches ahead of the merge, which takes the
 * rows on the caller's thread in the same order. At most {@value #BATCHES_AHEAD} batches
 * of {@value #BATCH_ROWS} rows wait, so memory stays bounded. A failure of the reading
 * reaches the caller after the rows before it, as the {@link IOException} the spool
 * threw; a failure of the caller stops the reading thread before it returns.
 */
final class SpoolReadAhead {

	private static final int BATCH_ROWS = 1024;

	private static final int BATCHES_AHEAD = 4;

	/** The end of the rows (the reading thread's failure, if any, is set before it). */
	private static final List<MonthSpool.Spooled> END = List.of();

	private final BlockingQueue<List<MonthSpool.Spooled>> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);

	private volatile Throwable failure;

	private SpoolReadAhead() {
	}

	/** Hands the rows of a month to {@code rows}, in the order they were spooled. */
	static void read(MonthSpool spool, YearMonth month, MonthSpool.Rows rows) throws IOException {
		new SpoolReadAhead().run(spool, month, rows);
	}

	private void run(MonthSpool spool, YearMonth month, MonthSpool.Rows rows) throws IOException {
		Thread reader = new Thread(() -> produce(spool, month), "import-spool-read " + month);
		reader.setDaemon(true);
		reader.start();
		try {
			List<MonthSpool.Spooled> batch;
			while ((batch = this.queue.take()) != END) {
				for (MonthSpool.Spooled row : batch) {
					rows.accept(row);
				}
			}
			reader.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while merging " + month);
		}
		finally {
			if (reader.isAlive()) {
				reader.interrupt();
				joinQuietly(reader);
			}
		}
		Throwable failed = this.failure;
		if (failed instanceof IOException io) {
			throw io;
		}
		if (failed instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failed != null) {
			throw (Error) failed;
		}
	}

	private void produce(MonthSpool spool, YearMonth month) {
		List<List<MonthSpool.Spooled>> filling = new ArrayList<>(List.of(new ArrayList<>(BATCH_ROWS)));
		try {
			spool.read(month, (row) -> {
				List<MonthSpool.Spooled> batch = filling.get(0);
				batch.add(row);
				if (batch.size() == BATCH_ROWS) {
					put(batch);
					filling.set(0, new ArrayList<>(BATCH_ROWS));
				}
			});
		}
		catch (InterruptedIOException ex) {
			// the caller stopped reading: nobody takes what is left
			return;
		}
		catch (IOException | RuntimeException | Error ex) {
			this.failure = ex;
		}
		try {
			// the rows read before a failure too, as on one thread
			put(filling.get(0));
			put(END);
		}
		catch (InterruptedIOException ex) {
			// the caller stopped reading
		}
	}

	private void put(List<MonthSpool.Spooled> batch) throws InterruptedIOException {
		try {
			this.queue.put(batch);
		}
		catch (InterruptedException ex) {
			throw new InterruptedIOException("stopped");
		}
	}

	private static void joinQuietly(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
