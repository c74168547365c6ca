package io.ratchet.data;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DecimalParser} against {@link Double#parseDouble} on millions of seeded random
 * decimal texts, from a {@code String} and from bytes: the same double to the bit, or the
 * same refusal.
 */
class DecimalParserPropertyTests {

	/** Digits with at most one point among them, at least one digit. */
	private static final Pattern PLAIN = Pattern.compile("\\d+\\.?\\d*|\\.\\d+");

	private static final String[] EDGES = { "-0", "0", "-0.0", "1e22", "1e23", "-1e22", "1E-22", "1e-23", ".5", "5.",
			"-.5", "-5.", "9007199254740993", "123456789012345", "1234567890123456", "123456789012345678901",
			"000000000000000000000001", "0.000000000000000000000001", "1.e5", ".5e1", "1e", "e5", "", "-", ".", "-.",
			"1e+", "1e-", "1e+5", "1e0005", "0e999", "4.9e-324", "2.2250738585072014E-308", "1.7976931348623157e308",
			"1e309", "NaN", "-Infinity", " 1", "1 ", "+1", "1.5d", "0x1p3", "1..2", "1e5.5", "1-", "--1", "99e20",
			"999999999999999e22", "0.30000000000000004", "123456789012345e-22" };

	@Test
	void edgeCasesParseAsParseDoubleDoes() {
		for (String text : EDGES) {
			assertSame(text);
		}
	}

	@Test
	void randomDecimalsParseAsParseDoubleDoes() {
		// given: 2,000,000 texts of random shape (sign, leading zeros, up to 20 digits
		// before and after the point, exponents of 1 to 4 digits, a few stray characters)
		SplittableRandom random = new SplittableRandom(15);
		StringBuilder text = new StringBuilder();
		for (int n = 0; n < 2_000_000; n++) {
			text.setLength(0);
			int sign = random.nextInt(10);
			text.append((sign < 4) ? "-" : (sign == 4) ? "+" : "");
			digits(random, text, random.nextInt(0, (random.nextInt(4) == 0) ? 21 : 9));
			if (random.nextInt(3) > 0) {
				text.append('.');
				digits(random, text, random.nextInt(0, (random.nextInt(4) == 0) ? 21 : 9));
			}
			if (random.nextInt(4) == 0) {
				text.append((random.nextBoolean()) ? 'e' : 'E');
				int exponentSign = random.nextInt(3);
				text.append((exponentSign == 0) ? "-" : (exponentSign == 1) ? "+" : "");
				digits(random, text, random.nextInt(0, 5));
			}
			if (random.nextInt(200) == 0) {
				text.insert(random.nextInt(text.length() + 1), " x.e-".charAt(random.nextInt(5)));
			}

			// when / then
			assertSame(text.toString());
		}
	}

	@Test
	void theCheckWithoutAValueAcceptsOnlyWhatParseAcceptsAsFinite() {
		// given: the edge cases, and 2,000,000 random texts: decimals of up to 310 digits
		// (the check's limit is 300), with a sign, a point, an exponent, or one character
		// changed, added or dropped
		SplittableRandom random = new SplittableRandom(1515);
		String alphabet = "0123456789.-+eE x";
		for (String text : EDGES) {
			assertCheckAgreesWithParse(text);
		}
		int accepted = 0;
		StringBuilder text = new StringBuilder();
		for (int n = 0; n < 2_000_000; n++) {
			text.setLength(0);
			text.append((random.nextInt(3) == 0) ? "-" : "");
			digits(random, text, (random.nextInt(100) == 0) ? random.nextInt(290, 311) : random.nextInt(0, 12));
			if (random.nextInt(3) > 0) {
				text.insert(random.nextInt(text.length() + 1), '.');
			}
			if (random.nextInt(10) == 0) {
				text.append('e').append(random.nextInt(-400, 400));
			}
			if (random.nextInt(8) == 0) {
				int at = random.nextInt(text.length() + 1);
				char c = alphabet.charAt(random.nextInt(alphabet.length()));
				switch (random.nextInt(3)) {
					case 0 -> text.insert(at, c);
					case 1 -> text.replace(at, Math.min(at + 1, text.length()), String.valueOf(c));
					default -> text.delete(at, Math.min(at + 1, text.length()));
				}
			}
			String body = (text.length() > 0 && text.charAt(0) == '-') ? text.substring(1) : text.toString();
			boolean plain = body.length() <= 300 && PLAIN.matcher(body).matches();

			// when
			boolean checked = assertCheckAgreesWithParse(text.toString());

			// then: never accepted when parse refuses it or reads it as infinite (above),
			// and accepted exactly when it is a plain decimal of up to 300 characters
			if (checked != plain) {
				assertThat(checked).as("plain decimal? %s", text).isEqualTo(plain);
			}
			accepted += checked ? 1 : 0;
		}
		assertThat(accepted).isGreaterThan(1_000_000);
	}

	/** Whether the check accepted the text; fails when parse does not accept it. */
	private static boolean assertCheckAgreesWithParse(String text) {
		byte[] bytes = ("#" + text + "#").getBytes(StandardCharsets.UTF_8);
		boolean accepted = DecimalParser.isFiniteDecimal(bytes, 1, bytes.length - 1);
		if (accepted) {
			Long parsed = bits(() -> DecimalParser.parse(bytes, 1, bytes.length - 1));
			if (parsed == null || !Double.isFinite(Double.longBitsToDouble(parsed))) {
				assertThat(parsed).as("accepted by the check, but parsed as %s: %s", parsed, text)
					.isNotNull()
					.matches((bits) -> Double.isFinite(Double.longBitsToDouble(bits)));
			}
		}
		return accepted;
	}

	private static void digits(SplittableRandom random, StringBuilder text, int count) {
		boolean leadingZeros = random.nextInt(5) == 0;
		for (int i = 0; i < count; i++) {
			text.append((leadingZeros && i < count / 2) ? '0' : (char) ('0' + random.nextInt(10)));
		}
	}

	private static void assertSame(String text) {
		byte[] bytes = ("#" + text + "#").getBytes(StandardCharsets.UTF_8);
		Double expected;
		try {
			expected = Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			expected = null;
		}
		Long fromText = bits(() -> DecimalParser.parse(text));
		Long fromBytes = bits(() -> DecimalParser.parse(bytes, 1, bytes.length - 1));
		// AssertJ only on a difference: two million assertions cost more than the parsing
		if (!Objects.equals(fromText, bits(expected)) || !Objects.equals(fromBytes, bits(expected))) {
			assertThat(fromText).as(text).isEqualTo(bits(expected));
			assertThat(fromBytes).as(text).isEqualTo(bits(expected));
		}
	}

	private static Long bits(Double value) {
		return (value != null) ? Double.doubleToRawLongBits(value) : null;
	}

	private static Long bits(java.util.function.DoubleSupplier parse) {
		try {
			return Double.doubleToRawLongBits(parse.getAsDouble());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
