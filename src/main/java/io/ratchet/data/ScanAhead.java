package io.ratchet.data;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.List;

/**
 * The records of a {@link ByteCsvReader}, found on a thread of its own
 * ({@code import-scan <file>}) a few batches ahead of the caller: reading the bytes and
 * finding the records and their fields ({@link CsvRecordScanner}) runs beside the
 * validation of the records found before, so an import's first pass uses two cores. That
 * thread also answers {@link #isFiniteDecimal} for the fields it is given (checking the
 * numbers is the largest part of validating a record): the two threads then take about
 * equal shares.
 * <p>
 * Each record is copied, as its bytes and the bounds of its fields, into a batch of at
 * most {@value #BATCH_RECORDS} records or about {@value #BATCH_BYTES} bytes; the caller
 * reads it as it would read the {@link ByteCsvReader} ({@link ByteFields}). The caller
 * sees the same records in the same order, each with its line and its undecodable bytes;
 * an error of the source (malformed CSV, a record too long, a failed read) reaches the
 * caller when it has taken every record before it, so nothing changes but the thread the
 * records are found on. Memory is bounded: a few batches wait, and the caller gives each
 * batch back to be filled again once it has read it ({@link BatchQueue}).
 * <p>
 * The reader must not be used by anyone else once this has started; closing stops the
 * scanning thread (and waits for it), then closes the reader.
 */
final class ScanAhead extends ByteFields implements RecordSource {

	private static final int BATCH_RECORDS = 1024;

	private static final int BATCH_BYTES = 1 << 20;

	private final ByteCsvReader reader;

	/** The fields whose {@link #isFiniteDecimal} the scanning thread finds, as bits. */
	private final long decimals;

	private final BatchQueue<Batch> batches;

	private final CharsetDecoder decoder;

	private final Thread scanner;

	private Batch batch;

	/** The current record in {@link #batch}. */
	private int at;

	/** Where the current record's fields start in the batch's bounds. */
	private int firstField;

	/**
	 * Starts finding the records of {@code reader} after its header.
	 * @param file the file's name, for the thread's name and messages
	 * @param decimals the fields (bits by position, below 64) whose
	 * {@link #isFiniteDecimal} the scanning thread finds
	 */
	ScanAhead(ByteCsvReader reader, String file, long decimals) {
		this.reader = reader;
		this.decimals = decimals;
		this.decoder = reader.charset()
			.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		this.batches = new BatchQueue<>(Batch::new, file);
		this.scanner = new Thread(() -> this.batches.fill(reader::next, (batch) -> batch.add(reader, decimals)),
				"import-scan " + file);
		this.scanner.setDaemon(true);
		this.scanner.start();
	}

	/** Records found: their bytes, the bounds of their fields, what the reader knew. */
	private static final class Batch extends BatchQueue.Batch {

		private byte[] bytes = new byte[1 << 18];

		private int length;

		/** The fields' bounds, record after record. */
		private int[] starts = new int[8 * BATCH_RECORDS];

		private int[] ends = new int[8 * BATCH_RECORDS];

		/** Per record (and one past the last), where its fields start in the bounds. */
		private final int[] firstFields = new int[BATCH_RECORDS + 1];

		private final int[] recordStarts = new int[BATCH_RECORDS];

		private final int[] recordEnds = new int[BATCH_RECORDS];

		private final long[] lines = new long[BATCH_RECORDS];

		private final boolean[] ascii = new boolean[BATCH_RECORDS];

		private final String[] invalidBytes = new String[BATCH_RECORDS];

		/** Per record, which of the fields asked about are finite decimals, as bits. */
		private final long[] finite = new long[BATCH_RECORDS];

		@Override
		void clear() {
			super.clear();
			this.length = 0;
		}

		/**
		 * Copies the reader's current record and finds which of {@code decimals} are
		 * finite decimals; {@code true} when the batch is full.
		 */
		boolean add(ByteCsvReader record, long decimals) {
			int from = record.recordStart();
			int length = record.recordEnd() - from;
			if (this.length + length > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(2 * this.bytes.length, this.length + length));
			}
			System.arraycopy(record.bytes(), from, this.bytes, this.length, length);
			int shift = this.length - from;
			int first = this.firstFields[this.size];
			int fields = record.size();
			if (first + fields > this.starts.length) {
				int grown = Math.max(2 * this.starts.length, first + fields);
				this.starts = Arrays.copyOf(this.starts, grown);
				this.ends = Arrays.copyOf(this.ends, grown);
			}
			for (int i = 0; i < fields; i++) {
				this.starts[first + i] = record.start(i) + shift;
				this.ends[first + i] = record.end(i) + shift;
			}
			this.firstFields[this.size + 1] = first + fields;
			this.recordStarts[this.size] = this.length;
			this.recordEnds[this.size] = this.length + length;
			this.lines[this.size] = record.line();
			this.ascii[this.size] = record.ascii();
			this.invalidBytes[this.size] = record.invalidBytes();
			long finite = 0;
			for (long left = decimals; left != 0; left &= left - 1) {
				int field = Long.numberOfTrailingZeros(left);
				if (field < fields && DecimalParser.isFiniteDecimal(this.bytes, this.starts[first + field],
						this.ends[first + field])) {
					finite |= 1L << field;
				}
			}
			this.finite[this.size] = finite;
			this.length += length;
			this.size++;
			return this.size == BATCH_RECORDS || this.length >= BATCH_BYTES;
		}

	}

	@Override
	public List<String> header() {
		return this.reader.header();
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
		if (this.batch != null && ++this.at < this.batch.size) {
			this.firstField = this.batch.firstFields[this.at];
			return true;
		}
		this.batch = this.batches.next(this.batch);
		this.at = 0;
		this.firstField = 0;
		return this.batch != null;
	}

	@Override
	public CsvFields fields() {
		return this;
	}

	@Override
	public long line() {
		return this.batch.lines[this.at];
	}

	@Override
	public String invalidBytes() {
		return this.batch.invalidBytes[this.at];
	}

	/**
	 * Stops the scanning thread, if it still runs, and waits for it; then closes the
	 * reader.
	 */
	@Override
	public void close() {
		BatchQueue.stop(this.scanner);
		this.reader.close();
	}

	// the current record's fields

	@Override
	public int size() {
		return this.batch.firstFields[this.at + 1] - this.firstField;
	}

	@Override
	byte[] bytes() {
		return this.batch.bytes;
	}

	@Override
	int start(int field) {
		return this.batch.starts[this.firstField + field];
	}

	@Override
	int end(int field) {
		return this.batch.ends[this.firstField + field];
	}

	@Override
	int recordStart() {
		return this.batch.recordStarts[this.at];
	}

	@Override
	int recordEnd() {
		return this.batch.recordEnds[this.at];
	}

	@Override
	boolean ascii() {
		return this.batch.ascii[this.at];
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Found on the scanning thread for the fields it was given.
	 */
	@Override
	public boolean isFiniteDecimal(int field) {
		if (field < Long.SIZE && (this.decimals & (1L << field)) != 0) {
			return (this.batch.finite[this.at] & (1L << field)) != 0;
		}
		return super.isFiniteDecimal(field);
	}

	@Override
	String decode(int from, int to) {
		return StrictReader.decode(this.decoder, this.batch.bytes, from, to);
	}

}
