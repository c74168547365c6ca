package io.ratchet.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The accepted rows of an import, set aside on disk by month until they are merged: one CSV per month in a folder of
 * the dataset ({@code .import-spool/}), each row {@code source line, epoch day, values in month-file column order}.
 * So the memory of an import does not grow with the size of the source; only the month being merged is held.
 * <p>
 * At most {@value #OPEN_WRITERS} month files are open at once; a source spanning more months has its least recently
 * written ones closed and opened again to append.
 */
final class MonthSpool implements AutoCloseable {

	private static final int OPEN_WRITERS = 32;

	private final Path folder;

	private final SortedSet<YearMonth> months = new TreeSet<>();

	/** Open writers, least recently used first. */
	private final Map<YearMonth, Writer> writers = new LinkedHashMap<>(16, 0.75f, true);

	/** One spooled row: the source line it came from, its date, its values in month-file column order. */
	record Spooled(long line, LocalDate date, String[] values) {
	}

	/** Receives spooled rows. */
	@FunctionalInterface
	interface Rows {

		void accept(Spooled row) throws IOException;

	}

	/** Creates the folder, removing what an import that did not finish left there. */
	MonthSpool(Path folder) throws IOException {
		this.folder = folder;
		deleteFolder();
		Files.createDirectories(folder);
	}

	void add(YearMonth month, long line, LocalDate date, String[] values) throws IOException {
		Object[] row = new Object[values.length + 2];
		row[0] = line;
		row[1] = date.toEpochDay();
		System.arraycopy(values, 0, row, 2, values.length);
		Writer writer = writer(month);
		writer.write(CsvSource.WRITE_FORMAT.format(row));
		writer.write('\n');
	}

	private Writer writer(YearMonth month) throws IOException {
		Writer writer = this.writers.get(month);
		if (writer != null) {
			return writer;
		}
		if (this.writers.size() == OPEN_WRITERS) {
			Iterator<Writer> eldest = this.writers.values().iterator();
			Writer closing = eldest.next();
			eldest.remove();
			closing.close();
		}
		Path file = fileOf(month);
		try {
			writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new IOException("cannot write " + file + ": " + ex.getMessage(), ex);
		}
		this.writers.put(month, writer);
		this.months.add(month);
		return writer;
	}

	/** The months that received rows, in order. */
	SortedSet<YearMonth> months() {
		return this.months;
	}

	/** Closes the writers (flushing what they hold); the rows can be read afterwards. */
	void finishWriting() throws IOException {
		IOException failure = null;
		for (Writer writer : this.writers.values()) {
			try {
				writer.close();
			}
			catch (IOException ex) {
				if (failure == null) {
					failure = new IOException("cannot write " + this.folder + ": " + ex.getMessage(), ex);
				}
			}
		}
		this.writers.clear();
		if (failure != null) {
			throw failure;
		}
	}

	/** Hands the rows of a month to {@code rows}, in the order they were added. */
	void read(YearMonth month, Rows rows) throws IOException {
		try (BufferedReader reader = Files.newBufferedReader(fileOf(month), StandardCharsets.UTF_8);
				CSVParser parser = CsvSource.READ_FORMAT.parse(reader)) {
			for (CSVRecord record : parser) {
				String[] all = record.values();
				String[] values = new String[all.length - 2];
				System.arraycopy(all, 2, values, 0, values.length);
				rows.accept(new Spooled(Long.parseLong(all[0]), LocalDate.ofEpochDay(Long.parseLong(all[1])), values));
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	private Path fileOf(YearMonth month) {
		return MonthFiles.fileFor(this.folder, month);
	}

	/**
	 * Closes what is open and deletes the folder, as far as it can: what is left (an unreadable disk) is removed by the
	 * next import, and must not turn an import that succeeded into a failure.
	 */
	@Override
	public void close() {
		try {
			finishWriting();
		}
		catch (IOException ex) {
			// the rows are being thrown away
		}
		try {
			deleteFolder();
		}
		catch (IOException ex) {
			// removed by the next import
		}
	}

	private void deleteFolder() throws IOException {
		if (!Files.isDirectory(this.folder)) {
			return;
		}
		try (Stream<Path> files = Files.walk(this.folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

}
