package io.ratchet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a UTF-8 CSV file record by record straight from its bytes: the month files
 * Ratchet writes and reads (RFC 4180: fields separated by commas, records by CR LF, LF or
 * CR, a field that starts with a quote runs to its closing quote, {@code ""} within it
 * being a quote).
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
 * this finds field boundaries on bytes in a 1 MiB buffer and answers {@link RowParser}'s
 * questions (empty? equal to a token? a number?) from the bytes, so a row costs one
 * {@code String} per categorical or id field at most (short ones are taken from a small
 * cache). Each record is found whole in the buffer; a record that crosses its end is
 * found again after the buffer is refilled (grown when the record is longer than the
 * buffer, never past the bound).
 * <p>
 * A file that starts with a UTF-16 byte order mark is handed to {@link CsvSource}
 * ({@link #open}), which reads it as UTF-16.
 */
final class ByteCsvReader implements RecordSource, CsvFields {

	private static final int BUFFER = 1 << 20;

	private static final int NEED_MORE = -1;

	private static final int END = 0;

	private static final int RECORD = 1;

	/** Fields up to this many bytes are looked up in {@link #cache}. */
	private static final int CACHED_LENGTH = 32;

	private final Path file;

	private final InputStream in;

	private final int bound;

	/** UTF-8, or US-ASCII when so configured and the file has no byte order mark. */
	private final Charset charset;

	private final CharsetDecoder decoder;

	/** Recent short texts by a hash of their bytes (levels repeat from row to row). */
	private final String[] cache = new String[1024];

	private byte[] buffer = new byte[BUFFER];

	/** The first byte not yet part of a record handed out. */
	private int position;

	private int limit;

	private boolean endOfInput;

	/** The last record ended with CR: a LF right after it belongs to that line break. */
	private boolean afterCarriageReturn;

	/** Where the current record's bytes start and end (without its line break). */
	private int recordStart;

	private int recordEnd;

	/** Line breaks before {@link #position}. */
	private long linesBefore;

	private long line;

	private int[] starts = new int[32];

	private int[] ends = new int[32];

	/** Per field, whether it is quoted and holds {@code ""}. */
	private boolean[] doubled = new boolean[32];

	private int size;

	/** Whether the current record is all ASCII (then a byte is a character). */
	private boolean ascii;

	private String invalidBytes;

	private final List<String> header;

	private ByteCsvReader(Path file, InputStream in, Charset encoding, int bound) throws IOException {
		this.file = file;
		this.in = in;
		this.bound = bound;
		while (this.limit < 3 && !this.endOfInput) {
			fill();
		}
		boolean utf8Mark = this.limit >= 3 && this.buffer[0] == (byte) 0xEF && this.buffer[1] == (byte) 0xBB
				&& this.buffer[2] == (byte) 0xBF;
		if (utf8Mark) {
			this.position = 3;
		}
		this.charset = utf8Mark ? StandardCharsets.UTF_8 : encoding;
		this.decoder = this.charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		if (!nextRecord()) {
			throw new DataFileException(file, 0, "empty file (no header)");
		}
		this.header = List.of(values());
		CsvSource.checkHeader(file, this.header, this.charset);
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
				found = nextRecord();
			}
			while (found && this.size == 1 && this.starts[0] == this.ends[0] && this.header.size() > 1);
			this.invalidBytes = (found && !this.ascii) ? findInvalidBytes() : null;
			return found;
		}
		catch (IOException ex) {
			throw new DataFileException(this.file, this.linesBefore + 1, "cannot read: " + ex.getMessage(), ex);
		}
	}

	@Override
	public CsvFields fields() {
		return this;
	}

	@Override
	public long line() {
		return this.line;
	}

	@Override
	public String invalidBytes() {
		return this.invalidBytes;
	}

	@Override
	public void close() {
		try {
			this.in.close();
		}
		catch (IOException ex) {
			throw new DataFileException(this.file, 0, "cannot close: " + ex.getMessage(), ex);
		}
	}

	// the current record's fields

	@Override
	public int size() {
		return this.size;
	}

	@Override
	public String get(int field) {
		int from = this.starts[field];
		int to = this.ends[field];
		if (!this.ascii) {
			return StrictReader.decode(this.decoder, this.buffer, from, to);
		}
		if (to - from > CACHED_LENGTH) {
			return new String(this.buffer, from, to - from, StandardCharsets.ISO_8859_1);
		}
		int hash = 0;
		for (int i = from; i < to; i++) {
			hash = 31 * hash + this.buffer[i];
		}
		int slot = (hash ^ (hash >>> 10)) & (this.cache.length - 1);
		String cached = this.cache[slot];
		if (cached == null || !sameAscii(from, to, cached)) {
			cached = new String(this.buffer, from, to - from, StandardCharsets.ISO_8859_1);
			this.cache[slot] = cached;
		}
		return cached;
	}

	@Override
	public String[] values() {
		String[] values = new String[this.size];
		for (int i = 0; i < values.length; i++) {
			values[i] = get(i);
		}
		return values;
	}

	@Override
	public boolean isEmpty(int field) {
		return this.starts[field] == this.ends[field];
	}

	@Override
	public boolean is(int field, String text) {
		if (text == null) {
			return false;
		}
		return this.ascii ? sameAscii(this.starts[field], this.ends[field], text) : get(field).equals(text);
	}

	@Override
	public double decimal(int field) {
		return DecimalParser.parse(this.buffer, this.starts[field], this.ends[field]);
	}

	@Override
	public LocalDate date(int field, RowParser.DateParser dates) {
		return this.ascii ? dates.parse(this.buffer, this.starts[field], this.ends[field])
				: CsvFields.super.date(field, dates);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The record's own bytes when they are that already (the columns in the same order,
	 * nothing quoted or to quote): one copy, no {@code String}.
	 */
	@Override
	public byte[] line(int[] order) {
		if (writtenAsIs(order)) {
			return Arrays.copyOfRange(this.buffer, this.recordStart, this.recordEnd);
		}
		return CsvFields.super.line(order);
	}

	/**
	 * Whether {@link CsvLine#format} of the fields in this order gives the record's
	 * bytes: every field in its place, no quote anywhere, no field that {@code CsvLine}
	 * quotes (the first one empty, one that starts with a character up to {@code #} or
	 * ends with one up to a space). The bytes are valid in the encoding (a record with
	 * undecodable bytes is rejected before), so they are the field's UTF-8.
	 */
	private boolean writtenAsIs(int[] order) {
		if (order.length != this.size || this.starts[0] == this.ends[0]) {
			return false;
		}
		for (int field = 0; field < order.length; field++) {
			int from = this.starts[field];
			int to = this.ends[field];
			if (order[field] != field
					|| (from < to && ((this.buffer[from] & 0xFF) <= '#' || (this.buffer[to - 1] & 0xFF) <= ' '))) {
				return false;
			}
		}
		for (int i = this.recordStart; i < this.recordEnd; i++) {
			if (this.buffer[i] == '"') {
				return false;
			}
		}
		return true;
	}

	/** Whether the ASCII bytes {@code [from, to)} spell {@code text}. */
	private boolean sameAscii(int from, int to, String text) {
		if (to - from != text.length()) {
			return false;
		}
		for (int i = from; i < to; i++) {
			if (this.buffer[i] != text.charAt(i - from)) {
				return false;
			}
		}
		return true;
	}

	private String findInvalidBytes() {
		StringBuilder found = null;
		for (int i = 0; i < this.size; i++) {
			String bytes = StrictReader.invalidBytes(get(i));
			if (bytes != null) {
				found = (found == null) ? new StringBuilder() : found.append(", ");
				found.append(bytes).append(" in column ").append((i < this.header.size()) ? this.header.get(i) : i + 1);
			}
		}
		return (found == null) ? null : CsvSource.invalidBytesReason(this.charset, found);
	}

	// finding records

	/** Finds the next record, blank or not; {@code false} at the end of the input. */
	private boolean nextRecord() throws IOException {
		while (true) {
			int found = scan();
			if (found == RECORD) {
				return true;
			}
			if (found == END) {
				return false;
			}
			checkBound(this.limit, false, false);
			fill();
		}
	}

	/**
	 * Finds the record at {@link #position}: {@link #RECORD} (then the fields, the line
	 * and the position are those of it and past it), {@link #END}, or {@link #NEED_MORE}
	 * when the buffer ends before the record does (nothing changed).
	 */
	private int scan() {
		byte[] bytes = this.buffer;
		int limit = this.limit;
		if (this.afterCarriageReturn) {
			if (this.position == limit) {
				return this.endOfInput ? END : NEED_MORE;
			}
			if (bytes[this.position] == '\n') {
				this.position++;
			}
			this.afterCarriageReturn = false;
		}
		int p = this.position;
		if (p == limit) {
			return this.endOfInput ? END : NEED_MORE;
		}
		long lines = 0;
		int high = 0;
		int fields = 0;
		boolean anyDoubled = false;
		boolean doubled = false;
		boolean carriageReturn = false;
		int terminator = 0;
		while (true) {
			int from;
			int to;
			if (p < limit && bytes[p] == '"') {
				from = ++p;
				while (true) {
					if (p == limit) {
						if (!this.endOfInput) {
							return NEED_MORE;
						}
						throw malformed("the end of the file came within a quoted field (a quote without its end?)");
					}
					byte c = bytes[p++];
					high |= c;
					if (c == '"') {
						if (p == limit && !this.endOfInput) {
							return NEED_MORE;
						}
						if (p < limit && bytes[p] == '"') {
							p++;
							doubled = true;
							continue;
						}
						break;
					}
					if (c == '\r' || (c == '\n' && bytes[p - 2] != '\r')) {
						lines++;
					}
				}
				to = p - 1;
				while (p < limit && bytes[p] != ',' && bytes[p] != '\n' && bytes[p] != '\r') {
					if (!isWhitespace(bytes[p])) {
						throw malformed("invalid character '" + (char) (bytes[p] & 0xFF)
								+ "' between a quoted field's closing quote and the next comma");
					}
					p++;
				}
				if (p == limit && !this.endOfInput) {
					return NEED_MORE;
				}
			}
			else {
				from = p;
				while (p < limit) {
					byte c = bytes[p];
					if (c == ',' || c == '\n' || c == '\r') {
						break;
					}
					high |= c;
					p++;
				}
				if (p == limit && !this.endOfInput) {
					return NEED_MORE;
				}
				to = p;
			}
			addField(fields++, from, to, doubled);
			anyDoubled |= doubled;
			doubled = false;
			if (p == limit) {
				break;
			}
			byte c = bytes[p++];
			if (c != ',') {
				lines++;
				carriageReturn = c == '\r';
				terminator = 1;
				break;
			}
		}
		checkBound(p - terminator, true, high >= 0);
		this.recordStart = this.position;
		this.recordEnd = p - terminator;
		this.size = fields;
		this.ascii = high >= 0;
		this.line = this.linesBefore + 1;
		this.linesBefore += lines;
		this.position = p;
		this.afterCarriageReturn = carriageReturn;
		if (anyDoubled) {
			undouble();
		}
		return RECORD;
	}

	private void addField(int field, int from, int to, boolean doubled) {
		if (field == this.starts.length) {
			this.starts = Arrays.copyOf(this.starts, 2 * field);
			this.ends = Arrays.copyOf(this.ends, 2 * field);
			this.doubled = Arrays.copyOf(this.doubled, 2 * field);
		}
		this.starts[field] = from;
		this.ends[field] = to;
		this.doubled[field] = doubled;
	}

	/** Turns each {@code ""} into {@code "} in place, in the fields that hold one. */
	private void undouble() {
		for (int field = 0; field < this.size; field++) {
			if (!this.doubled[field]) {
				continue;
			}
			int write = this.starts[field];
			for (int read = write; read < this.ends[field]; read++) {
				this.buffer[write++] = this.buffer[read];
				if (this.buffer[read] == '"') {
					read++;
				}
			}
			this.ends[field] = write;
		}
	}

	/** As {@link Character#isWhitespace} for the ASCII characters. */
	private static boolean isWhitespace(byte c) {
		return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
	}

	/**
	 * Refuses the record from {@link #position} to {@code end} when it has more
	 * characters than the bound, counted as {@link BoundedRecordReader} counts them: the
	 * characters of its decoding by {@link StrictReader} (a character of four bytes is
	 * two, an undecodable byte three). Only a record of more bytes than the bound is
	 * decoded.
	 * @param end the end of the record, or of the bytes read so far of an unfinished one
	 * (then its last character, which may still lack bytes, is left out)
	 * @param ascii whether the bytes are known to be ASCII (one character each)
	 */
	private void checkBound(int end, boolean finished, boolean ascii) {
		int last = end;
		if (!finished) {
			// leave out the last character, which may lack bytes still to be read
			last--;
			for (int i = 0; i < 3 && last > this.position && (this.buffer[last] & 0xC0) == 0x80; i++) {
				last--;
			}
		}
		long bytes = last - this.position;
		if ((ascii ? bytes : 3 * bytes) <= this.bound) {
			return;
		}
		if (StrictReader.decode(this.decoder, this.buffer, this.position, last).length() > this.bound) {
			throw new DataFileException(this.file, this.linesBefore + 1,
					BoundedRecordReader.RecordTooLong.message(this.bound));
		}
	}

	private DataFileException malformed(String cause) {
		return new DataFileException(this.file, this.linesBefore + 1, "malformed CSV: " + cause);
	}

	/**
	 * Reads more bytes after those not yet handed out, moving them to the start of the
	 * buffer, and growing it when they fill it.
	 */
	private void fill() throws IOException {
		if (this.position > 0) {
			System.arraycopy(this.buffer, this.position, this.buffer, 0, this.limit - this.position);
			this.limit -= this.position;
			this.position = 0;
		}
		if (this.limit == this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, 2 * this.buffer.length);
		}
		int n = this.in.read(this.buffer, this.limit, this.buffer.length - this.limit);
		if (n < 0) {
			this.endOfInput = true;
		}
		else {
			this.limit += n;
		}
	}

}
