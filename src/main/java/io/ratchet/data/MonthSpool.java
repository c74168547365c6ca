package io.ratchet.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
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
	private final Map<YearMonth, Writer> writers = new LinkedHashMap<>(16, 0.75f, true);

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
			writer(month).add(row);
		}
		catch (IOException ex) {
			// name the file: "No space left on device" alone says not where
			throw new IOException("cannot write " + fileOf(month) + ": " + ex.getMessage(), ex);
		}
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
		writer = new Writer(fileOf(month));
		this.writers.put(month, writer);
		this.months.add(month);
		return writer;
	}

	/**
	 * Appends the rows of one month to its file: each row put field by field into a
	 * buffer of its own, which is written when full (a {@code DataOutputStream} made a
	 * synchronized call per field). Big-endian, as {@link #read} expects: the line, the
	 * day, the id's length (-1: none) and UTF-8 bytes, the text's length and bytes.
	 */
	private static final class Writer {

		private final FileChannel channel;

		private final ByteBuffer buffer = ByteBuffer.allocate(1 << 14);

		Writer(Path file) throws IOException {
			this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND);
		}

		void add(Spooled row) throws IOException {
			byte[] id = (row.id() != null) ? row.id().getBytes(StandardCharsets.UTF_8) : null;
			byte[] text = row.text();
			int length = 8 + 8 + 4 + ((id != null) ? id.length : 0) + 4 + text.length;
			if (length > this.buffer.remaining()) {
				drain();
			}
			ByteBuffer record = (length <= this.buffer.capacity()) ? this.buffer : ByteBuffer.allocate(length);
			record.putLong(row.line()).putLong(row.day()).putInt((id != null) ? id.length : -1);
			if (id != null) {
				record.put(id);
			}
			record.putInt(text.length).put(text);
			if (record != this.buffer) {
				writeFully(record.flip());
			}
		}

		private void drain() throws IOException {
			writeFully(this.buffer.flip());
			this.buffer.clear();
		}

		private void writeFully(ByteBuffer bytes) throws IOException {
			while (bytes.hasRemaining()) {
				this.channel.write(bytes);
			}
		}

		/** Writes what the buffer holds and closes the file (even when that fails). */
		void close() throws IOException {
			try {
				drain();
			}
			finally {
				this.channel.close();
			}
		}

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

	/**
	 * Hands the rows of a month to {@code rows}, in the order they were added, read
	 * through one buffer ({@link SequentialRecords}).
	 */
	void read(YearMonth month, Rows rows) throws IOException {
		try (SequentialRecords in = new SequentialRecords(fileOf(month))) {
			// the line, the day and the id's length
			int head = 8 + 8 + 4;
			while (in.next(head)) {
				ByteBuffer bytes = in.bytes();
				int start = bytes.position();
				long line = bytes.getLong(start);
				long day = bytes.getLong(start + 8);
				int idLength = bytes.getInt(start + 16);
				int textAt = head + Math.max(idLength, 0) + 4;
				in.need(textAt);
				int textLength = in.bytes().getInt(in.bytes().position() + textAt - 4);
				in.need(textAt + textLength);
				bytes = in.bytes();
				start = bytes.position();
				String id = (idLength < 0) ? null
						: new String(bytes.array(), start + head, idLength, StandardCharsets.UTF_8);
				byte[] text = Arrays.copyOfRange(bytes.array(), start + textAt, start + textAt + textLength);
				in.skip(textAt + textLength);
				rows.accept(new Spooled(line, day, id, text));
			}
		}
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
