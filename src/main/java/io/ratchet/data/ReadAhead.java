package io.ratchet.data;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVRecord;

/**
 * The records of a {@link CsvSource}, parsed on a thread of its own a few chunks ahead of
 * the caller, so that decoding and parsing the CSV (the larger part of reading an import
 * source) runs beside the validation and spooling of the rows already parsed.
 * <p>
 * The caller sees the records exactly as {@link CsvSource} gives them, in order, each
 * with its line and its undecodable bytes; an error of the source (malformed CSV, a
 * record too long) reaches the caller when it has taken every record before it, so
 * nothing changes but the thread the parsing runs on. Memory is bounded: a few chunks
 * wait ({@link BatchQueue}), each of at most {@value #CHUNK_RECORDS} records or about
 * {@value #CHUNK_CHARS} characters.
 * <p>
 * The source must not be used by anyone else once this has started; closing stops the
 * reading thread (and waits for it), then closes the source.
 */
final class ReadAhead implements RecordSource {

	private static final int CHUNK_RECORDS = 1024;

	private static final int CHUNK_CHARS = 1 << 20;

	private final CsvSource csv;

	private final BatchQueue<Chunk> chunks;

	private final Thread reader;

	private Chunk chunk;

	private int at;

	/** Starts reading the records of {@code csv} after its header. */
	ReadAhead(CsvSource csv) {
		this.csv = csv;
		this.chunks = new BatchQueue<>(Chunk::new, csv.file().toString());
		this.reader = new Thread(() -> this.chunks.fill(csv::next, this::add),
				"import-read " + csv.file().getFileName());
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** Parsed records, with what {@link CsvSource} knew of each. */
	private static final class Chunk extends BatchQueue.Batch {

		private final CSVRecord[] records = new CSVRecord[CHUNK_RECORDS];

		private final long[] lines = new long[CHUNK_RECORDS];

		private final String[] invalidBytes = new String[CHUNK_RECORDS];

		private long chars;

		@Override
		void clear() {
			super.clear();
			this.chars = 0;
		}

	}

	/** Adds the current record to a chunk; {@code true} when the chunk is full. */
	private boolean add(Chunk chunk) {
		CSVRecord record = this.csv.record();
		chunk.records[chunk.size] = record;
		chunk.lines[chunk.size] = this.csv.line();
		chunk.invalidBytes[chunk.size] = this.csv.invalidBytes();
		chunk.size++;
		for (int i = 0; i < record.size(); i++) {
			chunk.chars += record.get(i).length();
		}
		return chunk.size == CHUNK_RECORDS || chunk.chars >= CHUNK_CHARS;
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
		this.chunk = this.chunks.next(this.chunk);
		this.at = 0;
		return this.chunk != null;
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
		BatchQueue.stop(this.reader);
		this.csv.close();
	}

}
