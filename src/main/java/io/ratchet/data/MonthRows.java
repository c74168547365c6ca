package io.ratchet.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The rows of the month being merged ({@link MonthMerge}), kept on disk in a file of the
 * spool folder rather than in memory: the month file's rows in file order, then the new
 * incoming rows in the order they came, which is the order of rows of the same date in
 * the merged month.
 * <p>
 * In memory: the offset of each row's current version, 8 bytes a row. A row replaced (a
 * label that arrived later) keeps its place: its new version is appended to the file and
 * its offset moved to it. A record is a kind (row or replacement), the source line, the
 * epoch day, the lengths of the id and the text, then their UTF-8 bytes. {@link #get}
 * reads one row with one positioned read (flushing the write buffer first when the row is
 * still in it); {@link #forEach} reads them all in order, sequentially.
 */
final class MonthRows implements AutoCloseable {

	private static final byte ROW = 0;

	private static final byte REPLACEMENT = 1;

	/** Kind, line, epoch day, id length (-1: none), text length. */
	private static final int HEAD = 1 + 8 + 8 + 4 + 4;

	private final Path file;

	private final FileChannel channel;

	/**
	 * Records not yet written to the file (one put per field, not a synchronized
	 * {@code BufferedOutputStream} call each).
	 */
	private final ByteBuffer pending = ByteBuffer.allocate(1 << 16);

	private long written;

	private long flushed;

	private long[] offsets = new long[256];

	private int size;

	private long lastDay = Long.MIN_VALUE;

	private boolean inDateOrder = true;

	private ByteBuffer buffer = ByteBuffer.allocate(4096);

	private int cachedRow = -1;

	private MonthSpool.Spooled cached;

	/** Creates (or empties) the file. */
	MonthRows(Path file) throws IOException {
		this.file = file;
		this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
				StandardOpenOption.READ, StandardOpenOption.WRITE);
	}

	/** Appends a row; returns its number. */
	int add(MonthSpool.Spooled row) throws IOException {
		if (this.size == this.offsets.length) {
			this.offsets = Arrays.copyOf(this.offsets, 2 * this.size);
		}
		this.offsets[this.size] = append(ROW, row);
		long day = row.day();
		this.inDateOrder &= day >= this.lastDay;
		this.lastDay = Math.max(day, this.lastDay);
		return this.size++;
	}

	/** Replaces a row by a new version of it, which keeps its place. */
	void replace(int row, MonthSpool.Spooled version) throws IOException {
		this.offsets[row] = append(REPLACEMENT, version);
		if (this.cachedRow == row) {
			this.cachedRow = -1;
		}
	}

	private long append(byte kind, MonthSpool.Spooled row) throws IOException {
		long offset = this.written;
		byte[] id = (row.id() != null) ? row.id().getBytes(StandardCharsets.UTF_8) : null;
		byte[] text = row.text();
		int length = HEAD + ((id != null) ? id.length : 0) + text.length;
		if (length > this.pending.remaining()) {
			flush();
		}
		ByteBuffer record = (length <= this.pending.capacity()) ? this.pending : ByteBuffer.allocate(length);
		record.put(kind).putLong(row.line()).putLong(row.day()).putInt((id != null) ? id.length : -1);
		record.putInt(text.length);
		if (id != null) {
			record.put(id);
		}
		record.put(text);
		if (record != this.pending) {
			writeFully(record.flip());
		}
		this.written += length;
		return offset;
	}

	/** Writes the pending records to the file. */
	private void flush() throws IOException {
		writeFully(this.pending.flip());
		this.pending.clear();
		this.flushed = this.written;
	}

	private void writeFully(ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			this.channel.write(bytes);
		}
	}

	/** Rows added. */
	int size() {
		return this.size;
	}

	/** Whether the rows were added in date order (so need no sorting). */
	boolean inDateOrder() {
		return this.inDateOrder;
	}

	/** The current version of a row. */
	MonthSpool.Spooled get(int row) throws IOException {
		if (row != this.cachedRow) {
			this.cached = read(this.offsets[row]);
			this.cachedRow = row;
		}
		return this.cached;
	}

	private MonthSpool.Spooled read(long offset) throws IOException {
		ByteBuffer bytes = load(offset, HEAD);
		bytes.get();
		long line = bytes.getLong();
		long day = bytes.getLong();
		int idLength = bytes.getInt();
		int textLength = bytes.getInt();
		int length = HEAD + Math.max(idLength, 0) + textLength;
		if (bytes.limit() < length) {
			bytes = load(offset, length);
			bytes.position(HEAD);
		}
		String id = null;
		if (idLength >= 0) {
			id = new String(bytes.array(), bytes.position(), idLength, StandardCharsets.UTF_8);
			bytes.position(bytes.position() + idLength);
		}
		byte[] text = new byte[textLength];
		bytes.get(text);
		return new MonthSpool.Spooled(line, day, id, text);
	}

	/**
	 * At least {@code length} bytes from {@code offset} (more when they are at hand), in
	 * {@link #buffer} from its start.
	 */
	private ByteBuffer load(long offset, int length) throws IOException {
		if (offset + length > this.flushed) {
			flush();
		}
		if (this.buffer.capacity() < length) {
			this.buffer = ByteBuffer.allocate(Integer.highestOneBit(length) << 1);
		}
		this.buffer.clear().limit((int) Math.min(this.buffer.capacity(), this.flushed - offset));
		while (this.buffer.position() < length) {
			if (this.channel.read(this.buffer, offset + this.buffer.position()) < 0) {
				throw new EOFException("cannot read " + this.file + " at " + offset);
			}
		}
		return this.buffer.flip();
	}

	/** Receives the rows of the month in order, as the text a month file holds. */
	@FunctionalInterface
	interface Texts {

		/**
		 * @param day the row's date as a day number
		 * ({@link java.time.LocalDate#toEpochDay()})
		 * @param text holds its text in UTF-8, valid only during the call
		 * @param from where the text starts in {@code text}
		 * @param length the length of the text
		 */
		void accept(long day, byte[] text, int from, int length) throws IOException;

	}

	/**
	 * Hands every row in order, in its current version, read sequentially, as UTF-8 bytes
	 * (never decoded: they are written as they are), each where it lies in the read
	 * buffer ({@link SequentialRecords}).
	 */
	void forEach(Texts rows) throws IOException {
		flush();
		try (SequentialRecords in = new SequentialRecords(this.file)) {
			long offset = 0;
			int row = 0;
			while (row < this.size && in.next(HEAD)) {
				ByteBuffer bytes = in.bytes();
				int start = bytes.position();
				byte kind = bytes.get(start);
				// the source line (8 bytes after the kind) is not needed here
				long day = bytes.getLong(start + 9);
				int idLength = Math.max(bytes.getInt(start + 17), 0);
				int textLength = bytes.getInt(start + 21);
				int length = HEAD + idLength + textLength;
				in.need(length);
				bytes = in.bytes();
				start = bytes.position();
				if (kind == ROW && this.offsets[row] == offset) {
					rows.accept(day, bytes.array(), start + HEAD + idLength, textLength);
				}
				else if (kind == ROW) {
					MonthSpool.Spooled current = get(row);
					rows.accept(current.day(), current.text(), 0, current.text().length);
				}
				in.skip(length);
				if (kind == ROW) {
					row++;
				}
				offset += length;
			}
			if (row < this.size) {
				throw new EOFException("cannot read " + this.file + ": " + (this.size - row) + " rows are missing");
			}
		}
	}

	/**
	 * Closes and deletes the file. Never fails: the rows are no longer needed, and what
	 * is left is removed with the spool folder.
	 */
	@Override
	public void close() {
		try {
			this.channel.close();
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			// removed with the spool folder
		}
	}

}
