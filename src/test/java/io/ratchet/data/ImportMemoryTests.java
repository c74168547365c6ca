package io.ratchet.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ratchet.data.TestDatasets.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import holds a few numbers per row of the month it merges, not the rows: one month
 * of 500,000 rows, about 100 MB as the Java objects the importer used to hold (a record,
 * a date and a string per row, plus the map of their keys), imports in a JVM of its own
 * whose heap is 48 MB, in a shuffled day order (so it is sorted on the way); then the
 * same file again, every row matched against the stored ones.
 */
class ImportMemoryTests {

	private static final int ROWS = 500_000;

	private static final String HEAP = "-Xmx48m";

	@TempDir
	Path work;

	@ParameterizedTest
	@ValueSource(strings = { "", "customer_id" })
	void aMonthFarLargerThanTheHeapImportsThenMatches(String idColumn) throws IOException, InterruptedException {
		// given: one month of 500,000 distinct rows, days out of order
		Path source = this.work.resolve("big.csv");
		try (BufferedWriter out = Files.newBufferedWriter(source, StandardCharsets.UTF_8)) {
			out.write(HEADER + "\n");
			for (int i = 0; i < ROWS; i++) {
				out.write(String.format(Locale.ROOT, "c%07d,2012-03-%02d,%d,gold,yes%n", i, 28 - i % 28, i % 97));
			}
		}
		Path datasetDir = this.work.resolve("churn");

		// when
		String first = importInASmallHeap(datasetDir, source, idColumn);
		String second = importInASmallHeap(datasetDir, source, idColumn);

		// then
		assertThat(first).contains("imported " + ROWS + " rows, 0 matched");
		assertThat(second).contains("imported 0 rows, " + ROWS + " matched");
		Path month = datasetDir.resolve("2012-03.csv");
		try (Stream<String> lines = Files.lines(month)) {
			List<String> days = new ArrayList<>();
			lines.skip(1).forEach((line) -> days.add(line.substring(9, 19)));
			assertThat(days).hasSize(ROWS).isSorted();
		}
	}

	private String importInASmallHeap(Path datasetDir, Path source, String idColumn)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-XX:+UseSerialGC",
						"-cp", System.getProperty("java.class.path"), ImportInAnotherProcess.class.getName(),
						datasetDir.toString(), source.toString()));
		if (!idColumn.isEmpty()) {
			command.add(idColumn);
		}
		Path output = this.work.resolve("output.txt");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		int exit = process.waitFor();
		String text = Files.readString(output);
		assertThat(exit).as(text).isZero();
		return text;
	}

}
