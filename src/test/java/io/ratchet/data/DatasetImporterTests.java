package io.ratchet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ratchet.data.TestDatasets.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatasetImporterTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:30:15Z"), ZoneOffset.UTC);

	@TempDir
	Path work;

	private Path datasetDir() {
		return this.work.resolve("historical-data").resolve("churn");
	}

	private DatasetImporter importer(String... idColumns) {
		return new DatasetImporter(TestDatasets.churn(idColumns), datasetDir(), CLOCK);
	}

	@Test
	void splitsUnorderedRowsIntoSortedMonthFiles() throws Exception {
		// given
		Path source = source("incoming.csv", HEADER, "c1,2012-04-02,1,gold,yes", "c2,2012-03-31,2,silver,no",
				"c3,2012-04-01,3,gold,", "c4,2012-03-01,4,\"gold, plus\",no", "c5,2012-04-01,5,silver,yes");

		// when
		ImportResult result = importer().importFile(source);

		// then
		assertThat(result.source()).isEqualTo(source);
		assertThat(result.sourceSha256()).isEqualTo(sha256(source));
		assertThat(result.rows()).isEqualTo(5);
		assertThat(result.accepted()).isEqualTo(5);
		assertThat(result.duplicates()).isZero();
		assertThat(result.rejected()).isZero();
		assertThat(result.quarantineFile()).isNull();
		assertThat(result.acceptedByMonth()).containsExactly(Map.entry(YearMonth.of(2012, 3), 2L),
				Map.entry(YearMonth.of(2012, 4), 3L));
		assertThat(MonthFiles.list(datasetDir())).containsOnlyKeys(YearMonth.of(2012, 3), YearMonth.of(2012, 4));
		assertThat(Files.readString(month(2012, 3)))
			.isEqualTo(HEADER + "\nc4,2012-03-01,4,\"gold, plus\",no\nc2,2012-03-31,2,silver,no\n");
		assertThat(Files.readString(month(2012, 4))).isEqualTo(
				HEADER + "\nc3,2012-04-01,3,gold,\nc5,2012-04-01,5,silver,yes\nc1,2012-04-02,1,gold,yes\n");
	}

	@Test
	void writesLfUtf8WithoutBomFromACrlfSourceWithBom() throws IOException {
		// given
		Path source = this.work.resolve("bom.csv");
		Files.write(source, ("\uFEFF" + HEADER + "\r\nc1,2012-03-01,1,\"caf\u00e9, \"\"bar\"\"\",yes\r\n")
			.getBytes(StandardCharsets.UTF_8));

		// when
		importer().importFile(source);

		// then
		byte[] bytes = Files.readAllBytes(month(2012, 3));
		assertThat(new String(bytes, StandardCharsets.UTF_8))
			.isEqualTo(HEADER + "\nc1,2012-03-01,1,\"caf\u00e9, \"\"bar\"\"\",yes\n");
		assertThat(bytes[0]).isEqualTo((byte) 'c');
	}

	@Test
	void importingTwiceAddsNothing() throws IOException {
		// given
		Path source = source("incoming.csv", HEADER, "c1,2012-04-02,1,gold,yes", "c2,2012-03-31,2,silver,no",
				"c2,2012-03-31,2,silver,no");
		ImportResult first = importer().importFile(source);
		Map<Path, String> before = snapshot();

		// when
		ImportResult second = importer().importFile(source);

		// then
		assertThat(first.accepted()).isEqualTo(2);
		assertThat(first.duplicates()).isEqualTo(1);
		assertThat(second.rows()).isEqualTo(3);
		assertThat(second.duplicates()).isEqualTo(3);
		assertThat(second.accepted()).isZero();
		assertThat(second.acceptedByMonth()).isEmpty();
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void idColumnsDecideWhatIsADuplicate() throws IOException {
		// given
		DatasetImporter importer = importer("customer_id");
		importer.importFile(source("first.csv", HEADER, "c1,2012-03-05,1,gold,yes", "c2,2012-03-06,2,gold,no"));
		Path update = source("second.csv", HEADER, "c1,2012-03-05,9,silver,no", "c3,2012-03-01,3,gold,yes");

		// when
		ImportResult once = importer.importFile(update);
		String afterOnce = Files.readString(month(2012, 3));
		ImportResult twice = importer.importFile(update);

		// then
		assertThat(once.accepted()).isEqualTo(1);
		assertThat(once.duplicates()).isEqualTo(1);
		assertThat(afterOnce).isEqualTo(HEADER
				+ "\nc3,2012-03-01,3,gold,yes\nc1,2012-03-05,1,gold,yes\nc2,2012-03-06,2,gold,no\n");
		assertThat(twice.accepted()).isZero();
		assertThat(twice.duplicates()).isEqualTo(2);
		assertThat(Files.readString(month(2012, 3))).isEqualTo(afterOnce);
	}

	@Test
	void newRowsFollowExistingRowsOfTheSameDate() throws IOException {
		// given
		DatasetImporter importer = importer();
		importer.importFile(source("first.csv", HEADER, "c1,2012-03-05,1,gold,yes"));

		// when
		importer.importFile(source("second.csv", HEADER, "c2,2012-03-05,2,gold,yes", "c0,2012-03-04,0,gold,no"));

		// then
		assertThat(Files.readString(month(2012, 3))).isEqualTo(
				HEADER + "\nc0,2012-03-04,0,gold,no\nc1,2012-03-05,1,gold,yes\nc2,2012-03-05,2,gold,yes\n");
	}

	@Test
	void quarantinesRejectedRows() throws IOException {
		// given
		Path source = source("incoming.csv", HEADER, "c1,2012-03-01,1,gold,yes", "c2,2012-13-01,1,gold,yes",
				"c3,2012-03-02,lots,\"a, \"\"b\"\"\",no", "c4,2012-03-02,1,gold");

		// when
		ImportResult result = importer().importFile(source);

		// then
		Path quarantine = datasetDir().resolve("quarantine").resolve("incoming.csv.20261126-093015.rejected.csv");
		assertThat(result.quarantineFile()).isEqualTo(quarantine);
		assertThat(result.rows()).isEqualTo(4);
		assertThat(result.accepted()).isEqualTo(1);
		assertThat(result.rejected()).isEqualTo(3);
		assertThat(Files.readAllLines(quarantine)).containsExactly("source_file,line,reason,record",
				source + ",3,unparsable date '2012-13-01' in column event_date (pattern yyyy-MM-dd),"
						+ "\"c2,2012-13-01,1,gold,yes\"",
				source + ",4,unparsable number 'lots' in column tenure_months,"
						+ "\"c3,2012-03-02,lots,\"\"a, \"\"\"\"b\"\"\"\"\"\",no\"",
				source + ",5,\"too few fields: expected 5, found 4\",\"c4,2012-03-02,1,gold\"");
		assertThat(MonthFiles.list(datasetDir())).containsOnlyKeys(YearMonth.of(2012, 3));
	}

	@Test
	void secondImportWithinTheSameSecondGetsItsOwnQuarantineFile() throws IOException {
		// given
		Path source = source("incoming.csv", HEADER, "c2,2012-13-01,1,gold,yes");
		Path first = importer().importFile(source).quarantineFile();

		// when
		Path second = importer().importFile(source).quarantineFile();

		// then
		assertThat(second).isNotEqualTo(first).hasFileName("incoming.csv.20261126-093015-2.rejected.csv");
		assertThat(first).exists();
	}

	@Test
	void laterImportsAreMappedOntoTheMonthFileHeader() throws IOException {
		// given
		DatasetImporter importer = importer();
		importer.importFile(source("first.csv", HEADER, "c1,2012-03-05,1,gold,yes"));

		// when
		importer.importFile(source("second.csv", "note,churned,plan,tenure_months,event_date,customer_id",
				"hello,no,silver,2,2012-03-06,c2", "hi,yes,gold,3,2012-05-01,c3"));

		// then
		assertThat(Files.readString(month(2012, 3)))
			.isEqualTo(HEADER + "\nc1,2012-03-05,1,gold,yes\nc2,2012-03-06,2,silver,no\n");
		assertThat(Files.readString(month(2012, 5))).isEqualTo(HEADER + "\nc3,2012-05-01,3,gold,yes\n");
	}

	@Test
	void firstImportKeepsAllSourceColumns() throws IOException {
		// given
		Path source = source("first.csv", "note," + HEADER, "\"a,b\",c1,2012-03-05,1,gold,yes");

		// when
		importer().importFile(source);

		// then
		assertThat(Files.readString(month(2012, 3))).isEqualTo("note," + HEADER + "\n\"a,b\",c1,2012-03-05,1,gold,yes\n");
	}

	@Test
	void sourceLackingAColumnOfTheMonthFileIsAnError() throws IOException {
		// given
		DatasetImporter importer = importer();
		importer.importFile(source("first.csv", "note," + HEADER, "x,c1,2012-03-05,1,gold,yes"));
		Map<Path, String> before = snapshot();
		Path second = source("second.csv", HEADER, "c2,2012-02-05,1,gold,yes", "c3,2012-03-06,1,gold,yes");

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer.importFile(second))
			.withMessage(second + " line 1: header lacks column note that month file " + month(2012, 2) + " has");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void sourceLackingAConfiguredColumnIsAnError() throws IOException {
		// given
		Path source = source("incoming.csv", "customer_id,event_date,plan,churned", "c1,2012-03-05,gold,yes");

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer().importFile(source))
			.withMessage(source + " line 1: header lacks column tenure_months; "
					+ "header is: customer_id, event_date, plan, churned");
		assertThat(datasetDir()).doesNotExist();
	}

	@Test
	void monthFileThatIsAFolderChangesNothing() throws IOException {
		// given
		DatasetImporter importer = importer();
		importer.importFile(source("first.csv", HEADER, "c1,2012-03-05,1,gold,yes", "c2,2012-05-05,1,gold,yes"));
		Files.createDirectories(month(2012, 4));
		Map<Path, String> before = snapshot();
		Path source = source("second.csv", HEADER, "c3,2012-03-06,1,gold,yes", "c4,2012-04-06,1,gold,yes",
				"c5,2012-05-06,1,gold,yes", "c6,2012-06-06,1,gold,x");

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer.importFile(source))
			.withMessage(month(2012, 4) + ": is a folder, not a file");
		assertThat(snapshot()).isEqualTo(before);
		assertThat(datasetDir().resolve("quarantine")).doesNotExist();
	}

	@Test
	void failureAfterSomeTemporaryFilesDeletesThemAndChangesNothing() throws IOException {
		// given: a damaged month file is only found while merging 2012-05, after 2012-03's new file is written
		DatasetImporter importer = importer();
		importer.importFile(source("first.csv", HEADER, "c1,2012-03-05,1,gold,yes", "c2,2012-05-05,1,gold,yes"));
		Files.writeString(month(2012, 5), HEADER + "\nc2,2012-05-05,1,gold,yes\nc9,05/07/2012,1,gold,yes\n");
		Map<Path, String> before = snapshot();
		Path source = source("second.csv", HEADER, "c3,2012-03-06,1,gold,yes", "c5,2012-05-06,1,gold,yes",
				"c6,2012-06-06,1,gold,x");

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer.importFile(source))
			.withMessage(month(2012, 5) + " line 3: month file is damaged: unparsable date '05/07/2012' in column "
					+ "event_date (pattern yyyy-MM-dd)");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void headerOnlySourceImportsNothing() throws IOException {
		// given
		Path source = source("empty.csv", HEADER);

		// when
		ImportResult result = importer().importFile(source);

		// then
		assertThat(result.rows()).isZero();
		assertThat(result.acceptedByMonth()).isEmpty();
		assertThat(MonthFiles.list(datasetDir())).isEmpty();
	}

	@Test
	void missingAndEmptySources() throws IOException {
		// given
		Path missing = this.work.resolve("missing.csv");
		Path empty = Files.write(this.work.resolve("empty.csv"), new byte[0]);

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer().importFile(missing))
			.withMessage(missing + ": file not found");
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer().importFile(empty))
			.withMessage(empty + ": empty file (no header)");
	}

	private Path month(int year, int month) {
		return MonthFiles.fileFor(datasetDir(), YearMonth.of(year, month));
	}

	private Path source(String name, String... lines) throws IOException {
		return Files.writeString(this.work.resolve(name), String.join("\n", lines) + "\n");
	}

	/** Every file under the dataset folder with its content (folders as "<dir>"). */
	private Map<Path, String> snapshot() throws IOException {
		Map<Path, String> files = new TreeMap<>();
		try (Stream<Path> paths = Files.walk(datasetDir())) {
			for (Path path : paths.toList()) {
				files.put(path, Files.isDirectory(path) ? "<dir>" : Files.readString(path));
			}
		}
		return files;
	}

	private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}


}
