package io.ratchet.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers as {@link Double#parseDouble} does, to the bit, but several
 * times faster for the plain decimals CSV files are made of ({@code -12.3456},
 * {@code 1.5e-7}: an optional minus, digits with an optional point, an optional exponent,
 * nothing else), and straight from the bytes of a file ({@link #parse(byte[], int, int)})
 * without making a {@code String}.
 * <p>
 * The fast path (Clinger's): when the number has at most 15 significant digits and its
 * power of ten (the exponent less the digits after the point) lies within [-22, 22], it
 * is an integer {@code m < 2^53} times or over {@code 10^k} with {@code k <= 22}; both
 * are exact doubles, so one IEEE multiplication or division gives the correctly rounded
 * value, which is what {@code parseDouble} returns. Anything else (more digits, a larger
 * power, a plus sign, spaces, NaN, hexadecimal, a type suffix) goes to
 * {@code parseDouble} itself.
 */
public final class DecimalParser {

	private static final int MAX_DIGITS = 15;

	private static final int MAX_POWER = 22;

	/** The longest text {@link #isFiniteDecimal} answers for (digits and point). */
	private static final int MAX_CHECKED_DIGITS = 300;

	private static final double[] POWERS_OF_TEN = new double[MAX_POWER + 1];

	static {
		double power = 1;
		for (int i = 0; i < POWERS_OF_TEN.length; i++) {
			POWERS_OF_TEN[i] = power;
			power *= 10;
		}
	}

	private DecimalParser() {
	}

	/**
	 * The value of {@code text}, exactly as {@link Double#parseDouble(String)} gives it.
	 * @throws NumberFormatException as {@code parseDouble} does
	 */
	public static double parse(String text) {
		int length = text.length();
		if (length > 64) {
			return Double.parseDouble(text);
		}
		// a String of Latin-1 characters copies into bytes with one array copy; any other
		// character becomes '?', which sends the number to parseDouble(text)
		byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
		double value = fast(bytes, 0, length);
		return Double.isNaN(value) ? Double.parseDouble(text) : value;
	}

	/**
	 * The value of the UTF-8 text {@code bytes[from, to)}, exactly as
	 * {@link Double#parseDouble(String)} gives it.
	 * @throws NumberFormatException as {@code parseDouble} does
	 */
	static double parse(byte[] bytes, int from, int to) {
		double value = fast(bytes, from, to);
		return Double.isNaN(value) ? Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.UTF_8))
				: value;
	}

	/**
	 * Whether the UTF-8 text {@code bytes[from, to)} is certainly a finite number that
	 * {@link #parse(byte[], int, int)} accepts, found without computing it: an optional
	 * minus, then at most {@value #MAX_CHECKED_DIGITS} digits with at most one point
	 * among them (at least one digit), nothing else. Such a text is below
	 * 10<sup>{@value #MAX_CHECKED_DIGITS}</sup>, so finite. {@code false} says nothing
	 * (an exponent, a plus sign, spaces ...): the caller then parses the text, which
	 * accepts or refuses it as {@code parseDouble} does. Used where a number is validated
	 * but its value is not needed (an imported row goes to its month file as its bytes).
	 */
	static boolean isFiniteDecimal(byte[] bytes, int from, int to) {
		int i = (from < to && bytes[from] == '-') ? from + 1 : from;
		if (to - i > MAX_CHECKED_DIGITS || i == to) {
			return false;
		}
		boolean point = false;
		for (; i < to; i++) {
			int c = bytes[i];
			if (c == '.') {
				if (point) {
					return false;
				}
				point = true;
			}
			else if (c < '0' || c > '9') {
				return false;
			}
		}
		// a lone point ("." or "-.") has no digit
		return !point || to - from > ((bytes[from] == '-') ? 2 : 1);
	}

	/**
	 * The value when the fast path applies, otherwise NaN (which the fast path never
	 * gives: the text "NaN" is left to {@code parseDouble}).
	 */
	private static double fast(byte[] bytes, int from, int to) {
		int i = from;
		boolean negative = false;
		if (i < to && bytes[i] == '-') {
			negative = true;
			i++;
		}
		long mantissa = 0;
		int significant = 0;
		int fraction = 0;
		boolean point = false;
		boolean digit = false;
		for (; i < to; i++) {
			int d = bytes[i] - '0';
			if (d >= 0 && d <= 9) {
				digit = true;
				if (mantissa != 0 || d != 0) {
					if (++significant > MAX_DIGITS) {
						return Double.NaN;
					}
					mantissa = mantissa * 10 + d;
				}
				if (point) {
					fraction++;
				}
			}
			else if (bytes[i] == '.' && !point) {
				point = true;
			}
			else {
				break;
			}
		}
		if (!digit) {
			return Double.NaN;
		}
		int exponent = 0;
		if (i < to) {
			if (bytes[i] != 'e' && bytes[i] != 'E') {
				return Double.NaN;
			}
			i++;
			boolean negativeExponent = false;
			if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
				negativeExponent = bytes[i] == '-';
				i++;
			}
			if (i == to || to - i > 3) {
				return Double.NaN;
			}
			for (; i < to; i++) {
				int d = bytes[i] - '0';
				if (d < 0 || d > 9) {
					return Double.NaN;
				}
				exponent = exponent * 10 + d;
			}
			if (negativeExponent) {
				exponent = -exponent;
			}
		}
		int power = exponent - fraction;
		double value;
		if (mantissa == 0) {
			value = 0;
		}
		else if (power < -MAX_POWER || power > MAX_POWER) {
			return Double.NaN;
		}
		else {
			value = (power < 0) ? mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
		}
		return negative ? -value : value;
	}

}
