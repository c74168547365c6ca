package io.ratchet.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read record by record with Commons CSV, knowing the physical line each record starts on.
 * <p>
 * The start line of a record is one past the number of line breaks the parser had consumed before it, so quoted fields
 * that span lines do not shift the lines reported for later records. To keep that count exact, empty lines are not
 * skipped by the parser but here ({@link #next()} passes over them). A UTF-8 byte order mark is dropped.
 */
final class CsvSource implements Closeable {

	/** RFC 4180 with CRLF or LF line endings; empty lines reach us so that the line count stays exact. */
	static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();

	/** How Ratchet writes CSV: RFC 4180, minimal quoting, LF line endings (UTF-8 without BOM is up to the writer). */
	static final CSVFormat WRITE_FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

	private static final char BOM = '\uFEFF';

	private final Path file;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final List<String> header;

	private CSVRecord record;

	private long line;

	private long linesBefore;

	private CsvSource(Path file, Reader reader) throws IOException {
		this.file = file;
		this.parser = READ_FORMAT.parse(reader);
		this.records = this.parser.iterator();
		CSVRecord first = nextRecord();
		if (first == null) {
			throw new DataFileException(file, 0, "empty file (no header)");
		}
		this.header = first.toList();
	}

	/** Opens a UTF-8 CSV stream and reads its header; the stream is closed with the source. */
	static CsvSource open(Path file, InputStream in) {
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
		try {
			reader.mark(1);
			if (reader.read() != BOM) {
				reader.reset();
			}
			return new CsvSource(file, reader);
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(reader, ex);
			if (ex instanceof DataFileException dataFileException) {
				throw dataFileException;
			}
			throw new DataFileException(file, 0, "cannot read: " + ex.getMessage(), ex);
		}
	}

	/** The header's column names, in file order. */
	List<String> header() {
		return this.header;
	}

	/** Moves to the next non-blank record; {@code false} at the end of the file. */
	boolean next() {
		CSVRecord next;
		do {
			next = nextRecord();
		}
		while (next != null && next.size() == 1 && next.get(0).isEmpty() && this.header.size() > 1);
		this.record = next;
		return next != null;
	}

	/** The current record. */
	CSVRecord record() {
		return this.record;
	}

	/** The physical line the current record starts on (1 is the header). */
	long line() {
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
