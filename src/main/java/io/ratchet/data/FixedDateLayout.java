package io.ratchet.data;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * A date pattern of fixed width, read by hand straight from the bytes of a field: the
 * patterns made of a four-digit year ({@code uuuu}), a two-digit month ({@code MM}) and
 * day of month ({@code dd}), optionally a two-digit hour ({@code HH}), minute
 * ({@code mm}) and second ({@code ss}), between ASCII characters that are not letters or
 * quoted ({@code 'T'}): {@code yyyy-MM-dd}, {@code dd/MM/yyyy}, {@code yyyyMMdd},
 * {@code yyyy-MM-dd HH:mm:ss}, {@code yyyy-MM-dd'T'HH:mm} … (years already turned into
 * {@code u} by {@link RowParser.DateParser}).
 * <p>
 * {@link #parse} answers only for a text of exactly this form that is a valid date (and
 * time of day, which is checked and left aside), as the strict formatter of the pattern
 * reads it; for anything else it answers {@code null} and {@link RowParser.DateParser}
 * asks the formatter, so a text is never read differently from the formatter, only
 * faster. {@code DateParserTests} compares the two on random dates and bad forms.
 */
final class FixedDateLayout {

	/** In {@link #expected}: a digit, not a literal byte. */
	private static final byte DIGIT = 0;

	/** Per byte of the text, the literal it must be, or {@link #DIGIT}. */
	private final byte[] expected;

	/** Where each number starts in the text, -1 when the pattern has none. */
	private final int year;

	private final int month;

	private final int day;

	private final int[] timeOfDay;

	/** The largest value of each number of {@link #timeOfDay}. */
	private static final int[] TIME_MAXIMUM = { 23, 59, 59 };

	private FixedDateLayout(byte[] expected, int[] starts) {
		this.expected = expected;
		this.year = starts[0];
		this.month = starts[1];
		this.day = starts[2];
		this.timeOfDay = new int[] { starts[3], starts[4], starts[5] };
	}

	/**
	 * The layout of a pattern (years written {@code u}), or {@code null} when it is not
	 * one this class reads.
	 */
	static FixedDateLayout of(String pattern) {
		String letters = "uMdHms";
		int[] widths = { 4, 2, 2, 2, 2, 2 };
		int[] starts = { -1, -1, -1, -1, -1, -1 };
		StringBuilder expected = new StringBuilder();
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			int run = 1;
			while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
				run++;
			}
			if (c == '\'') {
				int end = pattern.indexOf('\'', i + 1);
				if (end <= i + 1 || (end + 1 < pattern.length() && pattern.charAt(end + 1) == '\'')) {
					return null; // '' (a quote) and quotes within quotes: left to the
									// formatter
				}
				String literal = pattern.substring(i + 1, end);
				if (!literal.chars().allMatch(FixedDateLayout::isLiteral)) {
					return null;
				}
				expected.append(literal);
				i = end + 1;
				continue;
			}
			int letter = letters.indexOf(c);
			if (letter >= 0 && run == widths[letter] && starts[letter] < 0) {
				starts[letter] = expected.length();
				expected.append(String.valueOf((char) DIGIT).repeat(run));
			}
			else if (Character.isLetter(c) || "[]{}#".indexOf(c) >= 0 || !isLiteral(c)) {
				return null;
			}
			else {
				expected.append(pattern, i, i + run);
			}
			i += run;
		}
		if (starts[0] < 0 || starts[1] < 0 || starts[2] < 0) {
			return null;
		}
		byte[] bytes = new byte[expected.length()];
		for (int at = 0; at < bytes.length; at++) {
			bytes[at] = (byte) expected.charAt(at);
		}
		return new FixedDateLayout(bytes, starts);
	}

	private static boolean isLiteral(int c) {
		return c > 0 && c < 0x80;
	}

	/**
	 * The date of {@code bytes[from, to)}, or {@code null} when they are not of this form
	 * or not a valid date and time of day.
	 */
	LocalDate parse(byte[] bytes, int from, int to) {
		if (to - from != this.expected.length) {
			return null;
		}
		for (int i = 0; i < this.expected.length; i++) {
			byte c = bytes[from + i];
			byte expected = this.expected[i];
			if ((expected == DIGIT) ? (c < '0' || c > '9') : (c != expected)) {
				return null;
			}
		}
		int year = number(bytes, from + this.year, 4);
		int month = number(bytes, from + this.month, 2);
		int day = number(bytes, from + this.day, 2);
		if (month < 1 || month > 12 || day < 1 || (day > 28 && day > Month.of(month).length(Year.isLeap(year)))) {
			return null;
		}
		for (int i = 0; i < this.timeOfDay.length; i++) {
			if (this.timeOfDay[i] >= 0 && number(bytes, from + this.timeOfDay[i], 2) > TIME_MAXIMUM[i]) {
				return null;
			}
		}
		return LocalDate.of(year, month, day);
	}

	/**
	 * {@link #parse(byte[], int, int)} of a text (only an ASCII one can be of this form).
	 */
	LocalDate parse(String text) {
		if (text.length() != this.expected.length) {
			return null;
		}
		byte[] bytes = new byte[text.length()];
		for (int i = 0; i < bytes.length; i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				return null;
			}
			bytes[i] = (byte) c;
		}
		return parse(bytes, 0, bytes.length);
	}

	private static int number(byte[] bytes, int from, int digits) {
		int value = 0;
		for (int i = from; i < from + digits; i++) {
			value = value * 10 + (bytes[i] - '0');
		}
		return value;
	}

}
