package io.ratchet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The columnar month cache: written on the first read, the same rows, rejections and
 * counts from it as from the CSV, never stale, damaged entries ignored, owner-only.
 */
class MonthCacheTests {

	private static final YearMonth MARCH = YearMonth.of(2012, 3);

	private static final String HEADER = "customer_id,event_date,tenure_months,plan,churned,vendor_score";

	@TempDir
	Path folder;

	private final DatasetConfig dataset = DatasetConfig.builder("churn", null)
		.date("event_date")
		.binaryLabel("churned", "yes", "no")
		.missingTokens(Set.of("NA"))
		.features(List.of(new Feature("tenure_months", FeatureType.NUMERIC),
				new Feature("plan", FeatureType.CATEGORICAL)))
		.idColumns(List.of("customer_id"))
		.scoreColumns(List.of("vendor_score"))
		.build();

	@Test
	void aReadFromTheEntryHandsOnRowsAndRejectionsInTheFilesOrder() throws IOException {
		// given: rejections among rows (a row range counts records in the file's order)
		Path csv = month(20_000, 1, 10);
		MonthSource source = new MonthSource(this.dataset, cache(Clock.systemUTC()));
		List<String> fromCsv = order(new MonthSource(this.dataset, null), csv);
		order(source, csv);

		// when
		List<String> fromCache = order(source, csv);

		// then
		assertThat(source.monthsFromCache()).isEqualTo(1);
		assertThat(fromCsv).anyMatch((record) -> record.startsWith("rejected"));
		assertThat(fromCache).isEqualTo(fromCsv);
	}

	@Test
	void theFirstReadWritesTheEntryAndLaterReadsGiveTheSameRowsRejectionsAndCounts() throws IOException {
		// given: more rows than a block, levels first seen in later blocks, missing
		// values, unlabelled rows, more bad rows than a block of rejections
		Path csv = month(20_000, 1, 10);
		MonthCache cache = cache(Clock.systemUTC());
		MonthSource source = new MonthSource(this.dataset, cache);
		Read fromCsv = read(new MonthSource(this.dataset, null), csv);

		// when
		Read first = read(source, csv);
		Read second = read(source, csv);

		// then
		assertThat(source.monthsParsed()).isEqualTo(1);
		assertThat(source.monthsFromCache()).isEqualTo(1);
		assertThat(entries(cache)).hasSize(1);
		assertThat(fromCsv.stats().rejected()).isGreaterThan(ColumnarMonthWriter.REJECTIONS);
		assertThat(fromCsv.stats().unlabelled()).isPositive();
		for (Read read : List.of(first, second)) {
			assertThat(read.stats()).isEqualTo(fromCsv.stats());
			assertThat(read.rejections()).isEqualTo(fromCsv.rejections());
			assertSameRows(read.rows(), fromCsv.rows());
		}
	}

	@Test
	void aCsvEditedWithItsSizeAndModificationTimeKeptIsNotServedStale() throws IOException {
		// given: an entry made while the CSV was fresh (its stamp is not trusted yet)
		Path csv = month(100, 2);
		MonthSource source = new MonthSource(this.dataset, cache(Clock.systemUTC()));
		read(source, csv);
		String edited = edit(csv);

		// when
		Read read = read(source, csv);

		// then
		assertThat(source.monthsParsed()).isEqualTo(2);
		assertThat(read.rows().get(0).numbers()[0]).isEqualTo(Double.parseDouble(edited));
	}

