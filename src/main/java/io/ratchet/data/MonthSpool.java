package io.ratchet.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
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

/**
 * The accepted rows of an import, set aside on disk by month until they are merged: one
 * file per month in a folder of the dataset ({@code .import-spool/}), so that the memory
 * of an import does not grow with the size of its source; only the month being merged is
 * held.
 * <p>
 * A spooled row is its source line, its date, its identity (or none) and its text as the
 * month file will hold it, in a binary form of this class's own (lengths before UTF-8
 * bytes), read back only by it. At most {@value #OPEN_WRITERS} files are open at once; a
 * source spanning more months has its least recently written ones closed and opened again
 * to append.
 */
final class MonthSpool implements AutoCloseable {

	private static final int OPEN_WRITERS = 32;

	private final Path folder;

	private final SortedSet<YearMonth> months = new TreeSet<>();

	/** Open writers, least recently used first. */
	private final Map<YearMonth, DataOutputStream> writers = new LinkedHashMap<>(16, 0.75f, true);

	/**
	 * One spooled row.
	 *
	 * @param line the line of the source it starts on
	 * @param day its date, as a day number ({@link LocalDate#toEpochDay()})
	 * @param id its identity ({@link MonthMerge#idKey}), {@code null} for a dataset
	 * without id columns
	 * @param text its values in month-file column order, as one CSV record
	 * ({@link CsvLine}) in UTF-8
	 */
	record Spooled(long line, long day, String id, byte[] text) {
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

	void add(YearMonth month, Spooled row) throws IOException {
		try {
			DataOutputStream out = writer(month);
			out.writeLong(row.line());
			out.writeLong(row.day());
			writeText(out, row.id());
			out.writeInt(row.text().length);
			out.write(row.text());
		}
		catch (IOException ex) {
			// name the file: "No space left on device" alone says not where
			throw new IOException("cannot write " + fileOf(month) + ": " + ex.getMessage(), ex);
		}
	}

	private static void writeText(DataOutputStream out, String text) throws IOException {
		if (text == null) {
			out.writeInt(-1);
			return;
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private DataOutputStream writer(YearMonth month) throws IOException {
		DataOutputStream writer = this.writers.get(month);
		if (writer != null) {
			return writer;
		}
		if (this.writers.size() == OPEN_WRITERS) {
			Iterator<DataOutputStream> eldest = this.writers.values().iterator();
			DataOutputStream closing = eldest.next();
			eldest.remove();
			closing.close();
		}
		writer = new DataOutputStream(new BufferedOutputStream(
				Files.newOutputStream(fileOf(month), StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 14));
		this.writers.put(month, writer);
		this.months.add(month);
		return writer;
	}

	/** The spool's folder, which also takes the scratch files of the merge. */
	Path folder() {
		return this.folder;
	}

	/** The months that received rows, in order. */
	SortedSet<YearMonth> months() {
		return this.months;
	}

	/** Closes the writers (flushing what they hold); the rows can be read afterwards. */
	void finishWriting() throws IOException {
		IOException failure = null;
		for (DataOutputStream writer : this.writers.values()) {
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
		try (DataInputStream in = new DataInputStream(
				new BufferedInputStream(Files.newInputStream(fileOf(month)), 1 << 16))) {
			while (true) {
				long line;
				try {
					line = in.readLong();
				}
				catch (EOFException ex) {
					return;
				}
				long day = in.readLong();
				String id = readText(in);
				rows.accept(new Spooled(line, day, id, in.readNBytes(in.readInt())));
			}
		}
	}

	private static String readText(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0) {
			return null;
		}
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	private Path fileOf(YearMonth month) {
		return this.folder.resolve(month + ".spool");
	}

	/**
	 * Closes what is open and deletes the folder, as far as it can: what is left (an
	 * unreadable disk) is removed by the next import, and must not turn an import that
	 * succeeded into a failure.
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
