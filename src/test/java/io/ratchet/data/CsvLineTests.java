package io.ratchet.data;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvLineTests {

	private static final String ALPHABET = "ab ,\"\r\n#!\t\u00e9\u6771\u0000'x;-1.";

	@Test
	void formatsRecordsExactlyAsCommonsCsvWrites() {
		// given: random records over characters that matter to quoting
		Random random = new Random(42);
		for (int n = 0; n < 20_000; n++) {
			String[] values = new String[1 + random.nextInt(4)];
			for (int i = 0; i < values.length; i++) {
				StringBuilder value = new StringBuilder();
				for (int length = random.nextInt(5); length > 0; length--) {
					value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
				}
				values[i] = value.toString();
			}

			// when
			String ours = CsvLine.format(values);

			// then
			assertThat(ours).as(String.join("|", values)).isEqualTo(CsvSource.WRITE_FORMAT.format((Object[]) values));
		}
	}

}
