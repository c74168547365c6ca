package io.ratchet.data;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DecimalParserTests {

	@Test
	void agreesWithParseDoubleToTheBit() {
		// given
		String[] texts = { "0", "-0", "-0.0", "0.1", "1.", ".5", "-.5", "123456789012345", "1234567890123456",
				"0.30000000000000004", "9007199254740993", "1e3", "+1.5", " 2.5", "2.5 ", "NaN", "Infinity",
				"-Infinity", "0x1p3", "1.5d", "12.3456", "-99999.99999", "0.0000000000000000000001",
				"0.00000000000000000000001", "00012.500", "1.7976931348623157", "4.9e-324" };
		// when / then
		for (String text : texts) {
			assertThat(Double.doubleToRawLongBits(DecimalParser.parse(text))).as(text)
				.isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
		}
	}

	@Test
	void agreesWithParseDoubleOnRandomDecimals() {
		// given
		SplittableRandom random = new SplittableRandom(5);
		for (int i = 0; i < 200_000; i++) {
			long mantissa = random.nextLong(0, 1L << random.nextInt(1, 60));
			String digits = Long.toString(mantissa);
			int point = random.nextInt(0, digits.length() + 1);
			String text = ((random.nextBoolean()) ? "-" : "") + digits.substring(0, point) + "."
					+ digits.substring(point);
			// when / then
			assertThat(Double.doubleToRawLongBits(DecimalParser.parse(text))).as(text)
				.isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
		}
	}

	@Test
	void rejectsWhatParseDoubleRejects() {
		for (String text : new String[] { "", "-", ".", "-.", "1.2.3", "1-2", "abc", "1,5" }) {
			assertThatExceptionOfType(NumberFormatException.class).as(text).isThrownBy(() -> DecimalParser.parse(text));
		}
	}

}
