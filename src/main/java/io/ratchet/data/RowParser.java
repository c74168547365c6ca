package io.ratchet.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns CSV records of one dataset into {@link Row}s, validating each. Immutable and
 * thread-safe; the per-file part (column positions, and the validation of a record) is a
 * {@link RowLayout}, resolved once per file from its header.
 */
final class RowParser {

	private final DatasetConfig dataset;

	private final DateParser dates;

	private final boolean[] numeric;

	/** The dataset's missing tokens, for {@link #isMissing}. */
	private final String[] missingTokens;

	/**
	 * Whether a file may lack the label and the score columns (a file to score rather
	 * than a month of history).
	 */
	private final boolean toScore;

	/** The extra (segment) columns, and whether each is numeric (bucketed). */
	private final List<String> extraColumns;

	private final boolean[] numericExtra;

	RowParser(DatasetConfig dataset) {
		this(dataset, false);
	}

	/**
	 * @param toScore whether files may lack the label column (every row is then
	 * unlabelled) and the logged score columns (every score is then missing): a file of
	 * rows to score, not a month of the dataset's history
	 */
	RowParser(DatasetConfig dataset, boolean toScore) {
		this.dataset = dataset;
		this.toScore = toScore;
		this.dates = new DateParser(dataset.dateFormat());
		this.missingTokens = dataset.missingTokens().toArray(String[]::new);
		this.numeric = new boolean[dataset.features().size()];
		for (int i = 0; i < this.numeric.length; i++) {
			this.numeric[i] = dataset.features().get(i).type() == FeatureType.NUMERIC;
		}
		this.extraColumns = dataset.extraColumns();
		this.numericExtra = new boolean[this.extraColumns.size()];
		for (SegmentColumn column : dataset.segments().columns()) {
			int extra = this.extraColumns.indexOf(column.name());
			if (extra >= 0) {
				this.numericExtra[extra] = column.numeric();
			}
		}
	}

	DatasetConfig dataset() {
		return this.dataset;
	}

	DateParser dates() {
		return this.dates;
	}

	/** Whether the dataset's feature at this index is numeric. */
	boolean isNumeric(int feature) {
		return this.numeric[feature];
	}

	/** The extra (segment) column at this index. */
	String extraColumn(int extra) {
		return this.extraColumns.get(extra);
	}

	/** Whether the extra (segment) column at this index is numeric (bucketed). */
	boolean isNumericExtra(int extra) {
		return this.numericExtra[extra];
	}

	/**
	 * Finds the configured columns in a file's header.
	 * @throws DataFileException on duplicate column names or missing configured columns
	 */
	RowLayout layout(Path file, List<String> header) {
		Map<String, Integer> positions = positions(file, header);
		List<String> missing = new ArrayList<>();
		for (String column : this.dataset.requiredColumns()) {
			boolean optional = this.toScore
					&& (column.equals(this.dataset.labelColumn()) || this.dataset.scoreColumns().contains(column));
			if (!positions.containsKey(column) && !optional) {
				missing.add(column);
			}
		}
		if (!missing.isEmpty()) {
			throw new DataFileException(file, 1, "header lacks column" + ((missing.size() > 1) ? "s " : " ")
					+ String.join(", ", missing) + "; header is: " + String.join(", ", header));
		}
		int[] features = new int[this.numeric.length];
		for (int i = 0; i < features.length; i++) {
			features[i] = positions.get(this.dataset.features().get(i).name());
		}
		return new RowLayout(this, file, header.size(), positions.get(this.dataset.dateColumn()),
				positions.getOrDefault(this.dataset.labelColumn(), -1), features,
				this.dataset.idColumns().stream().mapToInt(positions::get).toArray(),
				this.dataset.scoreColumns().stream().mapToInt((column) -> positions.getOrDefault(column, -1)).toArray(),
				this.extraColumns.stream().mapToInt(positions::get).toArray());
	}

	/** Column name to position; refuses duplicate names. */
	static Map<String, Integer> positions(Path file, List<String> header) {
		Map<String, Integer> positions = new HashMap<>();
		Set<String> duplicates = new LinkedHashSet<>();
		for (int i = 0; i < header.size(); i++) {
			if (positions.putIfAbsent(header.get(i), i) != null) {
				duplicates.add(header.get(i));
			}
		}
		if (!duplicates.isEmpty()) {
			throw new DataFileException(file, 1, "duplicate column name" + ((duplicates.size() > 1) ? "s " : " ")
					+ String.join(", ", duplicates) + " in header");
		}
		return positions;
	}

	/**
	 * A reason a row is rejected; carries no stack trace since rejections are ordinary,
	 * counted events.
	 */
	static final class BadRow extends Exception {

		BadRow(String reason) {
			super(reason, null, false, false);
		}

	}

	/**
	 * {@link DatasetConfig#isMissing}, as a loop over an array: called for every cell, it
	 * was one of the largest costs of reading a file through the set.
	 */
	boolean isMissing(String value) {
		if (value.isEmpty()) {
			return true;
		}
		for (String token : this.missingTokens) {
			if (token.equals(value)) {
				return true;
			}
		}
		return false;
	}

