package io.ratchet.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.ratchet.data.TestDatasets.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One import at a time per dataset. The first import reads its source from a named pipe,
 * so it is provably running (it holds the lock and waits for its rows) when the second
 * one starts: once the test's open of the pipe for writing returns, the importer has
 * opened it for reading, which it does only once it holds the lock. No timing is
 * involved; the timeouts only end a test that would otherwise hang on a broken importer.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ImportLockTests {

	@TempDir
	Path work;

	private Path datasetDir() {
		return this.work.resolve("historical-data").resolve("churn");
	}

	@Test
	void aSecondImportIntoTheSameDatasetIsRefusedWhileOneRuns() throws Exception {
		// given: an import (another thread) in progress, reading from a pipe
		Path pipe = fifo("first.csv");
		DatasetImporter importer = new DatasetImporter(TestDatasets.churn(), datasetDir());
		CompletableFuture<ImportResult> first = CompletableFuture.supplyAsync(() -> importer.importFile(pipe));
		Path second = Files.writeString(this.work.resolve("second.csv"),
				HEADER + "\nb1,2012-03-02,1,gold,no\nb2,2012-04-02,1,gold,no\n");
		try (OutputStream out = Files.newOutputStream(pipe)) {
			out.write((HEADER + "\na1,2012-03-01,1,gold,no\n").getBytes(StandardCharsets.UTF_8));
			out.flush();

			// when
			DataFileException refused = catchRefusal(() -> importer.importFile(second));

			// then
			assertThat(refused).hasMessage(datasetDir().resolve(".import.lock")
					+ ": an import into churn is running (pid " + ProcessHandle.current().pid() + ", since "
					+ refused.getMessage().replaceAll(".*, since (\\S+)\\).*", "$1")
					+ "); try again when it has finished");
			assertThat(systemLockHeldOn(datasetDir().resolve(".import.lock")))
				.as("the first import still holds its lock in the system's eyes (the refusal did not release it)")
				.isTrue();
			out.write("a2,2012-04-01,1,gold,no\n".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(first.get().accepted()).isEqualTo(2);

		// and then: the refused import, run again, loses nothing either
		assertThat(importer.importFile(second).accepted()).isEqualTo(2);
		assertThat(rows(2012, 3)).containsExactly("a1,2012-03-01,1,gold,no", "b1,2012-03-02,1,gold,no");
		assertThat(rows(2012, 4)).containsExactly("a2,2012-04-01,1,gold,no", "b2,2012-04-02,1,gold,no");
		assertThat(datasetDir().resolve(".import.lock")).doesNotExist();
	}

	@Test
	void anImportInAnotherProcessRefusesOursWithItsPid() throws Exception {
		// given: an import running in another process, reading from a pipe
		Path pipe = fifo("first.csv");
		Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
				ImportInAnotherProcess.class.getName(), datasetDir().toString(), pipe.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("other.txt").toFile())
			.start();
		Path ours = Files.writeString(this.work.resolve("ours.csv"), HEADER + "\nb1,2012-03-02,1,gold,no\n");
		DatasetImporter importer = new DatasetImporter(TestDatasets.churn(), datasetDir());
		try (OutputStream out = Files.newOutputStream(pipe)) {
			out.write((HEADER + "\na1,2012-03-01,1,gold,no\n").getBytes(StandardCharsets.UTF_8));
			out.flush();

			// when
			DataFileException refused = catchRefusal(() -> importer.importFile(ours));

			// then
			assertThat(refused.getMessage())
				.contains(": an import into churn is running (pid " + other.pid() + ", since ");
		}
		assertThat(other.waitFor()).as(Files.readString(this.work.resolve("other.txt"))).isZero();
		assertThat(Files.readString(this.work.resolve("other.txt"))).contains("imported 1 rows");

		// and then: ours, run again, loses nothing either
		assertThat(importer.importFile(ours).accepted()).isEqualTo(1);
		assertThat(rows(2012, 3)).containsExactly("a1,2012-03-01,1,gold,no", "b1,2012-03-02,1,gold,no");
	}

	@Test
	void theLockIsReleasedWhenAnImportFails() throws IOException {
		// given: a source the importer refuses
		DatasetImporter importer = new DatasetImporter(TestDatasets.churn(), datasetDir());
		Files.createDirectories(datasetDir());
		Path bad = Files.writeString(this.work.resolve("bad.csv"), "customer_id,event_date\nc1,2012-03-01\n");
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> importer.importFile(bad));

		// when
		Path good = Files.writeString(this.work.resolve("good.csv"), HEADER + "\nc1,2012-03-01,1,gold,no\n");
		ImportResult result = importer.importFile(good);

		// then
		assertThat(result.accepted()).isEqualTo(1);
		assertThat(datasetDir().resolve(".import.lock")).doesNotExist();
	}

	private static DataFileException catchRefusal(Runnable action) {
		try {
			action.run();
		}
		catch (ImportLock.ImportRunningException ex) {
			return ex;
		}
		throw new AssertionError("the second import was not refused");
	}

	/**
	 * Whether the system lists a POSIX lock on the file ({@code /proc/locks}, Linux):
	 * closing any descriptor of a file releases every lock of the process on it, which
	 * the JVM's own bookkeeping would not show.
	 */
	private static boolean systemLockHeldOn(Path file) throws IOException {
		Path locks = Path.of("/proc/locks");
		Assumptions.assumeTrue(Files.isReadable(locks), "no /proc/locks: the system's view of locks is not checked");
		String inode = ":" + Files.getAttribute(file, "unix:ino") + " ";
		return Files.readAllLines(locks).stream().anyMatch((line) -> line.contains("POSIX") && line.contains(inode));
	}

	private List<String> rows(int year, int month) throws IOException {
		List<String> lines = Files.readAllLines(MonthFiles.fileFor(datasetDir(), YearMonth.of(year, month)));
		return lines.subList(1, lines.size());
	}

	private Path fifo(String name) throws Exception {
		Path pipe = this.work.resolve(name);
		int code;
		try {
			code = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			code = -1;
		}
		Assumptions.assumeTrue(code == 0, "mkfifo is not available: concurrent import tests skipped");
		return pipe;
	}

}
