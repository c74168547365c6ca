package io.ratchet.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The second thread of an import's first pass: the caller ({@link SourceScan}) reads and
 * validates the source, and hands each accepted row to this, which writes it to the
 * {@link MonthSpool} on a thread of its own ({@code import-spool <file>}), and hashes the
 * source's bytes there too ({@link #digesting}: SHA-256 of a 339 MB file is most of a
 * second of CPU).
 * <p>
 * Rows and bytes go in batches through one bounded queue (at most {@value #BATCHES_AHEAD}
 * batches of {@value #BATCH_ROWS} rows or one read of bytes wait), so memory stays
 * bounded whatever the size of the source, and each is taken in the order it was given:
 * the spool receives the rows, and the digest the bytes, exactly as on one thread. A
 * failure of the spool (a full disk) reaches the caller at its next hand-off or at
 * {@link #finish()}, with the message the spool gave; a failure of the caller (a
 * malformed source) ends the thread at {@link #close()}, and nothing written to the spool
 * is used.
 * <p>
 * {@link #direct} does all of it on the caller's thread, as imports did before.
 */
class SpoolHandoff implements AutoCloseable {

	private static final int BATCH_ROWS = 1024;

	private static final int BATCHES_AHEAD = 4;

	final MonthSpool spool;

	final MessageDigest digest;

	/**
	 * @param spool receives the rows
	 * @param digest receives the source's bytes
	 */
	private SpoolHandoff(MonthSpool spool, MessageDigest digest) {
		this.spool = spool;
		this.digest = digest;
	}

	/** Spools and hashes on the caller's thread. */
	static SpoolHandoff direct(MonthSpool spool, MessageDigest digest) {
		return new SpoolHandoff(spool, digest);
	}

	/** Spools and hashes on a thread of its own, named after the source. */
	static SpoolHandoff threaded(MonthSpool spool, MessageDigest digest, String source) {
		return new Threaded(spool, digest, source);
	}

	/** Sends an accepted row to its month's spool. */
	void add(YearMonth month, MonthSpool.Spooled row) throws IOException {
		this.spool.add(month, row);
	}

	/**
	 * Hashes bytes of the source, in order. It is called by the thread that reads the
	 * source, which may not be the one that adds the rows ({@link ScanAhead}); never by
	 * two threads at once.
	 */
	void digest(byte[] bytes, int from, int length) throws IOException {
		this.digest.update(bytes, from, length);
	}

	/** {@code in}, whose bytes are hashed ({@link #digest}) as they are read. */
	final InputStream digesting(InputStream in) {
		return new FilterInputStream(in) {

			@Override
			public int read() throws IOException {
				int b = super.read();
				if (b >= 0) {
					digest(new byte[] { (byte) b }, 0, 1);
				}
				return b;
			}

			@Override
			public int read(byte[] bytes, int from, int length) throws IOException {
				int n = super.read(bytes, from, length);
				if (n > 0) {
					digest(bytes, from, n);
				}
				return n;
			}

			@Override
			public long skip(long n) throws IOException {
				// every byte must be hashed: read what is skipped
				return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
			}

		};
	}

	/**
	 * Waits until every row given is spooled and every byte hashed.
	 * @throws IOException when spooling failed
	 */
	void finish() throws IOException {
	}

	/** Stops the thread, when there is one, without waiting for what is queued. */
	@Override
	public void close() {
	}

	/** The rows of one batch with their months, or a read of the source's bytes. */
	private static final class Batch {

		private final YearMonth[] months;

		private final MonthSpool.Spooled[] rows;

		private final byte[] bytes;

		private int size;

		private Batch(int rows, byte[] bytes) {
			this.months = new YearMonth[rows];
			this.rows = new MonthSpool.Spooled[rows];
			this.bytes = bytes;
		}

	}

	private static final class Threaded extends SpoolHandoff {

		/** Tells the thread that nothing more comes. */
		private static final Batch END = new Batch(0, null);

		private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);

		private final Thread thread;

		private Batch filling = new Batch(BATCH_ROWS, null);

		private volatile IOException failure;

		/** Set at close: the thread takes what is queued without spooling it. */
		private volatile boolean discard;

		private boolean ended;

		Threaded(MonthSpool spool, MessageDigest digest, String source) {
			super(spool, digest);
			this.thread = new Thread(this::run, "import-spool " + source);
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void run() {
			try {
				Batch batch;
				while ((batch = this.queue.take()) != END) {
					if (this.failure != null || this.discard) {
						continue;
					}
					try {
						if (batch.bytes != null) {
							this.digest.update(batch.bytes);
						}
						for (int i = 0; i < batch.size; i++) {
							this.spool.add(batch.months[i], batch.rows[i]);
						}
					}
					catch (IOException ex) {
						this.failure = ex;
					}
					catch (RuntimeException | Error ex) {
						// kept to the caller: a thread that died would leave it waiting
						this.failure = new IOException(ex.toString(), ex);
					}
				}
			}
			catch (InterruptedException ex) {
				// nobody waits for this thread any more
			}
		}

		@Override
		void add(YearMonth month, MonthSpool.Spooled row) throws IOException {
			Batch batch = this.filling;
			batch.months[batch.size] = month;
			batch.rows[batch.size] = row;
			if (++batch.size == BATCH_ROWS) {
				put(batch);
				this.filling = new Batch(BATCH_ROWS, null);
			}
		}

		@Override
		void digest(byte[] bytes, int from, int length) throws IOException {
			Batch batch = new Batch(0, Arrays.copyOfRange(bytes, from, from + length));
			put(batch);
		}

		private void put(Batch batch) throws IOException {
			rethrow();
			enqueue(batch);
		}

		private void enqueue(Batch batch) throws IOException {
			try {
				this.queue.put(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while handing rows to the spool");
			}
		}

		private void rethrow() throws IOException {
			IOException failed = this.failure;
			if (failed != null) {
				throw new IOException(failed.getMessage(), failed);
			}
		}

		@Override
		void finish() throws IOException {
			if (this.filling.size > 0) {
				put(this.filling);
				this.filling = new Batch(BATCH_ROWS, null);
			}
			end();
			rethrow();
		}

		/** Queues the end and waits for the thread to take everything before it. */
		private void end() throws IOException {
			if (this.ended) {
				return;
			}
			enqueue(END);
			this.ended = true;
			try {
				this.thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while waiting for the spool");
			}
		}

		@Override
		public void close() {
			if (this.ended) {
				return;
			}
			this.discard = true;
			try {
				end();
			}
			catch (IOException ex) {
				// interrupted: the thread is a daemon and ends with the queue
				this.thread.interrupt();
			}
		}

	}

}
