package io.ratchet.data;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.apache.commons.csv.CSVRecord;

/**
 * The records of a {@link CsvSource}, parsed on a thread of its own a few chunks ahead of
 * the caller, so that decoding and parsing the CSV (the larger part of reading an import
 * source) runs beside the validation and spooling of the rows already parsed.
 * <p>
 * The caller sees the records exactly as {@link CsvSource} gives them, in order, each
 * with its line and its undecodable bytes; an error of the source (malformed CSV, a
 * record too long) reaches the caller when it has taken every record before it, so
 * nothing changes but the thread the parsing runs on. Memory is bounded: at most
 * {@value #CHUNKS_AHEAD} chunks wait, each of at most {@value #CHUNK_RECORDS} records or
 * about {@value #CHUNK_CHARS} characters.
 * <p>
 * The source must not be used by anyone else once this has started; closing stops the
 * reading thread (and waits for it), then closes the source.
 */
final class ReadAhead implements RecordSource {

	private static final int CHUNK_RECORDS = 1024;

	private static final int CHUNK_CHARS = 1 << 20;

	private static final int CHUNKS_AHEAD = 4;

	private final CsvSource csv;

	private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);

	private final Thread reader;

	private Chunk chunk;

	private int at;

	/** Starts reading the records of {@code csv} after its header. */
	ReadAhead(CsvSource csv) {
		this.csv = csv;
		this.reader = new Thread(this::read, "import-read " + csv.file().getFileName());
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** Parsed records, with what {@link CsvSource} knew of each. */
	private static final class Chunk {

		private final CSVRecord[] records = new CSVRecord[CHUNK_RECORDS];

		private final long[] lines = new long[CHUNK_RECORDS];

		private final String[] invalidBytes = new String[CHUNK_RECORDS];

		private int size;

		private long chars;

		/** The last chunk: the end of the source, or its failure. */
		private boolean last;

		private Throwable failure;

		boolean add(CSVRecord record, long line, String invalid) {
			this.records[this.size] = record;
			this.lines[this.size] = line;
			this.invalidBytes[this.size] = invalid;
			this.size++;
			for (int i = 0; i < record.size(); i++) {
				this.chars += record.get(i).length();
			}
			return this.size == CHUNK_RECORDS || this.chars >= CHUNK_CHARS;
		}

	}

	private void read() {
		Chunk filling = new Chunk();
		try {
			while (!Thread.currentThread().isInterrupted() && this.csv.next()) {
				if (filling.add(this.csv.record(), this.csv.line(), this.csv.invalidBytes())) {
					this.chunks.put(filling);
					filling = new Chunk();
				}
			}
			filling.last = true;
			this.chunks.put(filling);
		}
		catch (InterruptedException ex) {
			// closed by the caller: nobody takes what is left
		}
		catch (RuntimeException | Error ex) {
			filling.last = true;
			filling.failure = ex;
			try {
				this.chunks.put(filling);
			}
			catch (InterruptedException closed) {
				// closed by the caller
			}
		}
	}

	@Override
	public List<String> header() {
		return this.csv.header();
	}

	/**
	 * Moves to the next record; {@code false} at the end of the source.
	 * @throws DataFileException (or whatever else reading the source threw) when the
	 * source fails after the records already handed out
	 * @throws UncheckedIOException with an {@link InterruptedIOException} when the
	 * calling thread is interrupted
	 */
	@Override
	public boolean next() {
		if (this.chunk != null && ++this.at < this.chunk.size) {
			return true;
		}
		while (this.chunk == null || !this.chunk.last) {
			try {
				this.chunk = this.chunks.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new UncheckedIOException(
						new InterruptedIOException("interrupted while reading " + this.csv.file()));
			}
			this.at = 0;
			if (this.chunk.size > 0) {
				return true;
			}
		}
		if (this.chunk.failure instanceof Error error) {
			throw error;
		}
		if (this.chunk.failure != null) {
			throw (RuntimeException) this.chunk.failure;
		}
		return false;
	}

	/** The current record. */
	CSVRecord record() {
		return this.chunk.records[this.at];
	}

	@Override
	public CsvFields fields() {
		return CsvFields.of(record());
	}

	/** The physical line the current record starts on. */
	@Override
	public long line() {
		return this.chunk.lines[this.at];
	}

	/** {@link CsvSource#invalidBytes()} of the current record. */
	@Override
	public String invalidBytes() {
		return this.chunk.invalidBytes[this.at];
	}

	/**
	 * Stops the reading thread, if it still runs, and waits for it; then closes the
	 * source.
	 */
	@Override
	public void close() {
		this.reader.interrupt();
		boolean interrupted = false;
		while (true) {
			try {
				this.reader.join();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		this.csv.close();
	}

}
