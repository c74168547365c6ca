package io.ratchet.data;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The positions of a dataset's configured columns in one file ({@link RowParser#layout}),
 * and the validation of that file's records into {@link Row}s.
 */
final class RowLayout {

	private static final String[] NO_IDS = {};

	private static final double[] NO_SCORES = {};

	private final RowParser parser;

	private final Path file;

	private final int width;

	private final int date;

	private final int label;

	private final int[] features;

	private final int[] ids;

	/** Per score column, its position, or -1 when a file to score lacks it. */
	private final int[] scores;

	/** Per extra (segment) column, its position. */
	private final int[] extras;

	RowLayout(RowParser parser, Path file, int width, int date, int label, int[] features, int[] ids, int[] scores,
			int[] extras) {
		this.parser = parser;
		this.file = file;
		this.width = width;
		this.date = date;
		this.label = label;
		this.features = features;
		this.ids = ids;
		this.scores = scores;
		this.extras = extras;
	}

	Path file() {
		return this.file;
	}

	/**
	 * Validates one record.
	 * @param record the record
	 * @param line the physical line it starts on
	 * @param month the month the date must fall in, or {@code null}
	 * @return the row
	 * @throws RowParser.BadRow with the reason when the record is invalid
	 */
	Row parse(CsvFields record, long line, YearMonth month) throws RowParser.BadRow {
		return parse(record, line, month, null);
	}

	/**
	 * {@link #parse(CsvFields, long, YearMonth)} that computes only the numeric features'
	 * values asked for: the others are validated as numbers the same way, and NaN in the
	 * row (an import needs the values only for the quality rules).
	 * @param valuesNeeded per feature, whether its value is needed; {@code null}: all
	 */
	Row parse(CsvFields record, long line, YearMonth month, boolean[] valuesNeeded) throws RowParser.BadRow {
		if (record.size() != this.width) {
			throw new RowParser.BadRow(((record.size() < this.width) ? "too few" : "too many") + " fields: expected "
					+ this.width + ", found " + record.size());
		}
		LocalDate date = date(record, this.date);
		if (month != null && (date.getYear() != month.getYear() || date.getMonthValue() != month.getMonthValue())) {
			throw new RowParser.BadRow("date " + date + " outside month file " + month);
		}
		double label = (this.label >= 0) ? label(record, this.label) : Double.NaN;
		double[] numbers = new double[this.features.length];
		String[] levels = new String[this.features.length];
		for (int i = 0; i < this.features.length; i++) {
			int field = this.features[i];
			boolean numeric = this.parser.isNumeric(i);
			boolean checkOnly = valuesNeeded != null && !valuesNeeded[i];
			if (numeric && checkOnly && record.isFiniteDecimal(field)) {
				// valid, and its value not needed: a missing token (-999) or not alike
				numbers[i] = Double.NaN;
				continue;
			}
			boolean missing = this.parser.isMissing(record, field);
			if (numeric) {
				numbers[i] = Double.NaN;
				if (missing) {
					continue;
				}
				String name = this.parser.dataset().features().get(i).name();
				if (checkOnly) {
					RowParser.checkNumber(record, field, name);
				}
				else {
					numbers[i] = RowParser.number(record, field, name);
				}
			}
			else {
				numbers[i] = Double.NaN;
				levels[i] = missing ? null : record.get(field);
			}
		}
		String[] ids = (this.ids.length == 0) ? NO_IDS : new String[this.ids.length];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = record.get(this.ids[i]);
		}
		double[] scores = (this.scores.length == 0) ? NO_SCORES : new double[this.scores.length];
		for (int i = 0; i < scores.length; i++) {
			scores[i] = (this.scores[i] >= 0) ? score(record, this.scores[i], i) : Double.NaN;
		}
		if (this.extras.length == 0) {
			return new Row(line, date, label, numbers, levels, ids, scores);
		}
		return new Row(line, date, label, numbers, levels, ids, scores, extras(record));
	}

	/**
	 * The cells of the segment columns that are not features; a bucketed one must be a
	 * number.
	 */
	private String[] extras(CsvFields record) throws RowParser.BadRow {
		String[] extras = new String[this.extras.length];
		for (int i = 0; i < extras.length; i++) {
			String value = record.get(this.extras[i]);
			if (!this.parser.isMissing(value)) {
				if (this.parser.isNumericExtra(i)) {
					RowParser.number(value, this.parser.extraColumn(i));
				}
				extras[i] = value;
			}
		}
		return extras;
	}

	/**
	 * A logged score: missing, or a finite number, within [0, 1] for a binary task.
	 */
	private double score(CsvFields record, int field, int index) throws RowParser.BadRow {
		DatasetConfig dataset = this.parser.dataset();
		if (this.parser.isMissing(record, field)) {
			return Double.NaN;
		}
		String column = dataset.scoreColumns().get(index);
		double score = RowParser.number(record, field, column);
		if (dataset.task() == Task.BINARY && (score < 0 || score > 1)) {
			throw new RowParser.BadRow("score " + record.get(field) + " in column " + column
					+ " is outside [0, 1] (the task is binary: a score is a probability)");
		}
		return score;
	}

	/**
	 * The fields {@link #parse(CsvFields, long, YearMonth, boolean[])} asks
	 * {@link CsvFields#isFiniteDecimal} about (the numeric features whose values are not
	 * needed), as bits by position; positions from 64 on are left out.
	 * @param valuesNeeded per feature, whether its value is needed
	 */
	long checkedNumbers(boolean[] valuesNeeded) {
		long fields = 0;
		for (int i = 0; i < this.features.length; i++) {
			if (this.parser.isNumeric(i) && !valuesNeeded[i] && this.features[i] < Long.SIZE) {
				fields |= 1L << this.features[i];
			}
		}
		return fields;
	}

	/** The date of a record, for a record already known to be valid. */
	LocalDate date(CsvFields record) throws RowParser.BadRow {
		if (record.size() != this.width) {
			throw new RowParser.BadRow("expected " + this.width + " fields, found " + record.size());
		}
		return date(record, this.date);
	}

	private LocalDate date(CsvFields record, int field) throws RowParser.BadRow {
		if (this.parser.isMissing(record, field)) {
			throw new RowParser.BadRow("missing date in column " + this.parser.dataset().dateColumn());
		}
		LocalDate date = record.date(field, this.parser.dates());
		if (date == null) {
			throw new RowParser.BadRow("unparsable date '" + record.get(field) + "' in column "
					+ this.parser.dataset().dateColumn() + " (pattern " + this.parser.dataset().dateFormat() + ")");
		}
		return date;
	}

	private double label(CsvFields record, int field) throws RowParser.BadRow {
		DatasetConfig dataset = this.parser.dataset();
		if (this.parser.isMissing(record, field)) {
			return Double.NaN;
		}
		if (dataset.task() == Task.REGRESSION) {
			return RowParser.number(record, field, dataset.labelColumn());
		}
		if (dataset.task() == Task.MULTICLASS) {
			int index = dataset.classIndex(record.get(field));
			if (index < 0) {
				throw new RowParser.BadRow("label '" + record.get(field) + "' in column " + dataset.labelColumn()
						+ " is not one of the classes " + dataset.classes());
			}
			return index;
		}
		if (record.is(field, dataset.positiveLabel())) {
			return 1;
		}
		if (dataset.negativeLabel() == null || record.is(field, dataset.negativeLabel())) {
			return 0;
		}
		throw new RowParser.BadRow("label '" + record.get(field) + "' in column " + dataset.labelColumn()
				+ " is neither '" + dataset.positiveLabel() + "' nor '" + dataset.negativeLabel() + "'");
	}

}
