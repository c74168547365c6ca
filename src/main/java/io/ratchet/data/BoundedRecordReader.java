package io.ratchet.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;

/**
 * Passes characters through while following the CSV syntax (RFC 4180: fields separated by
 * commas, records by line breaks, a field that starts with a quote runs to its closing
 * quote, {@code ""} within it being a quote), and fails as soon as one record is longer
 * than a bound.
 * <p>
 * Commons CSV collects a field without any limit, so a field without an end (a stray
 * quote, a file that is not CSV, gigabytes without a line break) would fill the memory
 * before any error. This reader stops it after {@code bound} characters of one record,
 * with the line the record starts on. It counts the characters it hands out itself, not
 * those the parser has consumed, so it is exact whatever the parser reads ahead. Line
 * breaks are counted as Commons CSV counts them (CR LF, LF and CR each end a line).
 */
final class BoundedRecordReader extends FilterReader {

	private static final int FIELD_START = 0;

	private static final int UNQUOTED = 1;

	private static final int QUOTED = 2;

	/** A quote seen in a quoted field: its end, or the first half of {@code ""}. */
	private static final int QUOTE_IN_QUOTED = 3;

	private final int bound;

	private int state = FIELD_START;

	private long length;

	private long line = 1;

	private long recordLine = 1;

	private boolean afterCarriageReturn;

	BoundedRecordReader(Reader in, int bound) {
		super(in);
		this.bound = bound;
	}

	@Override
	public int read() throws IOException {
		int c = super.read();
		if (c >= 0) {
			follow((char) c);
		}
		return c;
	}

	@Override
	public int read(char[] target, int offset, int length) throws IOException {
		int n = super.read(target, offset, length);
		int end = offset + n;
		int i = offset;
		while (i < end) {
			i = skipPlain(target, i, end);
			if (i < end) {
				follow(target[i++]);
			}
		}
		return n;
	}

	/**
	 * Passes over unquoted fields and the commas between them, which change nothing but
	 * the length and whether a field has started (the common case, in a tight loop):
	 * returns the position of the first character that {@link #follow} must see (a quote
	 * or a line break), or {@code end}.
	 */
	private int skipPlain(char[] chars, int from, int end) throws RecordTooLong {
		if (this.state != UNQUOTED && this.state != FIELD_START) {
			return from;
		}
		int state = this.state;
		int i = from;
		while (i < end) {
			char c = chars[i];
			if (c == ',') {
				state = FIELD_START;
			}
			else if (c == '"') {
				if (state == FIELD_START) {
					break;
				}
			}
			else if (c == '\n' || c == '\r') {
				break;
			}
			else {
				state = UNQUOTED;
			}
			i++;
		}
		if (i > from) {
			this.state = state;
			this.afterCarriageReturn = false;
			this.length += i - from;
			if (this.length > this.bound) {
				throw new RecordTooLong(this.bound, this.recordLine);
			}
		}
		return i;
	}

	@Override
	public long skip(long n) throws IOException {
		throw new IOException("skip is not supported");
	}

	private void follow(char c) throws RecordTooLong {
		if (c == '\n' || c == '\r') {
			if (c == '\r' || !this.afterCarriageReturn) {
				this.line++;
			}
			this.afterCarriageReturn = c == '\r';
			if (this.state != QUOTED) {
				this.state = FIELD_START;
				this.length = 0;
				this.recordLine = this.line;
				return;
			}
		}
		else {
			this.afterCarriageReturn = false;
			this.state = switch (this.state) {
				case FIELD_START -> (c == '"') ? QUOTED : (c == ',') ? FIELD_START : UNQUOTED;
				case UNQUOTED -> (c == ',') ? FIELD_START : UNQUOTED;
				case QUOTED -> (c == '"') ? QUOTE_IN_QUOTED : QUOTED;
				default -> (c == '"') ? QUOTED : (c == ',') ? FIELD_START : UNQUOTED;
			};
		}
		if (++this.length > this.bound) {
			throw new RecordTooLong(this.bound, this.recordLine);
		}
	}

	/** A record longer than the bound. */
	static final class RecordTooLong extends IOException {

		private final long line;

		RecordTooLong(int bound, long line) {
			super(message(bound));
			this.line = line;
		}

		/** What is wrong with a record longer than {@code bound} characters. */
		static String message(int bound) {
			return String.format(Locale.ROOT, "record longer than %,d characters (a field without an end, or a file "
					+ "that is not CSV?); if it is real, raise max-record-length in the dataset file", bound);
		}

		/** The line the record starts on. */
		long line() {
			return this.line;
		}

	}

}
