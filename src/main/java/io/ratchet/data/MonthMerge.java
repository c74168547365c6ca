package io.ratchet.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVParser;

/**
 * Merges the incoming rows of one month into the rows its month file already holds.
 * <ul>
 * <li><b>Without id columns</b> rows have no identity and identical rows are distinct
 * events (two bookings of the same room on the same day by the same kind of guest): the
 * month is a multiset of rows. An incoming row matches a stored identical row not matched
 * yet; otherwise it is new. So importing a file again adds nothing, and an export that
 * overlaps what is stored adds only the extra occurrences (a row stored 3 times, imported
 * 5 times: 2 new).</li>
 * <li><b>With id columns</b> an incoming row whose id is already in the month is compared
 * with the stored row: the same values (a missing token and the empty cell are the same)
 * is a match; a label that was missing and is now present updates the stored row; an
 * incoming row without the label a stored row has is a match too (an older export); any
 * other difference (a feature, another column, or a label that changed) is a conflict:
 * the stored row is kept and the incoming row goes to the quarantine with the reason,
 * never silently dropped or kept. Ids identify rows within a month: a row whose date
 * moved to another month is a row of that month.</li>
 * </ul>
 * The merged rows are sorted by date; rows of the same date keep their order, stored rows
 * before new ones.
 * <p>
 * Memory: the rows themselves stay on disk ({@link MonthRows}, in the spool folder); what
 * is held per row is its offset there and, for the rows that can be matched, the hash of
 * its key ({@link KeyIndex}): about 24 bytes a row, whatever its width. The date order is
 * made without sorting in memory: a month has at most 31 days, so the rows go to one
 * scratch file per day, which are then copied one after the other (not even that when the
 * rows came in date order).
 */
final class MonthMerge implements AutoCloseable {

	private final DatasetConfig dataset;

	private final Path file;

	private final List<String> header;

	private final Path scratch;

	private final int[] idColumns;

	private final int labelColumn;

	private final MonthRows rows;

	/**
	 * Without ids: the stored rows by their text; with ids: every row by its id (the
	 * first stored row of an id, then the new ones).
	 */
	private final KeyIndex index = new KeyIndex();

	/** Without ids: the stored rows matched already. */
	private final BitSet matchedRows = new BitSet();

	private long added;

	private long matched;

	private long updated;

	private long conflicts;

	/**
	 * @param dataset the dataset
	 * @param file the month file
	 * @param header the month file's columns (the incoming rows' values follow them)
	 * @param scratch a folder for the rows of the month and the days being sorted
	 */
	MonthMerge(DatasetConfig dataset, Path file, List<String> header, Path scratch) throws IOException {
		this.dataset = dataset;
		this.file = file;
		this.header = header;
		this.scratch = scratch;
		Map<String, Integer> columns = RowParser.positions(file, header);
		this.idColumns = idColumns(dataset, columns);
		this.labelColumn = columns.get(dataset.labelColumn());
		this.rows = new MonthRows(scratch.resolve(file.getFileName() + ".rows"));
	}

	/**
	 * The positions of the dataset's id columns among a file's columns (which must have
	 * them), or {@code null} for a dataset without id columns.
	 */
	static int[] idColumns(DatasetConfig dataset, Map<String, Integer> columns) {
		List<String> ids = dataset.idColumns();
		return ids.isEmpty() ? null : ids.stream().mapToInt(columns::get).toArray();
	}

