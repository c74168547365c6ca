package io.ratchet.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read record by record with Commons CSV, knowing the physical line each
 * record starts on.
 * <p>
 * The start line of a record is one past the number of line breaks the parser had
 * consumed before it, so quoted fields that span lines do not shift the lines reported
 * for later records. To keep that count exact, empty lines are not skipped by the parser
 * but here ({@link #next()} passes over them).
 * <p>
 * Bytes are decoded by a {@link StrictReader}: a byte order mark decides the encoding,
 * and bytes that cannot be decoded are never replaced but marked, so that
 * {@link #invalidBytes()} names the fields that held them. Records are bounded
 * ({@link ImportSettings#maxRecordLength()}, {@link BoundedRecordReader}): a longer one
 * stops the read with an error naming the line it starts on, before it can fill the
 * memory.
 */
final class CsvSource implements RecordSource {

	/**
	 * RFC 4180 with CRLF or LF line endings; empty lines reach us so that the line count
	 * stays exact.
	 */
	static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();

	/**
	 * How Ratchet writes CSV: RFC 4180, minimal quoting, LF line endings (UTF-8 without
	 * BOM is up to the writer).
	 */
	static final CSVFormat WRITE_FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

	private final Path file;

	private final StrictReader decoded;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final List<String> header;

	private CSVRecord record;

	private long line;

	private long linesBefore;

	/**
	 * Undecodable bytes found in records so far; fewer than the reader passed on means a
	 * record may hold some.
	 */
	private long invalidSeen;

	private String invalidBytes;

	private CsvSource(Path file, StrictReader decoded, int maxRecordLength) throws IOException {
		this.file = file;
		this.decoded = decoded;
		this.parser = READ_FORMAT.parse(new BoundedRecordReader(decoded, maxRecordLength));
		this.records = this.parser.iterator();
		CSVRecord first = nextRecord();
		if (first == null) {
			throw new DataFileException(file, 0, "empty file (no header)");
		}
		this.header = first.toList();
		checkHeader(file, this.header, charset());
	}

	/**
	 * Opens a CSV stream and reads its header; the stream is closed with the source.
	 * @param file the file, for messages
	 * @param in its bytes
	 * @param encoding the encoding when the bytes start without a byte order mark
	 * @param maxRecordLength the longest record accepted, in characters
	 */
	static CsvSource open(Path file, InputStream in, Charset encoding, int maxRecordLength) {
		StrictReader reader = null;
		try {
			reader = StrictReader.open(in, encoding);
			return new CsvSource(file, reader, maxRecordLength);
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly((reader != null) ? reader : in, ex);
			if (ex instanceof DataFileException dataFileException) {
				throw dataFileException;
			}
			throw new DataFileException(file, 0, "cannot read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Refuses a header that holds NUL characters (UTF-16 read as something else) or
	 * undecodable bytes.
	 */
	static void checkHeader(Path file, List<String> header, Charset charset) {
		String joined = String.join(",", header);
		if (joined.indexOf('\0') >= 0) {
			throw new DataFileException(file, 1, "the header holds NUL characters: the file is probably UTF-16 "
					+ "without a byte order mark; set encoding (e.g. UTF-16LE) in the dataset file, or convert the file "
					+ "to UTF-8");
		}
		String invalid = StrictReader.invalidBytes(joined);
		if (invalid != null) {
			throw new DataFileException(file, 1,
					"the header holds bytes that are not " + charset + " (" + invalid + "): "
							+ StrictReader.readable(joined) + "; set encoding in the dataset file (e.g. "
							+ "ISO-8859-1) or convert the file to UTF-8");
		}
	}

	/**
	 * The encoding the file is read in (its byte order mark's, or the configured one).
	 */
	Charset charset() {
		return this.decoded.charset();
	}

	@Override
	public List<String> header() {
		return this.header;
	}

	@Override
	public boolean next() {
		CSVRecord next;
		do {
			next = nextRecord();
		}
		while (next != null && next.size() == 1 && next.get(0).isEmpty() && this.header.size() > 1);
		this.record = next;
		this.invalidBytes = null;
		if (next != null && this.decoded.invalidCount() > this.invalidSeen) {
			this.invalidBytes = findInvalidBytes(next);
		}
		return next != null;
	}

	private String findInvalidBytes(CSVRecord record) {
		StringBuilder found = null;
		for (int i = 0; i < record.size(); i++) {
			String bytes = StrictReader.invalidBytes(record.get(i));
			if (bytes != null) {
				this.invalidSeen += bytes.length() / 4; // four characters per byte: \xHH
				found = (found == null) ? new StringBuilder() : found.append(", ");
				found.append(bytes).append(" in column ").append((i < this.header.size()) ? this.header.get(i) : i + 1);
			}
		}
		return (found == null) ? null : invalidBytesReason(charset(), found);
	}

	/**
	 * The reason a record is rejected for its undecodable bytes.
	 * @param found the bytes and their columns ({@code \xFC in column city})
	 */
	static String invalidBytesReason(Charset charset, CharSequence found) {
		return "invalid " + charset + " bytes " + found + " (see encoding in the dataset file)";
	}

	@Override
	public String invalidBytes() {
		return this.invalidBytes;
	}

	/** The current record. */
	CSVRecord record() {
		return this.record;
	}

	@Override
	public CsvFields fields() {
		return CsvFields.of(this.record);
	}

	@Override
	public long line() {
		return this.line;
	}

	Path file() {
		return this.file;
	}

	private CSVRecord nextRecord() {
		this.line = this.linesBefore + 1;
		try {
			if (!this.records.hasNext()) {
				return null;
			}
			CSVRecord next = this.records.next();
			this.linesBefore = this.parser.getCurrentLineNumber();
			return next;
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof BoundedRecordReader.RecordTooLong tooLong) {
				throw new DataFileException(this.file, tooLong.line(), tooLong.getMessage());
			}
			throw new DataFileException(this.file, this.line, "malformed CSV: " + cause.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		try {
			this.parser.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void closeQuietly(Closeable closeable, Exception failure) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

}
