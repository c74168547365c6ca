package io.ratchet.data;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;

/**
 * Reads {@code date:} of a dataset file: the column that decides a row's month, its
 * pattern (default {@value DatasetConfig#DEFAULT_DATE_FORMAT}) and the range of plausible
 * dates an import accepts ({@code earliest}, {@code latest}, ISO dates). Every error
 * names the file and the line.
 *
 * @param column the date column
 * @param format the date pattern, checked by {@link RowParser.DateParser#check}
 * @param earliest the earliest plausible date
 * @param latest the latest plausible date, or {@code null} for one year after the import
 */
record DateSection(String column, String format, LocalDate earliest, LocalDate latest) {

	/**
	 * @param field the {@code date:} field (required, so never {@code null})
	 */
	static DateSection read(Field field) {
		Mapping date = field.value().mapping("a mapping of date fields");
		date.allowOnly("date", "column", "format", "earliest", "latest");
		String column = date.required("date", "column").text("date.column");
		String format = DatasetConfig.DEFAULT_DATE_FORMAT;
		Field formatField = date.get("format");
		if (formatField != null) {
			format = formatField.text("date.format");
			String problem = RowParser.DateParser.check(format);
			if (problem != null) {
				throw formatField.error("date.format: " + problem);
			}
		}
		LocalDate earliest = isoDate(date.get("earliest"), "date.earliest", ImportSettings.DEFAULT_EARLIEST_DATE);
		Field latestField = date.get("latest");
		LocalDate latest = isoDate(latestField, "date.latest", null);
		if (latest != null && latest.isBefore(earliest)) {
			throw latestField.error("date.latest " + latest + " is before date.earliest " + earliest);
		}
		return new DateSection(column, format, earliest, latest);
	}

	private static LocalDate isoDate(Field field, String what, LocalDate absent) {
		if (field == null) {
			return absent;
		}
		String text = field.text(what);
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw field.error(what + ": expected a date yyyy-MM-dd, found '" + text + "'");
		}
	}

}
