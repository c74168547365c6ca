package io.ratchet.data;

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
