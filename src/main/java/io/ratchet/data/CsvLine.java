package io.ratchet.data;

/**
 * Formats one record as {@link CsvSource#WRITE_FORMAT} does (RFC 4180, minimal quoting),
 * without a line break.
 * <p>
 * Commons CSV's own formatting takes a lock and builds a printer for every record, which
 * made it the largest cost of an import; this does the same in a loop over the
 * characters. The quoting rules are those of Commons CSV's {@code QuoteMode.MINIMAL},
 * which a test checks against it on random values: a value is quoted when it holds a
 * comma, a quote or a line break, starts with a character up to {@code #} or ends with
 * one up to a space, and an empty value is quoted when it is the first of the record; a
 * quote inside is doubled.
 */
final class CsvLine {

	private CsvLine() {
	}

	static String format(String[] values) {
		StringBuilder line = new StringBuilder(16 * values.length);
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				line.append(',');
			}
			append(line, values[i], i == 0);
		}
		return line.toString();
	}

	private static void append(StringBuilder line, String value, boolean first) {
		if (!needsQuotes(value, first)) {
			line.append(value);
			return;
		}
		line.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"') {
				line.append('"');
			}
			line.append(c);
		}
		line.append('"');
	}

	private static boolean needsQuotes(String value, boolean first) {
		int length = value.length();
		if (length == 0) {
			return first;
		}
		if (value.charAt(0) <= '#' || value.charAt(length - 1) <= ' ') {
			return true;
		}
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c == ',' || c == '"' || c == '\n' || c == '\r') {
				return true;
			}
		}
		return false;
	}

}
