package io.ratchet.data;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;

/**
 * Validates the rows of a prediction log ({@link PredictionLogColumns}), for the import
 * and for reading the stored month files: every id present, a timestamp that reads as a
 * date, a finite score, within [0, 1] for a binary task. Immutable; one per file (it
 * holds the file's column positions).
 */
final class LogRowParser {

	/**
	 * ISO-8601 timestamps: a date, or a date and a time ({@code T} or a space between
	 * them, seconds and fractions optional), with an optional offset ({@code Z},
	 * {@code +02:00}, {@code +0200}). The date as written is the prediction's date: no
	 * time zone is converted.
	 */
	private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE)
		.optionalStart()
		.appendLiteral('T')
		.append(DateTimeFormatter.ISO_LOCAL_TIME)
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.append(DateTimeFormatter.ISO_LOCAL_TIME)
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.toFormatter()
		.withResolverStyle(ResolverStyle.STRICT);

	private final DatasetConfig dataset;

	private final RowParser.DateParser dates;

	private final int width;

	private final int[] ids;

	private final int timestamp;

	private final int score;

	private final List<String> idColumns;

	private final PredictionLogColumns columns;

	/**
	 * @throws DataFileException when the header repeats a name or lacks a column of the
	 * log
	 */
	LogRowParser(DatasetConfig dataset, PredictionLogColumns columns, Path file, List<String> header) {
		this.dataset = dataset;
		this.columns = columns;
		this.dates = new RowParser.DateParser(dataset.dateFormat());
		Map<String, Integer> positions = RowParser.positions(file, header);
		List<String> lacking = columns.header().stream().filter((column) -> !positions.containsKey(column)).toList();
		if (!lacking.isEmpty()) {
			throw new DataFileException(file, 1,
					"header lacks column" + ((lacking.size() > 1) ? "s " : " ") + String.join(", ", lacking)
							+ " of the prediction log (id " + String.join(", ", columns.idColumns()) + ", timestamp "
							+ columns.timestamp() + ", score " + columns.score() + "); header is: "
							+ String.join(", ", header));
		}
		this.width = header.size();
		this.idColumns = columns.idColumns();
		this.ids = this.idColumns.stream().mapToInt(positions::get).toArray();
		this.timestamp = positions.get(columns.timestamp());
		this.score = positions.get(columns.score());
	}

	/**
	 * One valid prediction: its id cells and their join key, its date, its score, and its
	 * cells in log order.
	 */
	record Entry(String[] ids, String key, LocalDate date, double score, String[] cells) {
	}

	/**
	 * Validates one record.
	 * @throws RowParser.BadRow with the reason when it is invalid
	 */
	Entry parse(CSVRecord record) throws RowParser.BadRow {
		if (record.size() != this.width) {
			throw new RowParser.BadRow(((record.size() < this.width) ? "too few" : "too many") + " fields: expected "
					+ this.width + ", found " + record.size());
		}
		String[] ids = new String[this.ids.length];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = record.get(this.ids[i]);
			if (this.dataset.isMissing(ids[i])) {
				throw new RowParser.BadRow("missing id in column " + this.idColumns.get(i));
			}
		}
		String stamp = record.get(this.timestamp);
		if (this.dataset.isMissing(stamp)) {
			throw new RowParser.BadRow("missing timestamp in column " + this.columns.timestamp());
		}
		LocalDate date = date(stamp);
		if (date == null) {
			throw new RowParser.BadRow("unparsable timestamp '" + stamp + "' in column " + this.columns.timestamp()
					+ " (an ISO-8601 date or date-time, e.g. 2026-01-31T23:59:00Z, or a date as the dataset writes it: "
					+ this.dataset.dateFormat() + ")");
		}
		String text = record.get(this.score);
		if (this.dataset.isMissing(text)) {
			throw new RowParser.BadRow("missing score in column " + this.columns.score());
		}
		double score = RowParser.number(text, this.columns.score());
		if (this.dataset.task() == Task.BINARY && (score < 0 || score > 1)) {
			throw new RowParser.BadRow("score " + text + " in column " + this.columns.score() + " is outside [0, 1]"
					+ " (the task is binary: a score is a probability)");
		}
		String[] cells = new String[this.ids.length + 2];
		System.arraycopy(ids, 0, cells, 0, ids.length);
		cells[ids.length] = stamp;
		cells[ids.length + 1] = text;
		return new Entry(ids, PredictionLog.key(ids), date, score, cells);
	}

	private LocalDate date(String text) {
		LocalDate date = this.dates.parse(text);
		if (date != null) {
			return date;
		}
		try {
			return ISO.parse(text, LocalDate::from);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
