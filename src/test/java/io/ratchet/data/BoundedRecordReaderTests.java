package io.ratchet.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedRecordReaderTests {

	private static final String ALPHABET = "ab,\"\r\n ";

	@Test
	void readingInBlocksBoundsRecordsExactlyAsReadingCharByChar() throws IOException {
		// given: random texts over the characters that matter to the CSV syntax, and
		// bounds near their record lengths
		Random random = new Random(7);
		for (int n = 0; n < 20_000; n++) {
			StringBuilder text = new StringBuilder();
			for (int length = random.nextInt(40); length > 0; length--) {
				text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
			}
			int bound = 1 + random.nextInt(12);

			// when: read in blocks of random sizes (the fast path), and one char at a
			// time
			String inBlocks = outcome(new BoundedRecordReader(new StringReader(text.toString()), bound), random);
			String byChar = outcome(new BoundedRecordReader(new StringReader(text.toString()), bound), null);

			// then: the same characters, and the same error at the same line
			assertThat(inBlocks).as(text.toString().replace("\r", "\\r").replace("\n", "\\n") + " bound " + bound)
				.isEqualTo(byChar);
		}
	}

	/** What a reader hands out, then how it ends. */
	private static String outcome(Reader reader, Random blocks) throws IOException {
		StringBuilder read = new StringBuilder();
		try {
			if (blocks == null) {
				for (int c = reader.read(); c >= 0; c = reader.read()) {
					read.append((char) c);
				}
			}
			else {
				char[] block = new char[8];
				for (int n = reader.read(block, 0, 1 + blocks.nextInt(8)); n >= 0; n = reader.read(block, 0,
						1 + blocks.nextInt(8))) {
					read.append(block, 0, n);
				}
			}
			return read + " | end";
		}
		catch (BoundedRecordReader.RecordTooLong ex) {
			// the block read may hand out nothing of the block in which the bound is
			// passed
			return "too long at line " + ex.line();
		}
	}

}
