package io.ratchet.data;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The fields of one CSV record held as bytes (UTF-8 or US-ASCII, {@code ""} already
 * turned into one quote), answering {@link RowParser}'s questions from the bytes: the
 * current record of a {@link ByteCsvReader}, or of a {@link ScanAhead} batch. A row costs
 * one {@code String} per categorical or id field at most (short ones are taken from a
 * small cache), and a record is given back as the bytes it came as when a month file
 * would hold those ({@link #line}).
 */
abstract class ByteFields implements CsvFields {

	/** Fields up to this many bytes are looked up in {@link #cache}. */
	private static final int CACHED_LENGTH = 32;

	/** Recent short texts by a hash of their bytes (levels repeat from row to row). */
	private final String[] cache = new String[1024];

	/** The array the current record's bytes are in. */
	abstract byte[] bytes();

	/** Where a field's bytes start in {@link #bytes()}. */
	abstract int start(int field);

	/** Where a field's bytes end in {@link #bytes()}. */
	abstract int end(int field);

	/** Where the record's bytes start in {@link #bytes()}. */
	abstract int recordStart();

	/** Where the record's bytes end, without its line break. */
	abstract int recordEnd();

	/** Whether the record is all ASCII (then a byte is a character). */
	abstract boolean ascii();

	/**
	 * {@link StrictReader#decode} of {@code bytes()[from, to)}: each undecodable byte as
	 * {@link StrictReader#INVALID} and its two hex digits.
	 */
	abstract String decode(int from, int to);

	@Override
	public String get(int field) {
		int from = start(field);
		int to = end(field);
		if (!ascii()) {
			return decode(from, to);
		}
		byte[] bytes = bytes();
		if (to - from > CACHED_LENGTH) {
			return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
		}
		int hash = 0;
		for (int i = from; i < to; i++) {
			hash = 31 * hash + bytes[i];
		}
		int slot = (hash ^ (hash >>> 10)) & (this.cache.length - 1);
		String cached = this.cache[slot];
		if (cached == null || !sameAscii(from, to, cached)) {
			cached = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
			this.cache[slot] = cached;
		}
		return cached;
	}

	@Override
	public String[] values() {
		String[] values = new String[size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = get(i);
		}
		return values;
	}

	@Override
	public boolean isEmpty(int field) {
		return start(field) == end(field);
	}

	@Override
	public boolean is(int field, String text) {
		if (text == null) {
			return false;
		}
		return ascii() ? sameAscii(start(field), end(field), text) : get(field).equals(text);
	}

	@Override
	public double decimal(int field) {
		return DecimalParser.parse(bytes(), start(field), end(field));
	}

	@Override
	public boolean isFiniteDecimal(int field) {
		return DecimalParser.isFiniteDecimal(bytes(), start(field), end(field));
	}

	@Override
	public LocalDate date(int field, RowParser.DateParser dates) {
		return ascii() ? dates.parse(bytes(), start(field), end(field)) : CsvFields.super.date(field, dates);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The record's own bytes when they are that already (the columns in the same order,
	 * nothing quoted or to quote): one copy, no {@code String}.
	 */
	@Override
	public byte[] line(int[] order) {
		if (writtenAsIs(order)) {
			return Arrays.copyOfRange(bytes(), recordStart(), recordEnd());
		}
		return CsvFields.super.line(order);
	}

	/**
	 * Whether {@link CsvLine#format} of the fields in this order gives the record's
	 * bytes: every field in its place, no quote anywhere, no field that {@code CsvLine}
	 * quotes (the first one empty, one that starts with a character up to {@code #} or
	 * ends with one up to a space). The bytes are valid in the encoding (a record with
	 * undecodable bytes is rejected before), so they are the field's UTF-8.
	 */
	private boolean writtenAsIs(int[] order) {
		if (order.length != size() || isEmpty(0)) {
			return false;
		}
		byte[] bytes = bytes();
		for (int field = 0; field < order.length; field++) {
			int from = start(field);
			int to = end(field);
			if (order[field] != field
					|| (from < to && ((bytes[from] & 0xFF) <= '#' || (bytes[to - 1] & 0xFF) <= ' '))) {
				return false;
			}
		}
		for (int i = recordStart(); i < recordEnd(); i++) {
			if (bytes[i] == '"') {
				return false;
			}
		}
		return true;
	}

	/** Whether the ASCII bytes {@code [from, to)} spell {@code text}. */
	private boolean sameAscii(int from, int to, String text) {
		if (to - from != text.length()) {
			return false;
		}
		byte[] bytes = bytes();
		for (int i = from; i < to; i++) {
			if (bytes[i] != text.charAt(i - from)) {
				return false;
			}
		}
		return true;
	}

}
