package io.ratchet.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ByteCsvReader} against {@link CsvSource} (Commons CSV) on random files: the same
 * header, records, fields, start lines, undecodable bytes, and the same errors on the
 * same lines.
 */
class ByteCsvReaderTests {

	private static final Path FILE = Path.of("2012-03.csv");

	/**
	 * Pieces of fields: plain text, the CSV syntax, white space, UTF-8 of 2 to 4 bytes.
	 */
	private static final String[] PIECES = { "a", "gold", "12.5", "-3", ",", "\"", "\n", "\r", "\r\n", " ", "\t",
			"\u00e9", "\u20ac", "\ud83d\ude00", "" };

	@Test
	void readsRandomFilesAsCommonsCsvDoes() {
		SplittableRandom random = new SplittableRandom(4180);
		for (int file = 0; file < 3_000; file++) {
			// given
			byte[] bytes = randomFile(random, false);
			int bound = (random.nextInt(4) == 0) ? random.nextInt(5, 60) : 1_000_000;
			boolean trickle = random.nextBoolean();

			// when / then
			assertSameRecords(bytes, bound, trickle, "file " + file);
		}
	}

	@Test
	void refusesMalformedRandomFilesOnTheLineCommonsCsvNames() {
		SplittableRandom random = new SplittableRandom(7);
		for (int file = 0; file < 1_000; file++) {
			// given: a stray character after a closing quote, or a quote without its end
			byte[] bytes = randomFile(random, true);

			// when / then
			assertSameRecords(bytes, 1_000_000, random.nextBoolean(), "malformed file " + file);
		}
	}

	@Test
	void readsAFileOfManyRecordsAcrossBufferRefills() {
		// given: 60,000 records, about 3 MB, so records cross the 1 MiB buffer's end
		StringBuilder text = new StringBuilder("id,text,x\n");
		for (int i = 0; i < 60_000; i++) {
			text.append(i).append(",\"say \"\"").append(i).append("\"\"\nnow\",").append(i * 0.25).append('\n');
		}
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

		// when
		try (RecordSource reader = ByteCsvReader.open(FILE, new ByteArrayInputStream(bytes), 1000)) {
			// then
			for (int i = 0; i < 60_000; i++) {
				assertThat(reader.next()).isTrue();
				assertThat(reader.line()).isEqualTo(2 + 2L * i);
				assertThat(reader.fields().values()).containsExactly(String.valueOf(i), "say \"" + i + "\"\nnow",
						String.valueOf(i * 0.25));
				assertThat(reader.fields().decimal(2)).isEqualTo(i * 0.25);
			}
			assertThat(reader.next()).isFalse();
		}
	}

	@Test
	void answersFromTheBytesAsTheTextWould() {
		// given
		byte[] bytes = "a,b,c,d\n,NA,\"1.5e3\",\u00e9t\u00e9\n".getBytes(StandardCharsets.UTF_8);

		// when
		try (RecordSource reader = ByteCsvReader.open(FILE, new ByteArrayInputStream(bytes), 1000)) {
			assertThat(reader.next()).isTrue();
			CsvFields fields = reader.fields();

			// then
			assertThat(fields.isEmpty(0)).isTrue();
			assertThat(fields.is(1, "NA")).isTrue();
			assertThat(fields.is(1, "N")).isFalse();
			assertThat(fields.decimal(2)).isEqualTo(1500.0);
			assertThat(fields.is(3, "\u00e9t\u00e9")).isTrue();
			assertThat(fields.get(3)).isEqualTo("\u00e9t\u00e9");
		}
	}

	@Test
	void givesEachRecordAsCsvLineWritesItFromItsBytesOrByFormatting() {
		SplittableRandom random = new SplittableRandom(4181);
		for (int file = 0; file < 2_000; file++) {
			// given: a random file, and a column order: the record's own, or another
			byte[] bytes = randomFile(random, false);
			try (RecordSource reader = ByteCsvReader.open(FILE, new ByteArrayInputStream(bytes), 1_000_000)) {
				while (reader.next()) {
					CsvFields fields = reader.fields();
					int[] order = new int[fields.size()];
					for (int i = 0; i < order.length; i++) {
						order[i] = random.nextInt(4) == 0 ? random.nextInt(order.length) : i;
					}
					if (reader.invalidBytes() != null) {
						continue; // rejected before it is written
					}

					// when
					byte[] line = fields.line(order);

					// then: CsvLine's text of the fields in that order, in UTF-8
					String[] values = new String[order.length];
					for (int i = 0; i < order.length; i++) {
						values[i] = fields.get(order[i]);
					}
					assertThat(new String(line, StandardCharsets.UTF_8)).as("file %d line %d", file, reader.line())
						.isEqualTo(CsvLine.format(values));
				}
			}
			catch (DataFileException ex) {
				// a header holding undecodable bytes or a record too long: not this
				// test's
			}
		}
	}

	@Test
	void inUsAsciiEveryByteAbove127IsUndecodable() {
		// given: a UTF-8 e-acute in a file read as US-ASCII
		byte[] bytes = "n,v\n1,caf\u00e9\n".getBytes(StandardCharsets.UTF_8);

		// when
		try (RecordSource reader = ByteCsvReader.open(FILE, new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII,
				1000)) {
			// then
			assertThat(reader.next()).isTrue();
			assertThat(reader.invalidBytes())
				.isEqualTo("invalid US-ASCII bytes \\xC3\\xA9 in column v (see encoding in the dataset file)");
		}
	}

