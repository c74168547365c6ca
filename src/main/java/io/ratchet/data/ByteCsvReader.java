package io.ratchet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a UTF-8 (or US-ASCII) CSV file record by record straight from its bytes: the
 * month files Ratchet writes and reads, and imported files in those encodings (RFC 4180:
 * fields separated by commas, records by CR LF, LF or CR, a field that starts with a
 * quote runs to its closing quote, {@code ""} within it being a quote).
 * <p>
 * It gives what {@link CsvSource} (Commons CSV over a {@link StrictReader} and a
 * {@link BoundedRecordReader}) gives for such a file, record for record: the same fields,
 * the same start lines (CR LF, LF and CR each end a line, also within quoted fields),
 * blank lines passed over, a UTF-8 byte order mark dropped, undecodable bytes named
 * ({@link StrictReader#INVALID} markers in {@link #values()}), a record longer than the
 * bound and malformed CSV (a character after a closing quote other than white space, a
 * comma or a line break; a quoted field without its end) refused with the line the record
 * starts on. A test compares the two on random files.
 * <p>
 * Why: Commons CSV makes a {@code String} of every field after decoding every character;
 * this finds field boundaries on bytes in a 1 MiB buffer ({@link CsvRecordScanner}) and
 * answers {@link RowParser}'s questions (empty? equal to a token? a number? a date?) from
 * the bytes, so a row costs one {@code String} per categorical or id field at most (short
 * ones are taken from a small cache), and gives a record back as the bytes it came as
 * when a month file would hold those ({@link #line}).
 * <p>
 * A file that starts with a UTF-16 byte order mark is handed to {@link CsvSource}
 * ({@link #open}), which reads it as UTF-16.
 */
final class ByteCsvReader extends ByteFields implements RecordSource {

	private final Path file;

	private final CsvRecordScanner records;

	private String invalidBytes;

	private final List<String> header;

	private ByteCsvReader(Path file, InputStream in, Charset encoding, int bound) throws IOException {
		this.file = file;
		this.records = new CsvRecordScanner(file, in, encoding, bound);
		if (!this.records.next()) {
			throw new DataFileException(file, 0, "empty file (no header)");
		}
		this.header = List.of(values());
		CsvSource.checkHeader(file, this.header, this.records.charset());
	}

	/** Whether {@link #open} reads an encoding from the bytes: UTF-8 and US-ASCII. */
	static boolean reads(Charset encoding) {
		return encoding.equals(StandardCharsets.UTF_8) || encoding.equals(StandardCharsets.US_ASCII);
	}

	/**
	 * Opens a CSV stream of UTF-8 and reads its header: a {@link ByteCsvReader}, or a
	 * {@link CsvSource} when the stream starts with a UTF-16 byte order mark. The stream
	 * is closed with the source.
	 * @param file the file, for messages
	 * @param in its bytes
	 * @param maxRecordLength the longest record accepted, in characters
	 * @throws DataFileException when the file is empty, its header holds undecodable
	 * bytes or it cannot be read
	 */
	static RecordSource open(Path file, InputStream in, int maxRecordLength) {
		return open(file, in, StandardCharsets.UTF_8, maxRecordLength);
	}

	/**
	 * {@link #open(Path, InputStream, int)} for a stream in {@code encoding} (UTF-8 or
	 * US-ASCII, {@link #reads}) when it starts without a byte order mark: in US-ASCII,
	 * every byte above 127 is undecodable.
	 */
	static RecordSource open(Path file, InputStream in, Charset encoding, int maxRecordLength) {
		if (!reads(encoding)) {
			throw new IllegalArgumentException("not read from bytes: " + encoding);
		}
		try {
			// not a SequenceInputStream: it closes the stream at its end, which the
			// caller may
			// still read (to hash what follows the last record)
			PushbackInputStream whole = new PushbackInputStream(in, 2);
			byte[] start = whole.readNBytes(2);
			boolean utf16 = start.length == 2 && ((start[0] == (byte) 0xFE && start[1] == (byte) 0xFF)
					|| (start[0] == (byte) 0xFF && start[1] == (byte) 0xFE));
			whole.unread(start);
			if (utf16) {
				return CsvSource.open(file, whole, StandardCharsets.UTF_8, maxRecordLength);
			}
			return new ByteCsvReader(file, whole, encoding, maxRecordLength);
		}
		catch (IOException | RuntimeException ex) {
			try {
				in.close();
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			if (ex instanceof DataFileException dataFileException) {
				throw dataFileException;
			}
			throw new DataFileException(file, 0, "cannot read: " + ex.getMessage(), ex);
		}
	}

	@Override
	public List<String> header() {
		return this.header;
	}

	@Override
	public boolean next() {
		try {
			boolean found;
			do {
				found = this.records.next();
			}
			while (found && this.records.size() == 1 && isEmpty(0) && this.header.size() > 1);
			this.invalidBytes = (found && !this.records.ascii()) ? findInvalidBytes() : null;
			return found;
		}
		catch (IOException ex) {
			throw new DataFileException(this.file, this.records.nextLine(), "cannot read: " + ex.getMessage(), ex);
		}
	}

	@Override
	public CsvFields fields() {
		return this;
	}

	@Override
	public long line() {
		return this.records.line();
	}

	@Override
	public String invalidBytes() {
		return this.invalidBytes;
	}

	@Override
	public void close() {
		try {
			this.records.close();
		}
		catch (IOException ex) {
			throw new DataFileException(this.file, 0, "cannot close: " + ex.getMessage(), ex);
		}
	}

	// the current record's fields

	@Override
	public int size() {
		return this.records.size();
	}

	@Override
	byte[] bytes() {
		return this.records.bytes();
	}

	@Override
	int start(int field) {
		return this.records.start(field);
	}

	@Override
	int end(int field) {
		return this.records.end(field);
	}

	@Override
	int recordStart() {
		return this.records.recordStart();
	}

	@Override
	int recordEnd() {
		return this.records.recordEnd();
	}

	@Override
	boolean ascii() {
		return this.records.ascii();
	}

	@Override
	String decode(int from, int to) {
		return this.records.decode(from, to);
	}

	/** The encoding the bytes are in. */
	Charset charset() {
		return this.records.charset();
	}

	private String findInvalidBytes() {
		StringBuilder found = null;
		for (int i = 0; i < this.records.size(); i++) {
			String bytes = StrictReader.invalidBytes(get(i));
			if (bytes != null) {
				found = (found == null) ? new StringBuilder() : found.append(", ");
				found.append(bytes).append(" in column ").append((i < this.header.size()) ? this.header.get(i) : i + 1);
			}
		}
		return (found == null) ? null : CsvSource.invalidBytesReason(this.records.charset(), found);
	}

}
