package io.ratchet.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.function.Consumer;

/**
 * Reads the month files of one dataset into validated {@link Row}s. One instance per
 * dataset; it holds no per-file state, so it can be reused and shared between threads
 * (each {@link #read} call has its own).
 */
public final class MonthFileReader {

	private final RowParser parser;

	private final int maxRecordLength;

	/** A reader for the files of this dataset. */
	public MonthFileReader(DatasetConfig dataset) {
		this(new RowParser(dataset), dataset.importSettings().maxRecordLength());
	}

	private MonthFileReader(RowParser parser, int maxRecordLength) {
		this.parser = parser;
		this.maxRecordLength = maxRecordLength;
	}

	/**
	 * A reader of files to score rather than months of history: validated the same way,
	 * but a file may lack the label column (its rows are then unlabelled) and the logged
	 * score columns (their scores are then missing).
	 */
	public static MonthFileReader toScore(DatasetConfig dataset) {
		return new MonthFileReader(new RowParser(dataset, true), dataset.importSettings().maxRecordLength());
	}

	/**
	 * The column names of a CSV file's header.
	 * @throws DataFileException when the file is missing, empty or not readable CSV
	 */
	public static java.util.List<String> header(Path file) {
		try (CsvSource source = open(file)) {
			return source.header();
		}
	}

	/**
	 * Reads a month file once ({@link ByteCsvReader}), validating every row. Valid rows
	 * go to {@code rows}; invalid ones go to {@code rejects} with the line and the
	 * reason, and reading goes on.
	 * @param file the CSV file (UTF-8, with or without a byte order mark, LF or CRLF; a
	 * row with bytes that are not UTF-8 is rejected, never read with replacement
	 * characters)
	 * @param expectedMonth the month every date must fall in, or {@code null} for no
	 * month check
	 * @param rows receives each valid row, in file order
	 * @param rejects receives each invalid row, in file order
	 * @return the counts
	 * @throws DataFileException when the file is missing, empty, has duplicate or lacks
	 * configured header columns, is not well-formed CSV or has a record longer than the
	 * dataset's {@link ImportSettings#maxRecordLength()}
	 */
	public ReadStats read(Path file, YearMonth expectedMonth, Consumer<Row> rows, Consumer<Rejection> rejects) {
		return read(file, expectedMonth, rows, rejects, null);
	}

	/**
	 * {@link #read(Path, YearMonth, Consumer, Consumer)}, giving every byte of the file
	 * to {@code digest} as well (when not {@code null}): the month cache hashes the CSV
	 * on the read that parses it.
	 */
	ReadStats read(Path file, YearMonth expectedMonth, Consumer<Row> rows, Consumer<Rejection> rejects,
			MessageDigest digest) {
		long count = 0;
		long accepted = 0;
		long unlabelled = 0;
		FileState before = FileState.of(file);
		try (RecordSource source = openBytes(file, this.maxRecordLength, digest)) {
			RowLayout layout = this.parser.layout(file, source.header());
			while (source.next()) {
				count++;
				CsvFields record = source.fields();
				Row row;
				try {
					if (source.invalidBytes() != null) {
						throw new RowParser.BadRow(source.invalidBytes());
					}
					row = layout.parse(record, source.line(), expectedMonth);
				}
				catch (RowParser.BadRow ex) {
					rejects.accept(new Rejection(file, source.line(), ex.getMessage(), raw(record.values())));
					continue;
				}
				accepted++;
				if (!row.labelled()) {
					unlabelled++;
				}
				rows.accept(row);
			}
		}
		FileState after = FileState.of(file);
		if (!after.equals(before)) {
			// a file truncated or rewritten in place while it was read: what was read is
			// neither the old nor the new
			// content, so the month is not stored (the step fails and a restart reads it
			// again)
			throw new DataFileException(file, 0, "changed while being read (" + before.describe() + " at the start, "
					+ after.describe() + " at the end, after " + count + " rows); run again once it is complete");
		}
		return new ReadStats(count, accepted, count - accepted, unlabelled);
	}

	/** {@link #open(Path, int)} with the default longest record. */
	static CsvSource open(Path file) {
		return open(file, ImportSettings.DEFAULT_MAX_RECORD_LENGTH);
	}

	/**
	 * Opens a month file: UTF-8 always, whatever the dataset's
	 * {@link ImportSettings#encoding()}.
	 */
	static CsvSource open(Path file, int maxRecordLength) {
		return open(file, maxRecordLength, null);
	}

	private static CsvSource open(Path file, int maxRecordLength, MessageDigest digest) {
		return CsvSource.open(file, bytes(file, digest), StandardCharsets.UTF_8, maxRecordLength);
	}

	/**
	 * Opens a month file to read from its bytes ({@link ByteCsvReader}; Commons CSV when
	 * it starts with a UTF-16 byte order mark).
	 */
	static RecordSource openBytes(Path file, int maxRecordLength) {
		return openBytes(file, maxRecordLength, null);
	}

	private static RecordSource openBytes(Path file, int maxRecordLength, MessageDigest digest) {
		return ByteCsvReader.open(file, bytes(file, digest), maxRecordLength);
	}

	private static InputStream bytes(Path file, MessageDigest digest) {
		if (Files.isDirectory(file)) {
			throw new DataFileException(file, 0, "is a folder, not a file");
		}
		try {
			InputStream in = Files.newInputStream(file);
			return (digest != null) ? new DigestInputStream(in, digest) : in;
		}
		catch (NoSuchFileException ex) {
			throw new DataFileException(file, 0, "file not found", ex);
		}
		catch (IOException ex) {
			throw new DataFileException(file, 0, "cannot read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Size and modification time of a file, to notice a change in place while it is read.
	 */
	record FileState(long size, long modified) {

		static FileState of(Path file) {
			try {
				return new FileState(Files.size(file), Files.getLastModifiedTime(file).toMillis());
			}
			catch (IOException ex) {
				return new FileState(-1, -1);
			}
		}

		String describe() {
			return (this.size < 0) ? "absent" : this.size + " bytes";
		}

	}

	/**
	 * A record as CSV text again, for rejections; undecodable bytes are shown as
	 * {@code \xHH}.
	 */
	static String raw(String[] values) {
		return StrictReader.readable(CsvLine.format(values));
	}

}
