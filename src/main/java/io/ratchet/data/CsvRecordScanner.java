package io.ratchet.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The record finder of a {@link ByteCsvReader}: reads the bytes in a 1 MiB buffer and
 * finds each record's fields in it (RFC 4180: fields separated by commas, records by CR
 * LF, LF or CR, a field that starts with a quote runs to its closing quote, {@code ""}
 * within it being a quote, which is turned into one quote in place), with the line it
 * starts on, whether it is all ASCII, and where its bytes are. A record is found whole in
 * the buffer; one that crosses its end is found again after the buffer is refilled (grown
 * when the record is longer than the buffer, never past the bound). A record longer than
 * the bound and malformed CSV are refused with the line the record starts on. The fields
 * stay valid until the next call of {@link #next()}.
 */
final class CsvRecordScanner {

	private static final int BUFFER = 1 << 20;

	private static final int NEED_MORE = -1;

	private static final int END = 0;

	private static final int RECORD = 1;

	private final Path file;

	private final InputStream in;

	private final int bound;

	/** UTF-8, or US-ASCII when so configured and the file has no byte order mark. */
	private final Charset charset;

	private final CharsetDecoder decoder;

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

	/**
	 * Reads the first bytes: a UTF-8 byte order mark is dropped and decides the encoding.
	 * @param encoding the encoding without a byte order mark: UTF-8 or US-ASCII
	 * @param bound the longest record, in characters
	 */
	CsvRecordScanner(Path file, InputStream in, Charset encoding, int bound) throws IOException {
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
	}

	/** The encoding the bytes are in. */
	Charset charset() {
		return this.charset;
	}

	/**
	 * The buffer the current record's bytes are in (it may change at {@link #next()}).
	 */
	byte[] bytes() {
		return this.buffer;
	}

	/** How many fields the current record has. */
	int size() {
		return this.size;
	}

	/** Where a field's bytes start in {@link #bytes()}. */
	int start(int field) {
		return this.starts[field];
	}

	/** Where a field's bytes end in {@link #bytes()}. */
	int end(int field) {
		return this.ends[field];
	}

	/** Where the current record's bytes start in {@link #bytes()}. */
	int recordStart() {
		return this.recordStart;
	}

	/** Where the current record's bytes end, without its line break. */
	int recordEnd() {
		return this.recordEnd;
	}

	/** Whether the current record is all ASCII (then a byte is a character). */
	boolean ascii() {
		return this.ascii;
	}

	/** The physical line the current record starts on. */
	long line() {
		return this.line;
	}

	/** The line the next record starts on (where a read error is). */
	long nextLine() {
		return this.linesBefore + 1;
	}

	/**
	 * {@link StrictReader#decode} of {@code bytes()[from, to)}: each undecodable byte as
	 * {@link StrictReader#INVALID} and its two hex digits.
	 */
	String decode(int from, int to) {
		return StrictReader.decode(this.decoder, this.buffer, from, to);
	}

	void close() throws IOException {
		this.in.close();
	}

	/** Finds the next record, blank or not; {@code false} at the end of the input. */
	boolean next() throws IOException {
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
		if (decode(this.position, last).length() > this.bound) {
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
