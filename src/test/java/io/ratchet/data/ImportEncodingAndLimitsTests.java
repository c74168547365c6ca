package io.ratchet.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ratchet.data.TestDatasets.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the importer reads bytes: encodings, byte order marks, undecodable bytes, records
 * without an end.
 */
class ImportEncodingAndLimitsTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:30:15Z"), ZoneOffset.UTC);

	@TempDir
	Path work;

	private Path datasetDir() {
		return this.work.resolve("historical-data").resolve("churn");
	}

	private Path month(int year, int month) {
		return MonthFiles.fileFor(datasetDir(), YearMonth.of(year, month));
	}

	private DatasetImporter importer(Charset encoding, int maxRecordLength) {
		DatasetConfig dataset = TestDatasets.churn()
			.withImportSettings(
					new ImportSettings(encoding, maxRecordLength, ImportSettings.DEFAULT_EARLIEST_DATE, null));
		return new DatasetImporter(dataset, datasetDir(), CLOCK);
	}

	private DatasetImporter importer() {
		return new DatasetImporter(TestDatasets.churn(), datasetDir(), CLOCK);
	}

	@Test
	void invalidUtf8BytesRejectTheRowAndAreNeverReplaced() throws IOException {
		// given: Latin-1 bytes in a file read as UTF-8
		Path source = write("latin1.csv", bytes(HEADER + "\nc1,2012-03-01,1,gold,yes\nc2,2012-03-02,2,Z",
				new byte[] { (byte) 0xFC }, "rich,no\nc3,2012-03-03,3,silver,no\n"));

		// when
		ImportResult result = importer().importFile(source);

		// then
		assertThat(result.accepted()).isEqualTo(2);
		assertThat(result.rejected()).isEqualTo(1);
		assertThat(Files.readAllLines(result.quarantineFile(), StandardCharsets.UTF_8)).containsExactly(
				"source_file,line,reason,record", source + ",3,invalid UTF-8 bytes \\xFC in column plan (see encoding "
						+ "in the dataset file),\"c2,2012-03-02,2,Z\\xFCrich,no\"");
		String stored = Files.readString(month(2012, 3), StandardCharsets.UTF_8);
		assertThat(stored).doesNotContain("\uFFFD").doesNotContain("rich");
	}

	@Test
	void latin1EncodingReadsZurichRight() throws IOException {
		// given
		Path source = write("latin1.csv",
				(HEADER + "\nc1,2012-03-01,1,Z\u00fcrich,no\n").getBytes(StandardCharsets.ISO_8859_1));

		// when
		ImportResult result = importer(StandardCharsets.ISO_8859_1, ImportSettings.DEFAULT_MAX_RECORD_LENGTH)
			.importFile(source);

		// then: read right, written in UTF-8
		assertThat(result.accepted()).isEqualTo(1);
		assertThat(Files.readAllBytes(month(2012, 3)))
			.isEqualTo((HEADER + "\nc1,2012-03-01,1,Z\u00fcrich,no\n").getBytes(StandardCharsets.UTF_8));
		List<Row> rows = new ArrayList<>();
		new MonthFileReader(TestDatasets.churn()).read(month(2012, 3), YearMonth.of(2012, 3), rows::add,
				(rejection) -> {
					throw new AssertionError(rejection.describe());
				});
		assertThat(rows).singleElement().satisfies((row) -> assertThat(row.levels()[1]).isEqualTo("Z\u00fcrich"));
	}

	@Test
	void utf16WithAByteOrderMarkIsRecognised() throws IOException {
		// given: as Excel's "Unicode text" saves it, little-endian with a byte order
		// mark, CRLF
		String text = "\uFEFF" + HEADER + "\r\nc1,2012-03-01,1,Z\u00fcrich,no\r\nc2,2012-03-02,2,\u6771\u4eac,yes\r\n";
		Path little = write("utf16le.csv", text.getBytes(StandardCharsets.UTF_16LE));
		Path big = write("utf16be.csv",
				text.replace("c1,", "c3,").replace("c2,", "c4,").getBytes(StandardCharsets.UTF_16BE));

		// when
		ImportResult first = importer().importFile(little);
		ImportResult second = importer().importFile(big);

		// then
		assertThat(first.accepted()).isEqualTo(2);
		assertThat(second.accepted()).isEqualTo(2);
		assertThat(Files.readString(month(2012, 3), StandardCharsets.UTF_8)).isEqualTo(HEADER
				+ "\nc1,2012-03-01,1,Z\u00fcrich,no\nc3,2012-03-01,1,Z\u00fcrich,no\nc2,2012-03-02,2,\u6771\u4eac,yes"
				+ "\nc4,2012-03-02,2,\u6771\u4eac,yes\n");
	}

	@Test
	void utf16WithoutAByteOrderMarkIsRefusedWithAClearMessage() throws IOException {
		// given
		Path source = write("utf16.csv", (HEADER + "\nc1,2012-03-01,1,gold,no\n").getBytes(StandardCharsets.UTF_16LE));

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer().importFile(source))
			.withMessage(source + " line 1: the header holds NUL characters: the file is probably UTF-16 without a "
					+ "byte order mark; set encoding (e.g. UTF-16LE) in the dataset file, or convert the file to UTF-8");
		assertThat(datasetDir()).doesNotExist();
	}

	@Test
	void utf16WithoutAByteOrderMarkIsReadWhenConfigured() throws IOException {
		// given
		Path source = write("utf16.csv", (HEADER + "\nc1,2012-03-01,1,gold,no\n").getBytes(StandardCharsets.UTF_16LE));

		// when
		ImportResult result = importer(StandardCharsets.UTF_16LE, 1000).importFile(source);

		// then
		assertThat(result.accepted()).isEqualTo(1);
		assertThat(Files.readString(month(2012, 3))).isEqualTo(HEADER + "\nc1,2012-03-01,1,gold,no\n");
	}

	@Test
	void aHeaderWithUndecodableBytesNamesTheEncoding() throws IOException {
		// given
		Path source = write("latin1.csv", bytes("customer_id,event_date,tenure_months,plan,churned,Stra",
				new byte[] { (byte) 0xDF }, "e\nc1,2012-03-01,1,gold,no,x\n"));

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer().importFile(source))
			.withMessageStartingWith(source + " line 1: the header holds bytes that are not UTF-8 (\\xDF): ")
			.withMessageEndingWith(
					"Stra\\xDFe; set encoding in the dataset file (e.g. ISO-8859-1) or convert the file " + "to UTF-8");
	}

	@Test
	void aGiantFieldIsAnErrorNamingFileAndLine() throws IOException {
		// given: a field of 100 MB without a line break on line 3 (generated, streamed to
		// disk)
		Path source = this.work.resolve("giant.csv");
		try (Writer out = Files.newBufferedWriter(source)) {
			out.write(HEADER + "\nc1,2012-03-01,1,gold,no\nc2,2012-03-01,1,");
			char[] chunk = new char[1 << 20];
			Arrays.fill(chunk, 'x');
			for (int i = 0; i < 100; i++) {
				out.write(chunk);
			}
			out.write(",no\n");
		}

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer().importFile(source))
			.withMessage(source + " line 3: record longer than 1,048,576 characters (a field without an end, or a file "
					+ "that is not CSV?); if it is real, raise max-record-length in the dataset file");
		assertThat(datasetDir()).doesNotExist();
	}

	@Test
	void aQuotedFieldWithoutAnEndIsAnErrorNamingItsFirstLine() throws IOException {
		// given: a stray quote opens a field that runs over many short lines to the end
		// of the file
		StringBuilder text = new StringBuilder(HEADER + "\nc1,2012-03-01,1,gold,no\nc2,2012-03-01,1,\"gold,no\n");
		for (int i = 0; i < 5000; i++) {
			text.append("c").append(i).append(",2012-03-01,1,gold,no\n");
		}
		Path source = Files.writeString(this.work.resolve("quote.csv"), text);

		// when / then
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> importer(StandardCharsets.UTF_8, 10_000).importFile(source))
			.withMessageStartingWith(source + " line 3: record longer than 10,000 characters");
	}

	@Test
	void theBoundIsExactAndNamesTheLineOfTheLongRecord() throws IOException {
		// given: line 3 is exactly 60,000 characters long (without its line break), line
		// 4 one more
		String exact = "c2,2012-03-01,1," + "p".repeat(60_000 - 21) + ",no,x";
		String longer = "c3,2012-03-01,1," + "p".repeat(60_000 - 20) + ",no,x";
		String header = HEADER + ",note";
		Path fits = Files.writeString(this.work.resolve("fits.csv"),
				header + "\nc1,2012-03-01,1,gold,no,\"a\nb\"\n" + exact + "\n");
		Path over = Files.writeString(this.work.resolve("over.csv"),
				header + "\nc1,2012-03-01,1,gold,no,\"a\r\nb\"\r\n" + exact + "\r\n" + longer + "\r\n");

		// when
		ImportResult result = importer(StandardCharsets.UTF_8, 60_000).importFile(fits);

		// then
		assertThat(exact.length()).isEqualTo(60_000);
		assertThat(result.accepted()).isEqualTo(2);
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> importer(StandardCharsets.UTF_8, 60_000).importFile(over))
			.withMessageStartingWith(over + " line 5: record longer than 60,000 characters");
	}

	private Path write(String name, byte[] bytes) throws IOException {
		return Files.write(this.work.resolve(name), bytes);
	}

	/** UTF-8 text around raw bytes. */
	private static byte[] bytes(String before, byte[] raw, String after) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(raw);
		out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

}
