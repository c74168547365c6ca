package io.ratchet.data;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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
 */
final class MonthMerge {

	/**
	 * One row of the merged month: its date (for sorting), its CSV text and the source
	 * line it came from (0: stored).
	 */
	record Entry(LocalDate date, String line, long sourceLine) {
	}

	private final DatasetConfig dataset;

	private final Path file;

	private final List<String> header;

	private final int[] idColumns;

	private final int labelColumn;

	private final List<Entry> rows = new ArrayList<>();

	/** With ids: id to position in {@link #rows}. */
	private final Map<String, Integer> byId = new HashMap<>();

	/** Without ids: stored rows not matched yet, by text. */
	private final Map<String, Integer> unmatched = new HashMap<>();

	private long added;

	private long matched;

	private long updated;

	private long conflicts;

	/**
	 * @param dataset the dataset
	 * @param file the month file
	 * @param header the month file's columns (the incoming rows' values follow them)
	 */
	MonthMerge(DatasetConfig dataset, Path file, List<String> header) {
		this.dataset = dataset;
		this.file = file;
		this.header = header;
		Map<String, Integer> columns = RowParser.positions(file, header);
		this.idColumns = idColumns(dataset, columns);
		this.labelColumn = columns.get(dataset.labelColumn());
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
	static String idKey(DatasetConfig dataset, String[] values, int[] idColumns) {
		if (idColumns == null) {
			return null;
		}
		if (idColumns.length == 1) {
			String id = values[idColumns[0]];
			return dataset.isMissing(id) ? null : id;
		}
		StringBuilder key = new StringBuilder();
		for (int column : idColumns) {
			String id = values[column];
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
	MonthMerge load(RowParser parser) {
		if (!Files.exists(this.file)) {
			return this;
		}
		try (CsvSource csv = MonthFileReader.open(this.file, this.dataset.importSettings().maxRecordLength())) {
			if (!csv.header().equals(this.header)) {
				throw new DataFileException(this.file, 1, "header changed during the import");
			}
			RowParser.Layout layout = parser.layout(this.file, csv.header());
			while (csv.next()) {
				CSVRecord record = csv.record();
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
				String[] values = record.values();
				String line = CsvLine.format(values);
				if (this.idColumns == null) {
					this.unmatched.merge(line, 1, Integer::sum);
				}
				else {
					String id = idKey(this.dataset, values, this.idColumns);
					if (id != null) {
						this.byId.putIfAbsent(id, this.rows.size());
					}
				}
				this.rows.add(new Entry(date, line, 0));
			}
		}
		return this;
	}

	/**
	 * Merges one incoming row.
	 * @return {@code null}, or why the row conflicts with a row of the month (it is then
	 * not merged)
	 */
	String offer(MonthSpool.Spooled row) {
		String line = row.text();
		if (this.idColumns == null) {
			Integer left = this.unmatched.get(line);
			if (left != null) {
				if (left == 1) {
					this.unmatched.remove(line);
				}
				else {
					this.unmatched.put(line, left - 1);
				}
				this.matched++;
				return null;
			}
			add(row.date(), line, row.line());
			return null;
		}
		String id = row.id();
		Integer position = (id != null) ? this.byId.get(id) : null;
		if (position == null) {
			// the importer rejects rows without an id before they get here
			if (id != null) {
				this.byId.put(id, this.rows.size());
			}
			add(row.date(), line, row.line());
			return null;
		}
		Entry stored = this.rows.get(position);
		if (stored.line().equals(line)) {
			this.matched++;
			return null;
		}
		return compare(position, stored, parse(line));
	}

	private void add(LocalDate date, String line, long sourceLine) {
		this.rows.add(new Entry(date, line, sourceLine));
		this.added++;
	}

	private String compare(int position, Entry stored, String[] values) {
		String[] old = parse(stored.line());
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
			this.rows.set(position, new Entry(stored.date(), CsvLine.format(old), stored.sourceLine()));
			this.updated++;
			return null;
		}
		StringJoiner was = new StringJoiner(", ");
		StringJoiner now = new StringJoiner(", ");
		for (int i : differ) {
			was.add(this.header.get(i) + " '" + old[i] + "'");
			now.add(this.header.get(i) + " '" + values[i] + "'");
		}
		String where = (stored.sourceLine() > 0) ? "line " + stored.sourceLine() + " of this file"
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

	private static String[] parse(String line) {
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

	/** The merged rows, sorted by date (stable). */
	List<Entry> sorted() {
		this.rows.sort(Comparator.comparing(Entry::date));
		return this.rows;
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

}
