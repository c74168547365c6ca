package io.ratchet.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ScanAhead} against the {@link ByteCsvReader} it runs on another thread: the same
 * records, lines, undecodable bytes and answers from the bytes, across many batches; a
 * source's error after every record before it; closing part way ends the thread.
 */
class ScanAheadTests {

	private static final Path FILE = Path.of("incoming.csv");

	/** Pieces of fields: numbers and not quite numbers, CSV syntax, UTF-8, tokens. */
	private static final String[] PIECES = { "12.5", "-3", "0.0001", "1e5", "NaN", "-", ".", "7.", "gold", "NA", ",",
			"\"", "\n", "\r\n", " ", "\u00e9", "\u20ac", "\ud83d\ude00", "" };

	@Test
	void givesWhatTheReaderGivesOnRandomFiles() {
		SplittableRandom random = new SplittableRandom(1517);
		for (int file = 0; file < 3; file++) {
			// given: thousands of records (many batches), some of them long (batches
			// closed by their bytes), quoted, non-ASCII, undecodable or blank
			byte[] bytes = randomFile(random, 4_000 + random.nextInt(4_000), -1);

			// when
			List<String> direct = read(bytes, (reader) -> reader);
			List<String> ahead = read(bytes, (reader) -> new ScanAhead(reader, FILE.toString(), -1L));

			// then
			assertThat(ahead).as("file " + file).hasSizeGreaterThan(4_000).isEqualTo(direct);
		}
	}

	@Test
	void aSourceErrorComesAfterEveryRecordBeforeIt() {
		// given: a quote without its end after 5,000 records
		byte[] bytes = randomFile(new SplittableRandom(18), 6_000, 5_000);

		// when
		List<String> direct = read(bytes, (reader) -> reader);
		List<String> ahead = read(bytes, (reader) -> new ScanAhead(reader, FILE.toString(), 0b110L));

		// then: the same records, then the same error (file, line, cause)
		assertThat(ahead).isEqualTo(direct);
		assertThat(ahead.get(ahead.size() - 1)).startsWith("error " + FILE + " line ").contains("malformed CSV");
		assertThat(ahead.size()).isGreaterThan(5_000);
	}

	@Test
	void closingPartWayEndsTheScanningThreadAndClosesTheSource() {
		// given: a source of 200,000 records, of which the caller takes 10
		StringBuilder text = new StringBuilder("id,x\n");
		for (int i = 0; i < 200_000; i++) {
			text.append(i).append(',').append(i * 0.5).append('\n');
		}
		boolean[] closed = { false };
		ByteArrayInputStream in = new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)) {

			@Override
			public void close() {
				closed[0] = true;
			}

		};
		ScanAhead records = new ScanAhead((ByteCsvReader) ByteCsvReader.open(FILE, in, 1000), "part.csv", 0b10L);
		for (int i = 0; i < 10; i++) {
			assertThat(records.next()).isTrue();
		}
		assertThat(records.fields().isFiniteDecimal(1)).isTrue();

		// when
		records.close();

		// then
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("import-scan part.csv") && thread.isAlive());
		assertThat(closed[0]).isTrue();
	}

	/**
	 * A CSV file of {@code records} records of three to five fields after a header of
	 * four; the record {@code broken} (when not -1) opens a quote that never ends.
	 */
	private static byte[] randomFile(SplittableRandom random, int records, int broken) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes("id,x,y,plan\n".getBytes(StandardCharsets.US_ASCII));
		for (int r = 0; r < records; r++) {
			if (random.nextInt(50) == 0) {
				out.write('\n');
			}
			int fields = (random.nextInt(20) == 0) ? random.nextInt(3, 6) : 4;
			for (int f = 0; f < fields; f++) {
				if (f > 0) {
					out.write(',');
				}
				field(random, out);
			}
			if (r == broken) {
				out.writeBytes(",\"never closed".getBytes(StandardCharsets.US_ASCII));
			}
			out.writeBytes((random.nextBoolean() ? "\n" : "\r\n").getBytes(StandardCharsets.US_ASCII));
		}
		return out.toByteArray();
	}

	private static void field(SplittableRandom random, ByteArrayOutputStream out) {
		StringBuilder value = new StringBuilder();
		int pieces = (random.nextInt(300) == 0) ? 40_000 : random.nextInt(0, 3);
		for (int i = 0; i < pieces; i++) {
			value.append(PIECES[random.nextInt((pieces > 2) ? 10 : PIECES.length)]);
		}
		byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
		if (random.nextInt(40) == 0) {
			text = (value + "\u00e9").getBytes(StandardCharsets.UTF_8);
			text[text.length - 1] = (byte) 0xFC;
		}
		boolean plain = value.indexOf(",") < 0 && value.indexOf("\n") < 0 && value.indexOf("\r") < 0
				&& value.indexOf("\"") < 0;
		if (plain && random.nextInt(4) > 0) {
			out.writeBytes(text);
			return;
		}
		out.write('"');
		for (byte b : text) {
			if (b == '"') {
				out.write('"');
			}
			out.write(b);
		}
		out.write('"');
	}

	/**
	 * What a source gives, one line per record (line, fields, undecodable bytes, and per
	 * field whether it is empty, a missing token, a finite decimal, its number, then the
	 * record as a month file line), then its error.
	 */
	private static List<String> read(byte[] bytes, Function<ByteCsvReader, RecordSource> source) {
		List<String> seen = new ArrayList<>();
		ByteCsvReader reader = (ByteCsvReader) ByteCsvReader.open(FILE, new ByteArrayInputStream(bytes), 1 << 20);
		try (RecordSource records = source.apply(reader)) {
			seen.add("header " + records.header());
			while (records.next()) {
				CsvFields fields = records.fields();
				StringBuilder record = new StringBuilder().append(records.line())
					.append(": ")
					.append(List.of(fields.values()))
					.append(" | ")
					.append(records.invalidBytes());
				for (int i = 0; i < fields.size(); i++) {
					record.append(" | ").append(fields.isEmpty(i)).append(fields.is(i, "NA"));
					record.append(fields.isFiniteDecimal(i)).append(number(fields, i));
				}
				int[] order = new int[fields.size()];
				for (int i = 0; i < order.length; i++) {
					order[i] = i;
				}
				seen.add(record.append(" | ").append(HexFormat.of().formatHex(fields.line(order))).toString());
			}
		}
		catch (DataFileException ex) {
			seen.add("error " + ex.getMessage());
		}
		return seen;
	}

	private static String number(CsvFields fields, int field) {
		try {
			return String.valueOf(fields.decimal(field));
		}
		catch (NumberFormatException ex) {
			return "not a number";
		}
	}

}