	/** {@link #isMissing(String)} of a field, without making its text. */
	boolean isMissing(CsvFields record, int field) {
		if (record.isEmpty(field)) {
			return true;
		}
		for (String token : this.missingTokens) {
			if (record.is(field, token)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * {@link #number(String, String)} of a field, parsed from its bytes where it can be.
	 */
	static double number(CsvFields record, int field, String column) throws BadRow {
		double number;
		try {
			number = record.decimal(field);
		}
		catch (NumberFormatException ex) {
			throw new BadRow("unparsable number '" + record.get(field) + "' in column " + column);
		}
		return Double.isFinite(number) ? number : finite(number, record.get(field), column);
	}

	/**
	 * {@link #number(CsvFields, int, String)} where the value is not needed: the same
	 * acceptance and refusal, without computing the value of a plain decimal.
	 */
	static void checkNumber(CsvFields record, int field, String column) throws BadRow {
		if (!record.isFiniteDecimal(field)) {
			number(record, field, column);
		}
	}

	/**
	 * {@link Double#parseDouble} (through the faster {@link DecimalParser}) without the
	 * NaN and infinity it accepts.
	 */
	static double number(String value, String column) throws BadRow {
		double number;
		try {
			number = DecimalParser.parse(value);
		}
		catch (NumberFormatException ex) {
			throw new BadRow("unparsable number '" + value + "' in column " + column);
		}
		return finite(number, value, column);
	}

	private static double finite(double number, String value, String column) throws BadRow {
		if (Double.isNaN(number) || Double.isInfinite(number)) {
			throw new BadRow("not a finite number '" + value + "' in column " + column);
		}
		return number;
	}

	/**
	 * Parses dates with one shared formatter, and by hand for the common fixed-width
	 * patterns ({@link FixedDateLayout}: {@code yyyy-MM-dd}, {@code dd/MM/yyyy},
	 * {@code yyyy-MM-dd HH:mm:ss} …), from a field's bytes where it can.
	 * <p>
	 * The formatter resolves strictly, so {@code 2012-02-30} is an error rather than
	 * silently becoming {@code 2012-02-29}, which is what the hand parser does too. A
	 * strict formatter cannot resolve a year-of-era ({@code y}) without an era, so when
	 * the pattern has no era ({@code G}), {@code y} is read as the proleptic year
	 * ({@code u}); the two agree for every year after 0.
	 */
	static final class DateParser {

		private final DateTimeFormatter formatter;

		/** The pattern read by hand, or {@code null}. */
		private final FixedDateLayout fixed;

		DateParser(String pattern) {
			String resolved = pattern.indexOf('G') < 0 ? yearsToProleptic(pattern) : pattern;
			this.formatter = DateTimeFormatter.ofPattern(resolved, Locale.ENGLISH)
				.withResolverStyle(ResolverStyle.STRICT);
			this.fixed = FixedDateLayout.of(resolved);
		}

		/**
		 * Checks that the pattern reads whole dates; returns the problem, or
		 * {@code null}. A pattern may hold a time of day and a zone or offset beside the
		 * date (a timestamp column, e.g. {@code yyyy-MM-dd HH:mm:ss}): the date is read
		 * as written, the rest is checked and left aside.
		 */
		static String check(String pattern) {
			DateParser parser;
			try {
				parser = new DateParser(pattern);
			}
			catch (IllegalArgumentException ex) {
				return "'" + pattern + "' is not a date pattern: " + ex.getMessage() + " (letters as in Java's "
						+ "DateTimeFormatter, e.g. yyyy-MM-dd, dd/MM/yyyy or yyyy-MM-dd HH:mm:ss; quote other "
						+ "letters: yyyy-MM-dd'T'HH:mm)";
			}
			ZonedDateTime sample = ZonedDateTime.of(2017, 12, 31, 13, 45, 59, 0, ZoneId.of("Europe/Paris"));
			try {
				if (sample.toLocalDate().equals(parser.parse(parser.formatter.format(sample)))) {
					return null;
				}
			}
			catch (DateTimeException ex) {
				return "'" + pattern + "' is not supported: " + ex.getMessage();
			}
			return "'" + pattern + "' does not give a whole date (year, month and day of month), e.g. yyyy-MM-dd";
		}

		/** The date, or {@code null} when the text does not match the pattern. */
		LocalDate parse(String text) {
			LocalDate date = (this.fixed != null) ? this.fixed.parse(text) : null;
			return (date != null) ? date : formatted(text);
		}

		/**
		 * {@link #parse(String)} of the UTF-8 text {@code bytes[from, to)}, without
		 * making a {@code String} of it when the pattern is read by hand and the text is
		 * a date.
		 */
		LocalDate parse(byte[] bytes, int from, int to) {
			LocalDate date = (this.fixed != null) ? this.fixed.parse(bytes, from, to) : null;
			return (date != null) ? date : formatted(new String(bytes, from, to - from, StandardCharsets.UTF_8));
		}

		private LocalDate formatted(String text) {
			try {
				return LocalDate.parse(text, this.formatter);
			}
			catch (DateTimeException ex) {
				return null;
			}
		}

		private static String yearsToProleptic(String pattern) {
			StringBuilder resolved = new StringBuilder(pattern.length());
			boolean quoted = false;
			for (int i = 0; i < pattern.length(); i++) {
				char c = pattern.charAt(i);
				if (c == '\'') {
					quoted = !quoted;
				}
				resolved.append((c == 'y' && !quoted) ? 'u' : c);
			}
			return resolved.toString();
		}

	}

}