	/**
	 * The identity of a row: its id (with several id columns, each value after its
	 * length, so that no two rows share a key by accident), or {@code null} when an id
	 * column is empty or a missing token, or there are none.
	 */
	static String idKey(DatasetConfig dataset, CsvFields fields, int[] idColumns) {
		if (idColumns == null || idColumns.length == 0) {
			return null;
		}
		String[] ids = new String[idColumns.length];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = fields.get(idColumns[i]);
		}
		return idKey(dataset, ids);
	}

	/** {@link #idKey(DatasetConfig, CsvFields, int[])} of the id columns' values. */
	static String idKey(DatasetConfig dataset, String[] ids) {
		if (ids.length == 0) {
			return null;
		}
		if (ids.length == 1) {
			return dataset.isMissing(ids[0]) ? null : ids[0];
		}
		StringBuilder key = new StringBuilder();
		for (String id : ids) {
			if (dataset.isMissing(id)) {
				return null;
			}
			key.append(id.length()).append(':').append(id);
		}
		return key.toString();
	}

	/**
	 * Reads the rows the month file holds (none when it does not exist).
	 * @throws DataFileException when the file is damaged or its header is no longer the
	 * one expected
	 */
	void load(RowParser parser) throws IOException {
		if (!Files.exists(this.file)) {
			return;
		}
		try (RecordSource csv = MonthFileReader.openBytes(this.file, this.dataset.importSettings().maxRecordLength())) {
			if (!csv.header().equals(this.header)) {
				throw new DataFileException(this.file, 1, "header changed during the import");
			}
			RowLayout layout = parser.layout(this.file, csv.header());
			int[] columns = IntStream.range(0, this.header.size()).toArray();
			while (csv.next()) {
				CsvFields record = csv.fields();
				LocalDate date;
				try {
					if (csv.invalidBytes() != null) {
						throw new RowParser.BadRow(csv.invalidBytes());
					}
					date = layout.date(record);
				}
				catch (RowParser.BadRow ex) {
					throw new DataFileException(this.file, csv.line(), "month file is damaged: " + ex.getMessage());
				}
				byte[] line = record.line(columns);
				String id = idKey(this.dataset, record, this.idColumns);
				int row = this.rows.add(new MonthSpool.Spooled(0, date.toEpochDay(), id, line));
				if (this.idColumns == null) {
					this.index.add(KeyIndex.hash(line), row);
				}
				else if (id != null && find(id) < 0) {
					this.index.add(KeyIndex.hash(id), row);
				}
			}
		}
	}

	/** The row holding an id, or -1. */
	private int find(String id) throws IOException {
		return this.index.find(KeyIndex.hash(id), (row) -> id.equals(this.rows.get(row).id()));
	}

	/**
	 * Merges one incoming row.
	 * @return {@code null}, or why the row conflicts with a row of the month (it is then
	 * not merged)
	 */
	String offer(MonthSpool.Spooled row) throws IOException {
		byte[] line = row.text();
		if (this.idColumns == null) {
			int stored = this.index.isEmpty() ? -1
					: this.index.find(KeyIndex.hash(line), (candidate) -> !this.matchedRows.get(candidate)
							&& Arrays.equals(this.rows.get(candidate).text(), line));
			if (stored >= 0) {
				this.matchedRows.set(stored);
				this.matched++;
				return null;
			}
			add(row);
			return null;
		}
		String id = row.id();
		int position = (id != null) ? find(id) : -1;
		if (position < 0) {
			// the importer rejects rows without an id before they get here
			int added = add(row);
			if (id != null) {
				this.index.add(KeyIndex.hash(id), added);
			}
			return null;
		}
		MonthSpool.Spooled stored = this.rows.get(position);
		if (Arrays.equals(stored.text(), line)) {
			this.matched++;
			return null;
		}
		return compare(position, stored, parse(line));
	}

	private int add(MonthSpool.Spooled row) throws IOException {
		this.added++;
		return this.rows.add(row);
	}

	private String compare(int position, MonthSpool.Spooled stored, String[] values) throws IOException {
		String[] old = parse(stored.text());
		List<Integer> differ = new ArrayList<>();
		for (int i = 0; i < values.length; i++) {
			if (!same(old[i], values[i])) {
				differ.add(i);
			}
		}
		boolean labelOnly = differ.size() == 1 && differ.get(0) == this.labelColumn;
		if (differ.isEmpty() || (labelOnly && this.dataset.isMissing(values[this.labelColumn]))) {
			this.matched++;
			return null;
		}
		if (labelOnly && this.dataset.isMissing(old[this.labelColumn])) {
			old[this.labelColumn] = values[this.labelColumn];
			this.rows.replace(position, new MonthSpool.Spooled(stored.line(), stored.day(), stored.id(),
					CsvLine.format(old).getBytes(StandardCharsets.UTF_8)));
			this.updated++;
			return null;
		}
		StringJoiner was = new StringJoiner(", ");
		StringJoiner now = new StringJoiner(", ");
		for (int i : differ) {
			was.add(this.header.get(i) + " '" + old[i] + "'");
			now.add(this.header.get(i) + " '" + values[i] + "'");
		}
		String where = (stored.line() > 0) ? "line " + stored.line() + " of this file"
				: this.file.getFileName().toString();
		this.conflicts++;
		return "conflict: " + describeId(values) + " is stored (" + where + ") with " + was + "; this row has " + now
				+ "; the stored row is kept";
	}

	/** Equal text, or both missing (the empty cell and a missing token such as NA). */
	private boolean same(String a, String b) {
		return a.equals(b) || (this.dataset.isMissing(a) && this.dataset.isMissing(b));
	}

	private String describeId(String[] values) {
		StringJoiner id = new StringJoiner(", ");
		for (int column : this.idColumns) {
			id.add(this.header.get(column) + " '" + values[column] + "'");
		}
		return id.toString();
	}

	private static String[] parse(byte[] bytes) {
		String line = new String(bytes, StandardCharsets.UTF_8);
		try (CSVParser parser = CsvSource.READ_FORMAT.parse(new StringReader(line))) {
			return parser.iterator().next().values();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot parse a row written by Ratchet: " + line, ex);
		}
	}

	/** Whether the month file must be written again. */
	boolean changed() {
		return this.added > 0 || this.updated > 0;
	}

	/**
	 * Writes the merged rows sorted by date (stable), one per line: to {@code out}, or,
	 * when they must be sorted, through one scratch file per day copied into
	 * {@code channel} (which {@code out} writes to) after flushing {@code out}.
	 */
	void write(OutputStream out, FileChannel channel) throws IOException {
		if (this.rows.inDateOrder()) {
			this.rows.forEach((day, text, from, length) -> {
				out.write(text, from, length);
				out.write('\n');
			});
			return;
		}
		DayFile[] days = new DayFile[31];
		DayOfMonth dayOfMonth = new DayOfMonth();
		try {
			this.rows.forEach((epochDay, text, from, length) -> {
				int day = dayOfMonth.of(epochDay) - 1;
				if (days[day] == null) {
					days[day] = new DayFile(this.scratch.resolve(this.file.getFileName() + ".day-" + (day + 1)));
				}
				days[day].writeLine(text, from, length);
			});
			for (DayFile day : days) {
				if (day != null) {
					day.finish();
				}
			}
			out.flush();
			for (DayFile day : days) {
				if (day != null) {
					copy(day.path, channel);
				}
			}
		}
		finally {
			for (DayFile day : days) {
				if (day != null) {
					day.closeAndDelete();
				}
			}
		}
	}

	/**
	 * The day of the month of an epoch day, as {@link LocalDate#getDayOfMonth()} gives
	 * it, without a {@code LocalDate} a row: the month of the last day asked is kept, and
	 * a day within it is a subtraction.
	 */
	static final class DayOfMonth {

		private long first = 1;

		private long end;

		int of(long epochDay) {
			if (epochDay < this.first || epochDay >= this.end) {
				LocalDate date = LocalDate.ofEpochDay(epochDay);
				this.first = epochDay - date.getDayOfMonth() + 1;
				this.end = this.first + date.lengthOfMonth();
			}
			return (int) (epochDay - this.first) + 1;
		}

	}

	/**
	 * The scratch file of one day: lines gathered in a buffer of its own and written to
	 * the file's channel when it is full (not a synchronized {@code BufferedOutputStream}
	 * call for the text and another for its line end).
	 */
	private static final class DayFile {

		private final Path path;

		private final FileChannel channel;

		private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

		DayFile(Path path) throws IOException {
			this.path = path;
			this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
					StandardOpenOption.WRITE);
		}

		void writeLine(byte[] text, int from, int length) throws IOException {
			if (length + 1 > this.buffer.remaining()) {
				drain();
				if (length + 1 > this.buffer.capacity()) {
					writeFully(ByteBuffer.wrap(text, from, length));
					this.buffer.put((byte) '\n');
					return;
				}
			}
			this.buffer.put(text, from, length).put((byte) '\n');
		}

		/** Writes what is buffered and closes the file. */
		void finish() throws IOException {
			drain();
			this.channel.close();
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

		/** Scratch files are removed with the spool folder in any case. */
		void closeAndDelete() {
			try {
				this.channel.close();
				Files.deleteIfExists(this.path);
			}
			catch (IOException ex) {
				// removed with the spool folder
			}
		}

	}

	private static void copy(Path from, FileChannel to) throws IOException {
		try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
			long size = in.size();
			for (long done = 0; done < size;) {
				done += in.transferTo(done, size - done, to);
			}
		}
	}

	long added() {
		return this.added;
	}

	long matched() {
		return this.matched;
	}

	long updated() {
		return this.updated;
	}

	long conflicts() {
		return this.conflicts;
	}

	/** Deletes the rows of the month from the scratch folder. */
	@Override
	public void close() {
		this.rows.close();
	}

}
