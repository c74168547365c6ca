package io.ratchet.data;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Batches of records handed from a reading thread to the caller in order, through a
 * bounded queue: the hand-over of {@link ReadAhead} and {@link ScanAhead}. At most
 * {@value #BATCHES_AHEAD} filled batches wait; a batch the caller has read is given back
 * to be filled again. A failure of the reading thread reaches the caller once it has
 * taken every record before it.
 *
 * @param <B> the batches
 */
final class BatchQueue<B extends BatchQueue.Batch> {

	private static final int BATCHES_AHEAD = 4;

	/** What every batch holds besides its records. */
	abstract static class Batch {

		/** How many records it holds. */
		int size;

		/** The last batch: the end of the source, or its failure. */
		boolean last;

		Throwable failure;

		/** Empties the batch to be filled again. */
		void clear() {
			this.size = 0;
		}

	}

	private final BlockingQueue<B> full = new ArrayBlockingQueue<>(BATCHES_AHEAD);

	/** Batches the caller has read, to be filled again. */
	private final BlockingQueue<B> free = new ArrayBlockingQueue<>(BATCHES_AHEAD + 2);

	private final Supplier<B> fresh;

	private final String source;

	/** The last batch, once the caller has taken it. */
	private B end;

	/**
	 * @param fresh makes an empty batch
	 * @param source what is read, for messages
	 */
	BatchQueue(Supplier<B> fresh, String source) {
		this.fresh = fresh;
		this.source = source;
	}

	/**
	 * The reading thread's loop: adds records to batches and hands each on when full,
	 * until the end of the source, its failure or an interrupt (the caller has closed).
	 * @param next moves the source to its next record; {@code false} at its end
	 * @param add adds the source's current record to a batch; {@code true} when that is
	 * full
	 */
	void fill(BooleanSupplier next, Predicate<B> add) {
		B filling = empty();
		try {
			while (!Thread.currentThread().isInterrupted() && next.getAsBoolean()) {
				if (add.test(filling)) {
					this.full.put(filling);
					filling = empty();
				}
			}
			filling.last = true;
			this.full.put(filling);
		}
		catch (InterruptedException ex) {
			// closed by the caller: nobody takes what is left
		}
		catch (RuntimeException | Error ex) {
			filling.last = true;
			filling.failure = ex;
			try {
				this.full.put(filling);
			}
			catch (InterruptedException closed) {
				// closed by the caller
			}
		}
	}

	private B empty() {
		B used = this.free.poll();
		if (used == null) {
			return this.fresh.get();
		}
		used.clear();
		return used;
	}

	/**
	 * The next batch that holds records, giving {@code read} back; {@code null} at the
	 * end of the source.
	 * @param read the batch the caller has read, or {@code null}
	 * @throws DataFileException (or whatever else reading the source threw) when the
	 * source failed after the records already handed out
	 * @throws UncheckedIOException with an {@link InterruptedIOException} when the
	 * calling thread is interrupted
	 */
	B next(B read) {
		B batch = read;
		while (this.end == null) {
			if (batch != null) {
				this.free.offer(batch);
			}
			try {
				batch = this.full.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new UncheckedIOException(new InterruptedIOException("interrupted while reading " + this.source));
			}
			if (batch.last) {
				this.end = batch;
			}
			if (batch.size > 0) {
				return batch;
			}
		}
		if (this.end.failure instanceof Error error) {
			throw error;
		}
		if (this.end.failure != null) {
			throw (RuntimeException) this.end.failure;
		}
		return null;
	}

	/**
	 * Interrupts a reading thread and waits for it to end, however often the caller is
	 * interrupted meanwhile (its interrupt is kept).
	 */
	static void stop(Thread reader) {
		reader.interrupt();
		boolean interrupted = false;
		while (true) {
			try {
				reader.join();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
