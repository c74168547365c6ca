package io.ratchet.system;

import java.util.regex.Pattern;

/**
 * The one rule for names that become part of a file name (datasets, models, versions):
 * letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100
 * characters. Such a name has no separator, cannot be {@code .} or {@code ..}, is never
 * absolute and holds no NUL, so {@code folder.resolve(name)} stays inside {@code folder}.
 */
public final class SafeNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private SafeNames() {
	}

	/** Whether {@code value} is a safe name. */
	public static boolean isSafe(String value) {
		return value != null && NAME.matcher(value).matches();
	}

	/**
	 * Returns {@code value} when it is a safe name.
	 * @param what what the name names, for the message, e.g. {@code dataset}
	 * @throws UnsafeNameException naming the value and the rule otherwise
	 */
	public static String require(String what, String value) {
		if (!isSafe(value)) {
			throw new UnsafeNameException("invalid " + what + " name '" + printable(value)
					+ "': use letters, digits, '.', '_' and '-', starting with a letter or digit (at most 100); "
					+ "no path separators, '..', absolute paths or control characters");
		}
		return value;
	}

	private static String printable(String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder text = new StringBuilder();
		value.codePoints().limit(120).forEach((c) -> {
			if (Character.isISOControl(c)) {
				text.append(String.format("\\u%04x", c));
			}
			else {
				text.appendCodePoint(c);
			}
		});
		return text.toString();
	}

}
