package io.ratchet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ratchet.data.TestDatasets.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The import with its records found ({@link ScanAhead}) and its rows spooled
 * ({@link SpoolHandoff}) on threads of their own, the default, against the same import on
 * one thread: the same month files byte for byte, the same counts, digest and quarantine;
 * nothing written when the source or the spool fails part way.
 */
class ImportSpoolThreadTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:30:15Z"), ZoneOffset.UTC);

	@TempDir
	Path work;

	@Test
	void aCleanImportWritesWhatOneThreadWrites() throws IOException {
		// given: 20,000 rows over five months in random order, a few ids twice (with a
		// label that arrives later), many batches of the hand-off
		List<String> lines = randomRows(20_000, new SplittableRandom(15));
		Path source = source("incoming.csv", lines);

		// when
		ImportResult threaded = importer("threaded", true).importFile(source);
		ImportResult oneThread = importer("one-thread", false).importFile(source);

		// then
		assertThat(threaded.rows()).isEqualTo(20_000);
		assertThat(threaded.acceptedByMonth()).hasSize(5);
		assertSameImport(threaded, oneThread);
		assertThat(threaded.sourceSha256()).isEqualTo(sha256(source));
		assertThat(files(datasetDir("threaded"))).isEqualTo(files(datasetDir("one-thread")))
			.containsKey(Path.of("2012-03.csv"));
	}

	@Test
	void rejectedRowsAreQuarantinedInTheOrderOfOneThread() throws IOException {
		// given: rejected rows spread over a source of many batches
		List<String> lines = randomRows(5_000, new SplittableRandom(16));
		lines.set(10, "c10,2012-03-01,lots,gold,yes");
		lines.set(2_500, "c2500,2012-13-01,1,gold,yes");
		lines.set(4_999, "c4999,2012-03-02,1,gold");
		Path source = source("incoming.csv", lines);

		// when
		ImportResult threaded = importer("threaded", true).importFile(source);
		ImportResult oneThread = importer("one-thread", false).importFile(source);

		// then
		assertSameImport(threaded, oneThread);
		assertThat(threaded.rejected()).isEqualTo(3);
		List<String> quarantined = Files.readAllLines(threaded.quarantineFile());
		assertThat(quarantined).isEqualTo(Files.readAllLines(oneThread.quarantineFile()));
		assertThat(quarantined).hasSize(4);
		assertThat(quarantined.get(1)).startsWith(source + ",12,unparsable number 'lots'");
		assertThat(quarantined.get(2)).startsWith(source + ",2502,unparsable date '2012-13-01'");
		assertThat(quarantined.get(3)).startsWith(source + ",5001,\"too few fields");
		assertThat(files(datasetDir("threaded"))).isEqualTo(files(datasetDir("one-thread")));
	}

	@Test
	void aSourceFailingPartWayWritesNothing() throws IOException {
		// given: a quote without its end after 3,000 good rows (spooled already) and a
		// rejected one
		List<String> lines = randomRows(4_000, new SplittableRandom(17));
		lines.set(100, "c100,2012-03-01,lots,gold,yes");
		lines.set(3_000, "c3000,2012-03-01,1,\"gold,yes");
		Path source = source("incoming.csv", lines);
		DatasetImporter importer = importer("threaded", true);

		// when / then: the error names the file and the line; no month file, no
		// quarantine, no spool is left
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer.importFile(source))
			.withMessageStartingWith(source + " line 3002: malformed CSV");
		try (Stream<Path> left = Files.walk(this.work.resolve("threaded"))) {
			assertThat(left.filter(Files::isRegularFile)).isEmpty();
		}
	}

	@Test
	void quotedAndUndecodableRowsAreImportedAsOnOneThread() throws IOException {
		// given: quoted fields (with a comma, a doubled quote, a line break), non-ASCII
		// levels and undecodable bytes spread over many batches of the record scan
		List<String> lines = randomRows(6_000, new SplittableRandom(19));
		lines.set(5, "c5,2012-03-01,1,\"gold, old\",yes");
		lines.set(1_500, "c1500,2012-04-02,2,\"say \"\"hi\"\"\nnow\",no");
		lines.set(3_000, "c3000,2012-05-03,3,caf\u00e9,yes");
		lines.set(4_500, "c4500,2012-06-04,4,caf\u00fc,yes");
		Path source = source("incoming.csv", lines);
		byte[] bytes = Files.readAllBytes(source);
		int invalid = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("caf\u00c3\u00bc");
		bytes[invalid + 3] = (byte) 0xFC;
		bytes[invalid + 4] = ' ';
		Files.write(source, bytes);

		// when
		ImportResult threaded = importer("threaded", true).importFile(source);
		ImportResult oneThread = importer("one-thread", false).importFile(source);

		// then
		assertSameImport(threaded, oneThread);
		List<String> quarantined = Files.readAllLines(threaded.quarantineFile());
		assertThat(quarantined).isEqualTo(Files.readAllLines(oneThread.quarantineFile()));
		assertThat(quarantined).anyMatch((line) -> line.contains("invalid UTF-8 bytes \\xFC in column plan"));
		assertThat(files(datasetDir("threaded"))).isEqualTo(files(datasetDir("one-thread")));
		assertThat(Files.readString(datasetDir("threaded").resolve("2012-04.csv")))
			.contains("c1500,2012-04-02,2,\"say \"\"hi\"\"\nnow\",no\n");
	}

	@Test
	void aValidationFailurePartWayStopsTheRecordScanAndWritesNothing() throws IOException {
		// given: a stored 2012-02 month file with a column the source lacks (new months
		// take the header of the stored 2012-07); the first row of 2012-02 comes after
		// 20,000 rows of other months, many batches after the scanning thread started
		Path datasetDir = datasetDir("threaded");
		Files.createDirectories(datasetDir);
		Path february = Files.writeString(datasetDir.resolve("2012-02.csv"),
				HEADER + ",region\nc0,2012-02-01,1,gold,yes,north\n");
		Path july = Files.writeString(datasetDir.resolve("2012-07.csv"), HEADER + "\nc0,2012-07-01,1,gold,yes\n");
		List<String> lines = new ArrayList<>(randomRows(20_000, new SplittableRandom(20)));
		lines.add("c99999,2012-02-02,5,gold,no");
		lines.addAll(randomRows(30_000, new SplittableRandom(21)));
		Path source = source("incoming.csv", lines);

		// when / then: the caller's error names the file; the month files are as they
		// were, nothing else is left, and the scanning thread has ended
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> importer("threaded", true).importFile(source))
			.withMessageStartingWith(source + " line 1: header lacks column region that month file " + february);
		try (Stream<Path> left = Files.walk(datasetDir)) {
			assertThat(left.filter(Files::isRegularFile)).containsExactlyInAnyOrder(february, july);
		}
		assertThat(Files.readString(july)).isEqualTo(HEADER + "\nc0,2012-07-01,1,gold,yes\n");
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("import-scan incoming.csv") && thread.isAlive());
	}

	@Test
	void aSpoolFailingPartWayReachesTheCallerAndWritesNothing() throws IOException {
		// given: the spool folder replaced by a file once the first rows are handed
		// over, so that the spool thread fails while the caller still reads
		Path spoolFolder = this.work.resolve("spool");
		MessageDigest digest = DatasetImporter.sha256();
		List<String> failures = new ArrayList<>();
		try (MonthSpool spool = new MonthSpool(spoolFolder);
				SpoolHandoff handoff = SpoolHandoff.threaded(spool, digest, "incoming.csv")) {
			Files.delete(spoolFolder);
			Files.writeString(spoolFolder, "not a folder");
			byte[] text = "c1,2012-03-01,1,gold,yes".getBytes(StandardCharsets.UTF_8);

			// when: rows are handed over until the failure comes back
			try {
				for (int i = 0; i < 1_000_000; i++) {
					handoff.add(YearMonth.of(2012, 3), new MonthSpool.Spooled(i + 2, 15_400, null, text));
				}
				handoff.finish();
			}
			catch (IOException ex) {
				failures.add(ex.getMessage());
			}
		}

		// then: the caller gets the spool's message, naming the spool file
		assertThat(failures).singleElement()
			.asString()
			.startsWith("cannot write " + spoolFolder.resolve("2012-03.spool"));
	}

	@Test
	void theSpoolReadAheadHandsOverEveryRowInOrderThenTheFailure() throws IOException {
		// given: 5,000 rows of 2012-03 in the spool (several batches), the file cut
		// within the day of row 4,001
		Path spoolFolder = this.work.resolve("spool");
		YearMonth march = YearMonth.of(2012, 3);
		byte[] text = "c1,2012-03-01,1,gold,yes".getBytes(StandardCharsets.UTF_8);
		List<Long> lines = new ArrayList<>();
		try (MonthSpool spool = new MonthSpool(spoolFolder)) {
			for (int i = 0; i < 5_000; i++) {
				spool.add(march, new MonthSpool.Spooled(i + 2, 15_400, null, text));
			}
			spool.finishWriting();
			Path file = spoolFolder.resolve("2012-03.spool");
			long record = 8 + 8 + 4 + 4 + text.length;
			try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
				channel.truncate(4_000 * record + 12);
			}

			// when
			assertThatExceptionOfType(java.io.EOFException.class)
				.isThrownBy(() -> SpoolReadAhead.read(spool, march, (row) -> lines.add(row.line())));
		}

		// then: the rows before the cut, in order, then the spool's own failure
		assertThat(lines).hasSize(4_000).isSorted().startsWith(2L).endsWith(4_001L);
	}

	@Test
	void aMergeFailingPartWayStopsTheSpoolReadAhead() throws IOException {
		// given
		Path spoolFolder = this.work.resolve("spool");
		YearMonth march = YearMonth.of(2012, 3);
		byte[] text = "c1,2012-03-01,1,gold,yes".getBytes(StandardCharsets.UTF_8);
		try (MonthSpool spool = new MonthSpool(spoolFolder)) {
			for (int i = 0; i < 50_000; i++) {
				spool.add(march, new MonthSpool.Spooled(i + 2, 15_400, null, text));
			}
			spool.finishWriting();
			long[] taken = { 0 };

			// when: the merge fails at the 1,500th row
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> SpoolReadAhead.read(spool, march, (row) -> {
				if (++taken[0] == 1_500) {
					throw new IOException("disk full");
				}
			})).withMessage("disk full");

			// then: the reading thread has ended when read returns
			assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().equals("import-spool-read 2012-03") && thread.isAlive());
		}
	}

	private static void assertSameImport(ImportResult threaded, ImportResult oneThread) {
		assertThat(threaded.sourceSha256()).isEqualTo(oneThread.sourceSha256());
		assertThat(threaded.rows()).isEqualTo(oneThread.rows());
		assertThat(threaded.accepted()).isEqualTo(oneThread.accepted());
		assertThat(threaded.duplicates()).isEqualTo(oneThread.duplicates());
		assertThat(threaded.rejected()).isEqualTo(oneThread.rejected());
		assertThat(threaded.acceptedByMonth()).isEqualTo(oneThread.acceptedByMonth());
	}

	/**
	 * Rows of the churn dataset (id customer_id) over 2012-03 to 2012-07 in random order,
	 * every 50th the row before it again with its label (unlabelled before).
	 */
	private static List<String> randomRows(int count, SplittableRandom random) {
		List<String> lines = new ArrayList<>();
		String[] plans = { "gold", "silver", "bronze", "NA", "" };
		String previous = null;
		for (int i = 0; i < count; i++) {
			if (previous != null && i % 50 == 0) {
				lines.add(previous + "yes");
				previous = null;
				continue;
			}
			LocalDate date = LocalDate.of(2012, 3, 1).plusDays(random.nextInt(150));
			String row = "c" + i + "," + date + "," + random.nextInt(-5, 120) + "." + random.nextInt(10) + ","
					+ plans[random.nextInt(plans.length)] + ",";
			boolean unlabelled = random.nextInt(5) == 0;
			lines.add(row + (unlabelled ? "" : random.nextBoolean() ? "yes" : "no"));
			previous = unlabelled ? row : null;
		}
		return lines;
	}

	private DatasetImporter importer(String name, boolean threads) {
		return new DatasetImporter(TestDatasets.churn("customer_id"), datasetDir(name), CLOCK, threads);
	}

	private Path datasetDir(String name) {
		return this.work.resolve(name).resolve("churn");
	}

	private Path source(String name, List<String> lines) throws IOException {
		return Files.writeString(this.work.resolve(name), HEADER + "\n" + String.join("\n", lines) + "\n");
	}

	/**
	 * Every file under a folder, but the quarantine, by its path there, with its bytes.
	 */
	private static Map<Path, String> files(Path folder) throws IOException {
		Map<Path, String> files = new TreeMap<>();
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.filter(Files::isRegularFile).toList()) {
				if (!path.getParent().getFileName().toString().equals("quarantine")) {
					files.put(folder.relativize(path), HexFormat.of().formatHex(Files.readAllBytes(path)));
				}
			}
		}
		return files;
	}

	private static String sha256(Path file) throws IOException {
		return HexFormat.of().formatHex(DatasetImporter.sha256().digest(Files.readAllBytes(file)));
	}

}