	@Test
	void aTrustedStampIsNotEnoughOnceTheChangeTimeMoved() throws IOException {
		// given: an entry whose stamp is trusted (a clock well past the CSV's change
		// time)
		Path csv = month(100, 3);
		MonthCache cache = cache(Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC));
		MonthSource source = new MonthSource(this.dataset, cache);
		read(source, csv);
		Path entry = cache.entryFor(this.dataset, csv, MARCH);
		assertThat(stamp(entry)).isEqualTo(CsvStamp.of(csv));
		// the file system's clock is coarse: wait until it has moved past the CSV's
		// change time, so that the edit gets another one
		long changed = CsvStamp.of(csv).changed();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Path probe = Files.createTempFile(this.folder, "probe", ".tmp");
			return CsvStamp.of(probe).changed() > changed;
		});
		String edited = edit(csv);

		// when
		Read read = read(source, csv);

		// then
		assertThat(source.monthsParsed()).isEqualTo(2);
		assertThat(read.rows().get(0).numbers()[0]).isEqualTo(Double.parseDouble(edited));
	}

	@Test
	void anEntryWhoseCsvWasHashedUnchangedIsStampedAgainAndServed() throws IOException {
		// given: an entry made while the CSV was fresh, and a later read when it is not
		Path csv = month(100, 4);
		Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
		read(new MonthSource(this.dataset, cache(Clock.systemUTC())), csv);
		MonthCache cache = cache(later);
		Path entry = cache.entryFor(this.dataset, csv, MARCH);
		assertThat(stamp(entry)).isEqualTo(CsvStamp.UNKNOWN);
		MonthSource source = new MonthSource(this.dataset, cache);

		// when
		read(source, csv);

		// then
		assertThat(source.monthsFromCache()).isEqualTo(1);
		assertThat(stamp(entry)).isEqualTo(CsvStamp.of(csv));
	}

	@Test
	void aDamagedOrTruncatedEntryIsIgnoredAndWrittenAgain() throws IOException {
		// given
		Path csv = month(3_000, 5);
		MonthCache cache = cache(Clock.systemUTC());
		Read fromCsv = read(new MonthSource(this.dataset, null), csv);
		read(new MonthSource(this.dataset, cache), csv);
		Path entry = cache.entryFor(this.dataset, csv, MARCH);
		byte[] bytes = Files.readAllBytes(entry);
		for (byte[] damaged : List.of(flipped(bytes, bytes.length / 2),
				java.util.Arrays.copyOf(bytes, bytes.length - 7), new byte[0])) {
			Files.write(entry, damaged);
			MonthSource source = new MonthSource(this.dataset, cache);

			// when
			Read read = read(source, csv);

			// then
			assertThat(source.monthsParsed()).isEqualTo(1);
			assertSameRows(read.rows(), fromCsv.rows());
			assertThat(Files.readAllBytes(entry)).hasSize(bytes.length);
			MonthSource again = new MonthSource(this.dataset, cache);
			read(again, csv);
			assertThat(again.monthsFromCache()).isEqualTo(1);
		}
	}

	@Test
	void deletingTheCacheIsHarmless() throws IOException {
		// given
		Path csv = month(500, 6);
		MonthCache cache = cache(Clock.systemUTC());
		Read before = read(new MonthSource(this.dataset, cache), csv);
		org.springframework.util.FileSystemUtils.deleteRecursively(cache.folder());

		// when
		MonthSource source = new MonthSource(this.dataset, cache);
		Read after = read(source, csv);

		// then
		assertThat(source.monthsParsed()).isEqualTo(1);
		assertSameRows(after.rows(), before.rows());
		assertThat(entries(cache)).hasSize(1);
	}

	@Test
	void otherDatasetSettingsMakeAnotherEntry() throws IOException {
		// given: the same file read with NA no longer a missing token
		Path csv = month(200, 7);
		MonthCache cache = cache(Clock.systemUTC());
		read(new MonthSource(this.dataset, cache), csv);
		DatasetConfig changed = DatasetConfig.builder("churn", null)
			.date("event_date")
			.binaryLabel("churned", "yes", "no")
			.features(this.dataset.features())
			.idColumns(List.of("customer_id"))
			.scoreColumns(List.of("vendor_score"))
			.build();
		MonthSource source = new MonthSource(changed, cache);

		// when
		Read read = read(source, csv);

		// then
		assertThat(source.monthsParsed()).isEqualTo(1);
		assertSameRows(read.rows(), read(new MonthSource(changed, null), csv).rows());
	}

	@Test
	void aDatasetOfNumbersOnlyReadsTheSameRowsFromTheEntryWithAllItsDates() throws IOException {
		// given: numeric features only, no score column, ids left undecoded: the cache
		// shares the rows' levels, ids and scores arrays and their dates
		Path csv = month(5_000, 11);
		DatasetConfig numbers = DatasetConfig.builder("churn", null)
			.date("event_date")
			.binaryLabel("churned", "yes", "no")
			.missingTokens(Set.of("NA"))
			.features(List.of(new Feature("tenure_months", FeatureType.NUMERIC),
					new Feature("vendor_score", FeatureType.NUMERIC)))
			.idColumns(List.of("customer_id"))
			.build();
		MonthSource source = new MonthSource(numbers, cache(Clock.systemUTC())).withoutIds();
		List<Row> fromCsv = read(new MonthSource(numbers, null), csv).rows();
		read(source, csv);

		// when
		List<Row> fromCache = read(source, csv).rows();

		// then: the same rows, every day of March among them, ids all null
		assertThat(source.monthsFromCache()).isEqualTo(1);
		assertThat(fromCache).extracting(Row::date).containsAll(fromCsv.stream().map(Row::date).distinct().toList());
		assertThat(fromCsv.stream().map(Row::date).distinct()).hasSize(31);
		assertThat(fromCache).allSatisfy((row) -> {
			assertThat(row.ids()).containsOnlyNulls().hasSize(1);
			assertThat(row.levels()).containsOnlyNulls().hasSize(2);
		});
		List<Row> withIds = fromCsv.stream()
			.map((row) -> new Row(row.line(), row.date(), row.label(), row.numbers(), row.levels(),
					new String[] { null }, row.scores()))
			.toList();
		assertSameRows(fromCache, withIds);
	}

	@Test
	void entriesAndTheirFoldersAreReadableByTheirOwnerOnly() throws IOException {
		// given
		Path csv = month(10, 8);
		MonthCache cache = cache(Clock.systemUTC());

		// when
		read(new MonthSource(this.dataset, cache), csv);

		// then
		Path entry = cache.entryFor(this.dataset, csv, MARCH);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry.getParent())))
			.isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.folder()))).isEqualTo("rwx------");
		try (Stream<Path> files = Files.list(entry.getParent())) {
			assertThat(files).containsExactly(entry);
		}
	}

	@Test
	void withoutACacheNothingIsWritten() throws IOException {
		// given
		Path csv = month(10, 9);
		MonthSource source = new MonthSource(this.dataset, null);

		// when
		read(source, csv);
		read(source, csv);

		// then
		assertThat(source.monthsParsed()).isEqualTo(2);
		try (Stream<Path> files = Files.list(this.folder)) {
			assertThat(files).containsExactly(csv);
		}
	}

	private MonthCache cache(Clock clock) {
		return new MonthCache(this.folder.resolve(".ratchet/month-cache"), clock);
	}

	private static CsvStamp stamp(Path entry) throws IOException {
		try (ColumnarMonthFile file = ColumnarMonthFile.open(entry)) {
			return file.stamp();
		}
		catch (ColumnarMonthFile.Damaged ex) {
			throw new AssertionError(ex);
		}
	}

	private static List<Path> entries(MonthCache cache) throws IOException {
		try (Stream<Path> files = Files.walk(cache.folder())) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	/**
	 * A month of rows: ids, numbers with decimals and missing ones, levels (new ones
	 * appearing late), labels yes/no/missing, scores, and a few bad rows.
	 */
	private Path month(int rows, long seed) throws IOException {
		return month(rows, seed, 200);
	}

	/** As {@link #month(int, long)}, one row in about {@code badEvery} rejected. */
	private Path month(int rows, long seed, int badEvery) throws IOException {
		Random random = new Random(seed);
		StringBuilder text = new StringBuilder(HEADER).append('\n');
		for (int i = 0; i < rows; i++) {
			int day = 1 + random.nextInt(31);
			String tenure = (random.nextInt(20) == 0) ? "NA" : Double.toString(random.nextGaussian() * 10);
			String plan = (random.nextInt(30) == 0) ? "" : "plan-" + random.nextInt(1 + i / 1000);
			String label = switch (random.nextInt(10)) {
				case 0 -> "";
				case 1, 2, 3 -> "yes";
				default -> "no";
			};
			String score = (random.nextInt(15) == 0) ? "" : Double.toString(random.nextDouble());
			if (random.nextInt(badEvery) == 0) {
				tenure = "12abc";
			}
			text.append("c").append(i).append(",2012-03-").append((day < 10) ? "0" : "").append(day).append(',');
			text.append(tenure).append(',').append(plan).append(',').append(label).append(',').append(score);
			text.append('\n');
		}
		return Files.writeString(this.folder.resolve("2012-03.csv"), text, StandardCharsets.UTF_8);
	}

	/**
	 * Changes the first row's tenure to another number of the same length, and puts the
	 * modification time back; returns the new tenure.
	 */
	private static String edit(Path csv) throws IOException {
		FileTime modified = Files.getLastModifiedTime(csv);
		long size = Files.size(csv);
		List<String> lines = Files.readAllLines(csv);
		String[] cells = lines.get(1).split(",", -1);
		String tenure = "1".repeat(Math.max(1, cells[2].length()));
		cells[2] = tenure;
		lines.set(1, String.join(",", cells));
		Files.write(csv, lines);
		Files.setLastModifiedTime(csv, modified);
		assertThat(Files.size(csv)).isEqualTo(size);
		assertThat(Files.getLastModifiedTime(csv)).isEqualTo(modified);
		return tenure;
	}

	private static byte[] flipped(byte[] bytes, int at) {
		byte[] copy = bytes.clone();
		copy[at] ^= 0x20;
		return copy;
	}

	private static void assertSameRows(List<Row> actual, List<Row> expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			Row a = actual.get(i);
			Row e = expected.get(i);
			assertThat(a.line()).isEqualTo(e.line());
			assertThat(a.date()).isEqualTo(e.date());
			assertThat(Double.doubleToRawLongBits(a.label())).isEqualTo(Double.doubleToRawLongBits(e.label()));
			assertThat(bits(a.numbers())).isEqualTo(bits(e.numbers()));
			assertThat(a.levels()).isEqualTo(e.levels());
			assertThat(a.ids()).isEqualTo(e.ids());
			assertThat(bits(a.scores())).isEqualTo(bits(e.scores()));
		}
	}

	private static long[] bits(double[] values) {
		long[] bits = new long[values.length];
		for (int i = 0; i < values.length; i++) {
			bits[i] = Double.doubleToRawLongBits(values[i]);
		}
		return bits;
	}

	/** The records of a read in the order handed on: rows and rejections by line. */
	private static List<String> order(MonthSource source, Path csv) {
		List<String> order = new ArrayList<>();
		source.read(csv, MARCH, (row) -> order.add("row " + row.line()),
				(rejection) -> order.add("rejected " + rejection.line()));
		return order;
	}

	private static Read read(MonthSource source, Path csv) {
		List<Row> rows = new ArrayList<>();
		List<Rejection> rejections = new ArrayList<>();
		ReadStats stats = source.read(csv, MARCH, rows::add, rejections::add);
		return new Read(stats, rows, rejections);
	}

	private record Read(ReadStats stats, List<Row> rows, List<Rejection> rejections) {
	}

}
