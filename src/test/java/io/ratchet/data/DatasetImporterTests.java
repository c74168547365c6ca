package io.ratchet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
		assertThat(Files.readString(month(2012, 4)))
			.isEqualTo(HEADER + "\nc3,2012-04-01,3,gold,\nc5,2012-04-01,5,silver,yes\nc1,2012-04-02,1,gold,yes\n");
	}

	@Test
	void sortsRowsLongerThanTheSortBuffersByDate() throws Exception {
		// given: rows out of date order, over a thousand of them, two of 100,000 and
		// 300,000 characters (longer than a day's 64 KiB buffer and the read buffer)
		String wide = "w".repeat(100_000);
		String wider = "v".repeat(300_000);
		List<String> lines = new ArrayList<>(List.of(HEADER, "c1,2012-04-30,1," + wide + ",yes"));
		for (int i = 2; i < 1_200; i++) {
			lines.add("c" + i + ",2012-04-" + String.format("%02d", 30 - i % 30) + "," + i + ",gold,no");
		}
		lines.add("c1200,2012-04-01,1200," + wider + ",yes");
		Path source = source("wide.csv", lines.toArray(String[]::new));

		// when
		ImportResult result = importer().importFile(source);

		// then: every row, sorted by date, rows of a date in the order they came
		assertThat(result.accepted()).isEqualTo(1_200);
		List<String> expected = new ArrayList<>(lines.subList(1, lines.size()));
		expected.sort(Comparator.comparing((String line) -> line.split(",")[1]));
		assertThat(Files.readAllLines(month(2012, 4)))
			.containsExactlyElementsOf(Stream.concat(Stream.of(HEADER), expected.stream()).toList());
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
		// given: without an id, the two identical c2 rows are two events
		Path source = source("incoming.csv", HEADER, "c1,2012-04-02,1,gold,yes", "c2,2012-03-31,2,silver,no",
				"c2,2012-03-31,2,silver,no");
		ImportResult first = importer().importFile(source);
		Map<Path, String> before = snapshot();

		// when
		ImportResult second = importer().importFile(source);

		// then
		assertThat(first.accepted()).isEqualTo(3);
		assertThat(first.duplicates()).isZero();
		assertThat(Files.readString(month(2012, 3)))
			.isEqualTo(HEADER + "\nc2,2012-03-31,2,silver,no\nc2,2012-03-31,2,silver,no\n");
		assertThat(second.rows()).isEqualTo(3);
		assertThat(second.duplicates()).isEqualTo(3);
		assertThat(second.accepted()).isZero();
		assertThat(second.acceptedByMonth()).isEmpty();
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void withAnIdTheSameFileTwiceAddsNothing() throws IOException {
		// given
		DatasetImporter importer = importer("customer_id");
		Path source = source("first.csv", HEADER, "c1,2012-03-05,1,gold,yes", "c2,2012-03-06,2,gold,NA");
		importer.importFile(source);
		Map<Path, String> before = snapshot();

		// when
		ImportResult again = importer.importFile(source);

		// then
		assertThat(again.duplicates()).isEqualTo(2);
		assertThat(again.accepted() + again.updated() + again.rejected()).isZero();
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void withoutAnIdIdenticalRowsAreDistinctEvents() throws IOException {
		// given: the same booking three times in one file
		Path source = source("bookings.csv", HEADER, "r1,2015-07-01,2,city,no", "r1,2015-07-01,2,city,no",
				"r1,2015-07-01,2,city,no", "r2,2015-07-02,1,resort,yes");

		// when
		ImportResult result = importer().importFile(source);

		// then
		assertThat(result.accepted()).isEqualTo(4);
		assertThat(result.duplicates()).isZero();
		assertThat(Files.readAllLines(month(2015, 7))).hasSize(5);
	}

	@Test
	void anOverlappingExportAddsOnlyTheExtraOccurrences() throws IOException {
		// given: a month holding a row 3 times
		DatasetImporter importer = importer();
		String row = "r1,2015-07-01,2,city,no";
		importer.importFile(source("first.csv", HEADER, row, "r2,2015-07-02,1,resort,yes", row, row));

		// when: a later export holds it 5 times, and one row more
		ImportResult result = importer
			.importFile(source("second.csv", HEADER, row, row, row, row, "r3,2015-07-03,4,city,yes", row));

		// then
		assertThat(result.duplicates()).isEqualTo(3);
		assertThat(result.accepted()).isEqualTo(3);
		assertThat(result.acceptedByMonth()).containsExactly(Map.entry(YearMonth.of(2015, 7), 3L));
		assertThat(Files.readAllLines(month(2015, 7)).stream().filter(row::equals)).hasSize(5);
		assertThat(Files.readAllLines(month(2015, 7))).hasSize(1 + 5 + 2);
	}

	@Test
	void bookingsShapeKeepsEveryRow() throws IOException {
		// given: 2,776 bookings of July 2015 without an id, drawn from few distinct
		// values: most rows have twins
		Random random = new Random(20150701);
		List<String> lines = new ArrayList<>(List.of(HEADER));
		for (int i = 0; i < 2776; i++) {
			lines.add("h" + random.nextInt(2) + ",2015-07-" + String.format("%02d", 1 + random.nextInt(3)) + ","
					+ random.nextInt(3) + "," + (random.nextBoolean() ? "city" : "resort") + ","
					+ ((random.nextInt(3) == 0) ? "yes" : "no"));
		}
		Path source = Files.write(this.work.resolve("hotel_bookings.csv"), lines);
		long distinct = lines.stream().skip(1).distinct().count();

		// when
		ImportResult first = importer().importFile(source);
		ImportResult again = importer().importFile(source);

		// then: every row stored, once
		assertThat(distinct).as("distinct rows").isLessThan(100);
		assertThat(first.accepted()).isEqualTo(2776);
		assertThat(first.acceptedByMonth()).containsExactly(Map.entry(YearMonth.of(2015, 7), 2776L));
		assertThat(again.accepted()).isZero();
		assertThat(again.duplicates()).isEqualTo(2776);
		List<Row> read = new ArrayList<>();
		ReadStats stats = new MonthFileReader(TestDatasets.churn()).read(month(2015, 7), YearMonth.of(2015, 7),
				read::add, (rejection) -> {
					throw new AssertionError(rejection.describe());
				});
		assertThat(stats.accepted()).isEqualTo(2776);
		assertThat(read).hasSize(2776);
		List<String> stored = Files.readAllLines(month(2015, 7));
		assertThat(stored.subList(1, stored.size()))
			.containsExactlyInAnyOrderElementsOf(lines.subList(1, lines.size()));
	}

	@Test
	void withAnIdALabelThatArrivesLaterUpdatesTheStoredRow() throws IOException {
		// given: two rows stored without their label (missing token and empty)
		DatasetImporter importer = importer("customer_id");
		importer.importFile(source("first.csv", HEADER, "c1,2012-03-05,1,gold,NA", "c2,2012-03-06,2,gold,",
				"c3,2012-03-07,3,gold,no"));

		// when: the labels arrive; c3 comes again without its label (an older export)
		ImportResult result = importer.importFile(source("labels.csv", HEADER, "c1,2012-03-05,1,gold,yes",
				"c2,2012-03-06,2,gold,no", "c3,2012-03-07,3,gold,"));

		// then
		assertThat(result.updated()).isEqualTo(2);
		assertThat(result.updatedByMonth()).containsExactly(Map.entry(YearMonth.of(2012, 3), 2L));
		assertThat(result.duplicates()).isEqualTo(1);
		assertThat(result.accepted()).isZero();
		assertThat(result.rejected()).isZero();
		assertThat(Files.readString(month(2012, 3)))
			.isEqualTo(HEADER + "\nc1,2012-03-05,1,gold,yes\nc2,2012-03-06,2,gold,no\nc3,2012-03-07,3,gold,no\n");
	}

	@Test
	void withAnIdAChangedFeatureValueIsAConflict() throws IOException {
		// given
		DatasetImporter importer = importer("customer_id");
		importer.importFile(source("first.csv", HEADER, "c1,2012-03-05,1,gold,yes", "c2,2012-03-06,2,gold,no"));
		Path update = source("second.csv", HEADER, "c1,2012-03-05,9,silver,yes", "c3,2012-03-01,3,gold,yes",
				"c2,2012-03-06,2,gold,yes");

		// when
		ImportResult result = importer.importFile(update);

		// then: counted, quarantined with line and reason, the stored rows kept
		assertThat(result.accepted()).isEqualTo(1);
		assertThat(result.conflicts()).isEqualTo(2);
		assertThat(result.rejected()).isEqualTo(2);
		assertThat(result.rows())
			.isEqualTo(result.accepted() + result.duplicates() + result.updated() + result.rejected());
		assertThat(Files.readString(month(2012, 3)))
			.isEqualTo(HEADER + "\nc3,2012-03-01,3,gold,yes\nc1,2012-03-05,1,gold,yes\nc2,2012-03-06,2,gold,no\n");
		assertThat(Files.readAllLines(result.quarantineFile())).containsExactly("source_file,line,reason,record",
				update + ",2,\"conflict: customer_id 'c1' is stored (2012-03.csv) with tenure_months '1', plan 'gold'; "
						+ "this row has tenure_months '9', plan 'silver'; the stored row is kept\","
						+ "\"c1,2012-03-05,9,silver,yes\"",
				update + ",4,conflict: customer_id 'c2' is stored (2012-03.csv) with churned 'no'; "
						+ "this row has churned 'yes'; the stored row is kept,\"c2,2012-03-06,2,gold,yes\"");
	}

	@Test
	void withAnIdRowsOfOneFileAreMergedWithEachOther() throws IOException {
		// given: one file holding c1 unlabelled, then labelled, then with another tenure
		Path source = source("incoming.csv", HEADER, "c1,2012-03-05,1,gold,", "c1,2012-03-05,1,gold,yes",
				"c1,2012-03-05,2,gold,yes");

		// when
		ImportResult result = importer("customer_id").importFile(source);

		// then
		assertThat(result.accepted()).isEqualTo(1);
		assertThat(result.updated()).isEqualTo(1);
		assertThat(result.conflicts()).isEqualTo(1);
		assertThat(Files.readString(month(2012, 3))).isEqualTo(HEADER + "\nc1,2012-03-05,1,gold,yes\n");
		assertThat(Files.readString(result.quarantineFile())).contains(",4,conflict: customer_id 'c1' is stored "
				+ "(line 2 of this file) with tenure_months '1'; this row has tenure_months '2'");
	}

	@Test
	void rowsWithAnEmptyOrMissingIdAreRejected() throws IOException {
		// given: 8 rows, 6 of them without an id (empty or the missing token NA)
		Path source = source("incoming.csv", HEADER, "c1,2012-03-05,1,gold,yes", ",2012-03-05,1,gold,yes",
				"NA,2012-03-05,1,gold,yes", ",2012-03-06,2,gold,no", "NA,2012-03-06,2,gold,no",
				"\"\",2012-03-07,3,gold,no", "NA,2012-03-07,3,gold,no", "c2,2012-03-07,3,gold,no");

		// when
		ImportResult result = importer("customer_id").importFile(source);

		// then
		assertThat(result.accepted()).isEqualTo(2);
		assertThat(result.duplicates()).isZero();
		assertThat(result.rejected()).isEqualTo(6);
		assertThat(result.conflicts()).isZero();
		List<String> quarantined = Files.readAllLines(result.quarantineFile());
		assertThat(quarantined).hasSize(7);
		assertThat(quarantined.get(1)).isEqualTo(source + ",3,missing id in column customer_id (empty): a row "
				+ "without its id cannot be told from others,\"\"\"\"\",2012-03-05,1,gold,yes\"");
		assertThat(quarantined.get(2))
			.startsWith(source + ",4,missing id in column customer_id ('NA' is a missing token)");
		assertThat(Files.readString(month(2012, 3)))
			.isEqualTo(HEADER + "\nc1,2012-03-05,1,gold,yes\nc2,2012-03-07,3,gold,no\n");
	}

	@Test
	void datesOutsideThePlausibleRangeAreRejected() throws IOException {
		// given: today is 2026-11-26 for the importer, so the default range is 1900-01-01
		// to 2027-11-26
		Path source = source("incoming.csv", HEADER, "c1,9999-12-31,1,gold,yes", "c2,0001-01-01,1,gold,yes",
				"c3,1899-12-31,1,gold,yes", "c4,1900-01-01,1,gold,yes", "c5,2027-11-26,1,gold,yes",
				"c6,2027-11-27,1,gold,yes");

		// when
		ImportResult result = importer().importFile(source);

		// then
		assertThat(result.accepted()).isEqualTo(2);
		assertThat(result.acceptedByMonth()).containsOnlyKeys(YearMonth.of(1900, 1), YearMonth.of(2027, 11));
		assertThat(Files.readAllLines(result.quarantineFile())).hasSize(5)
			.contains(source + ",2,date 9999-12-31 in column event_date is outside the plausible range 1900-01-01 to "
					+ "2027-11-26 (date.earliest and date.latest in the dataset file),\"c1,9999-12-31,1,gold,yes\"");
		assertThat(MonthFiles.list(datasetDir())).doesNotContainKey(YearMonth.of(9999, 12));
	}

	@Test
	void thePlausibleRangeIsConfigurable() throws IOException {
		// given
		DatasetConfig dataset = TestDatasets.churn()
			.withImportSettings(new ImportSettings(StandardCharsets.UTF_8, 1000, LocalDate.of(2012, 3, 2),
					LocalDate.of(2012, 3, 30)));
		Path source = source("incoming.csv", HEADER, "c1,2012-03-01,1,gold,yes", "c2,2012-03-02,1,gold,yes",
				"c3,2012-03-30,1,gold,yes", "c4,2012-03-31,1,gold,yes");

		// when
		ImportResult result = new DatasetImporter(dataset, datasetDir(), CLOCK).importFile(source);

		// then
		assertThat(result.accepted()).isEqualTo(2);
		assertThat(Files.readString(result.quarantineFile()))
			.contains(",2,date 2012-03-01 in column event_date is outside the plausible range 2012-03-02 to 2012-03-30")
			.contains(",5,date 2012-03-31 in column event_date is outside");
	}

	@Test
	void leftoversOfAKilledImportAreRemovedByTheNext() throws IOException {
		// given: what an import killed with -9 leaves: its lock file, its spool and a
		// temporary month file
		DatasetImporter importer = importer();
		importer.importFile(source("first.csv", HEADER, "c1,2012-03-05,1,gold,yes"));
		Files.writeString(datasetDir().resolve(".import.lock"), "pid 999999 since 2026-11-26T09:00:00Z token x\n");
		Files.createDirectories(datasetDir().resolve(".import-spool"));
		Files.writeString(datasetDir().resolve(".import-spool/2012-03.csv"), "2,15404,c9,2012-03-05,1,gold,yes\n");
		Files.writeString(datasetDir().resolve(".2012-03.csv.123456.tmp"), HEADER + "\n");

		// when
		ImportResult result = importer.importFile(source("second.csv", HEADER, "c2,2012-03-06,1,gold,yes"));

		// then
		assertThat(result.accepted()).isEqualTo(1);
		assertThat(snapshot()).containsOnlyKeys(datasetDir(), month(2012, 3));
		assertThat(Files.readString(month(2012, 3)))
			.isEqualTo(HEADER + "\nc1,2012-03-05,1,gold,yes\nc2,2012-03-06,1,gold,yes\n");
	}

	@Test
	void newRowsFollowExistingRowsOfTheSameDate() throws IOException {
		// given
		DatasetImporter importer = importer();
		importer.importFile(source("first.csv", HEADER, "c1,2012-03-05,1,gold,yes"));

		// when
		importer.importFile(source("second.csv", HEADER, "c2,2012-03-05,2,gold,yes", "c0,2012-03-04,0,gold,no"));

		// then
		assertThat(Files.readString(month(2012, 3)))
			.isEqualTo(HEADER + "\nc0,2012-03-04,0,gold,no\nc1,2012-03-05,1,gold,yes\nc2,2012-03-05,2,gold,yes\n");
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
		assertThat(Files.readString(month(2012, 3)))
			.isEqualTo("note," + HEADER + "\n\"a,b\",c1,2012-03-05,1,gold,yes\n");
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
	void monthFileLackingAColumnTheDatasetGainedIsAnErrorNamingIt() throws IOException {
		// given: month files written before the dataset gained the feature region
		importer().importFile(source("first.csv", HEADER, "c1,2012-03-05,1,gold,yes"));
		DatasetConfig grown = DatasetConfig.builder("churn", null)
			.date("event_date")
			.binaryLabel("churned", "yes", "no")
			.missingTokens(Set.of("NA"))
			.features(List.of(new Feature("tenure_months", FeatureType.NUMERIC),
					new Feature("plan", FeatureType.CATEGORICAL), new Feature("region", FeatureType.CATEGORICAL)))
			.build();
		Map<Path, String> before = snapshot();
		Path source = source("second.csv", HEADER + ",region", "c2,2012-03-06,1,gold,yes,north");

		// when / then
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> new DatasetImporter(grown, datasetDir(), CLOCK).importFile(source))
			.withMessage(
					month(2012, 3) + " line 1: header lacks column region; header is: " + HEADER.replace(",", ", "));
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
		// given: a damaged month file is only found while merging 2012-05, after
		// 2012-03's new file is written
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

	/**
	 * Every file under the dataset folder with its content (folders as "
	 * <dir>
	 * ").
	 */
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
