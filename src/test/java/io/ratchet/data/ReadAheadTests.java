package io.ratchet.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReadAheadTests {

	private static final Path FILE = Path.of("source.csv");

	@Test
	void handsOutEveryRecordInOrderWithItsLineThenTheErrorOfTheSourceAfterThem() throws IOException {
		// given: 5,000 records (several chunks), every tenth spanning two lines, then a
		// malformed one
		StringBuilder text = new StringBuilder("n,v\n");
		long[] lines = new long[5000];
		long line = 2;
		for (int i = 0; i < lines.length; i++) {
			lines[i] = line;
			text.append(i).append((i % 10 == 0) ? ",\"x\ny\"\n" : ",y\n");
			line += (i % 10 == 0) ? 2 : 1;
		}
		text.append("5000,\"z\"z\n");

		// when
		try (CsvSource csv = open(text, 100); ReadAhead records = new ReadAhead(csv)) {
			for (int i = 0; i < lines.length; i++) {
				assertThat(records.next()).isTrue();

				// then: each record, in order, with the line it starts on
				assertThat(records.record().get(0)).isEqualTo(String.valueOf(i));
				assertThat(records.line()).isEqualTo(lines[i]);
				assertThat(records.invalidBytes()).isNull();
			}
			long unfinished = line;
			assertThatExceptionOfType(DataFileException.class).isThrownBy(records::next)
				.satisfies((ex) -> assertThat(ex.line()).isEqualTo(unfinished))
				.withMessageContaining("malformed CSV");
		}
	}

	@Test
	void endsAfterTheLastRecordAndTellsOfUndecodableBytes() throws IOException {
		// given: two records, the second with a byte that is not UTF-8
		byte[] bytes = "n,v\n1,a\n2,\u00fc\n".getBytes(StandardCharsets.ISO_8859_1);

		// when
		try (CsvSource csv = CsvSource.open(FILE, new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, 1000);
				ReadAhead records = new ReadAhead(csv)) {
			// then
			assertThat(records.next()).isTrue();
			assertThat(records.invalidBytes()).isNull();
			assertThat(records.next()).isTrue();
			assertThat(records.line()).isEqualTo(3);
			assertThat(records.invalidBytes()).contains("\\xFC in column v");
			assertThat(records.next()).isFalse();
			assertThat(records.next()).isFalse();
		}
	}

	@Test
	void closingBeforeTheEndStopsTheReadingThread() throws IOException {
		// given: far more records than the chunks that may wait
		StringBuilder text = new StringBuilder("n,v\n");
		for (int i = 0; i < 50_000; i++) {
			text.append(i).append(",y\n");
		}
		CsvSource csv = open(text, 1000);
		ReadAhead records = new ReadAhead(csv);
		assertThat(records.next()).isTrue();

		// when
		records.close();

		// then: no thread of it is left, and the source can be closed
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("import-read " + FILE));
		csv.close();
	}

	private static CsvSource open(CharSequence text, int bound) {
		return CsvSource.open(FILE, new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
				StandardCharsets.UTF_8, bound);
	}

}
