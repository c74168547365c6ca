package io.ratchet.data;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.apache.commons.csv.CSVRecord;

/**
 * The fields of one CSV record, as {@link RowParser} reads them: either a Commons CSV
 * {@link CSVRecord} ({@link #of}) or the current record of a {@link ByteCsvReader}, which
 * answers the questions below from the bytes without making a {@code String} per field.
 */
interface CsvFields {

	/** How many fields the record has. */
	int size();

	/** The field's text. */
	String get(int field);

	/** Every field's text, in order. */
	String[] values();

	/** Whether the field is empty. */
	default boolean isEmpty(int field) {
		return get(field).isEmpty();
	}

	/** Whether the field's text is {@code text}. */
	default boolean is(int field, String text) {
		return get(field).equals(text);
	}

	/**
	 * The field as {@link DecimalParser#parse(String)} reads it.
	 * @throws NumberFormatException when it is not a number
	 */
	default double decimal(int field) {
		return DecimalParser.parse(get(field));
	}

	/**
	 * Whether the field is certainly a finite number
	 * ({@link DecimalParser#isFiniteDecimal}), found without computing it; {@code false}
	 * says nothing.
	 */
	default boolean isFiniteDecimal(int field) {
		return false;
	}

	/**
	 * The field as a date of {@code dates}' pattern, or {@code null} when it is not one.
	 */
	default LocalDate date(int field, RowParser.DateParser dates) {
		return dates.parse(get(field));
	}

	/**
	 * Some of the fields as one record of a month file: {@link CsvLine#format} of
	 * {@code order}'s fields, in UTF-8, without a line break.
	 * @param order the field of this record for each column of the line
	 */
	default byte[] line(int[] order) {
		String[] values = new String[order.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = get(order[i]);
		}
		return CsvLine.format(values).getBytes(StandardCharsets.UTF_8);
	}

	/** The fields of a Commons CSV record. */
	static CsvFields of(CSVRecord record) {
		return new CsvFields() {

			@Override
			public int size() {
				return record.size();
			}

			@Override
			public String get(int field) {
				return record.get(field);
			}

			@Override
			public String[] values() {
				return record.values();
			}

		};
	}

}