	@Test
	void anEmptyFileHasNoHeader() {
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> ByteCsvReader.open(FILE, new ByteArrayInputStream(new byte[0]), 1000))
			.withMessage(FILE + ": empty file (no header)");
	}

	private static byte[] randomFile(SplittableRandom random, boolean malformed) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (random.nextInt(5) == 0) {
			out.writeBytes(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		}
		int columns = random.nextInt(1, 5);
		int records = random.nextInt(1, 12);
		int broken = malformed ? random.nextInt(1, records + 1) : -1;
		for (int r = 0; r < records; r++) {
			if (r > 0 && random.nextInt(8) == 0) {
				out.writeBytes(lineBreak(random));
			}
			int fields = (random.nextInt(6) == 0) ? random.nextInt(1, columns + 2) : columns;
			for (int f = 0; f < fields; f++) {
				if (f > 0) {
					out.write(',');
				}
				field(random, out, r == broken && f == fields - 1, r > 0);
			}
			if (r < records - 1 || random.nextBoolean()) {
				out.writeBytes(lineBreak(random));
			}
		}
		return out.toByteArray();
	}

	/**
	 * Writes a random field.
	 * @param invalid whether it may hold a byte that is not UTF-8 (not in the header:
	 * Commons CSV reads ahead, so it may find a record too long before it checks the
	 * header)
	 */
	private static void field(SplittableRandom random, ByteArrayOutputStream out, boolean broken, boolean invalid) {
		StringBuilder value = new StringBuilder();
		for (int i = random.nextInt(0, 5); i > 0; i--) {
			value.append(PIECES[random.nextInt(PIECES.length)]);
		}
		byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
		if (invalid && random.nextInt(10) == 0) {
			text = concat(text, new byte[] { (byte) (0x80 + random.nextInt(0x80)) });
		}
		boolean plain = value.indexOf(",") < 0 && value.indexOf("\n") < 0 && value.indexOf("\r") < 0
				&& !value.toString().startsWith("\"");
		if (plain && !broken && random.nextBoolean()) {
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
		if (broken && random.nextBoolean()) {
			return;
		}
		out.write('"');
		if (random.nextInt(6) == 0) {
			out.write(' ');
		}
		if (broken) {
			out.write('x');
		}
	}

	private static byte[] lineBreak(SplittableRandom random) {
		return new String[] { "\n", "\r\n", "\r" }[random.nextInt(3)].getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = new byte[a.length + b.length];
		System.arraycopy(a, 0, both, 0, a.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	/** Reads the file with both readers and compares what they give, errors included. */
	private static void assertSameRecords(byte[] bytes, int bound, boolean trickle, String what) {
		List<String> expected = read(
				() -> CsvSource.open(FILE, new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, bound));
		InputStream in = trickle ? new Trickle(bytes) : new ByteArrayInputStream(bytes);
		List<String> actual = read(() -> ByteCsvReader.open(FILE, in, bound));
		String described = what + ": " + new String(bytes, StandardCharsets.UTF_8).replace("\r", "\\r");
		String last = expected.get(expected.size() - 1);
		if (last.startsWith("error")) {
			// Commons CSV reads ahead, so a record too long may stop it before records
			// that come earlier: the same error, after at least the same records
			assertThat(actual).as(described).last().isEqualTo(last);
			assertThat(actual.subList(0, expected.size() - 1)).as(described)
				.isEqualTo(expected.subList(0, expected.size() - 1));
		}
		else {
			assertThat(actual).as(described).isEqualTo(expected);
		}
	}

	/**
	 * What a reader gives, one line per record ({@code line: fields | invalid bytes}),
	 * then its error's line and the start of its message.
	 */
	private static List<String> read(java.util.function.Supplier<RecordSource> open) {
		List<String> seen = new ArrayList<>();
		try (RecordSource source = open.get()) {
			seen.add("header " + escaped(source.header()));
			while (source.next()) {
				seen.add(source.line() + ": " + escaped(List.of(source.fields().values())) + " | "
						+ source.invalidBytes());
			}
		}
		catch (DataFileException ex) {
			String message = ex.getMessage();
			int cause = message.indexOf("malformed CSV");
			seen.add("error on line " + ex.line() + ": "
					+ ((cause >= 0) ? "malformed CSV" : message.substring(message.indexOf(':') + 2)));
		}
		return seen;
	}

	private static String escaped(List<String> values) {
		return values.stream()
			.map((value) -> StrictReader.readable(value).replace("\r", "\\r").replace("\n", "\\n"))
			.toList()
			.toString();
	}

	/** A stream that gives one to seven bytes a read, so records cross every refill. */
	private static final class Trickle extends ByteArrayInputStream {

		private int reads;

		Trickle(byte[] bytes) {
			super(bytes);
		}

		@Override
		public synchronized int read(byte[] target, int offset, int length) {
			return super.read(target, offset, Math.min(length, 1 + (this.reads++ % 7)));
		}

	}

}
