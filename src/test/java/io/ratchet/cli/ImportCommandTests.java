package io.ratchet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.data.ImportResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@code jobs/import} prints: every row counted once, matched rows and conflicts
 * named.
 */
class ImportCommandTests {

	@TempDir
	Path work;

	@Test
	void aFolderStandsForItsCsvFilesInNameOrderAfterTheFilesBeforeIt() throws IOException {
		// given: a file, and a folder with two month files, a hidden one, a text file and
		// a
		// sub-folder
		Path single = Files.writeString(this.work.resolve("extra.csv"), "x\n");
		Path folder = Files.createDirectories(this.work.resolve("exports"));
		Files.writeString(folder.resolve("2026-02.csv"), "x\n");
		Files.writeString(folder.resolve("2026-01.csv"), "x\n");
		Files.writeString(folder.resolve(".partial.csv"), "x\n");
		Files.writeString(folder.resolve("notes.txt"), "x\n");
		Files.createDirectories(folder.resolve("old.csv"));

		// when
		List<Path> sources = ImportCommand.sources(List.of(single.toString(), folder.toString()));

		// then
		assertThat(sources).containsExactly(single, folder.resolve("2026-01.csv"), folder.resolve("2026-02.csv"));
	}

	@Test
	void aMissingPathOrAFolderWithoutCsvFilesIsAUsageError() throws IOException {
		// given
		Path empty = Files.createDirectories(this.work.resolve("empty"));
		Path file = Files.writeString(this.work.resolve("rows.csv"), "x\n");

		// when / then: nothing is imported when any argument is wrong, whatever its place
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> ImportCommand.sources(List.of(file.toString(), this.work.resolve("gone.csv").toString())))
			.withMessage("no such file: " + this.work.resolve("gone.csv"));
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> ImportCommand.sources(List.of(file.toString(), empty.toString())))
			.withMessage("no .csv file in folder " + empty);
	}

	@Test
	void theCommandSaysHowManyRowsItMatchedUpdatedAndRejected() {
		// given
		ImportResult result = new ImportResult(Path.of("export.csv"), "ab", 4_510, 2, 4_500, 3, 5, 2,
				new TreeMap<>(Map.of(YearMonth.of(2015, 7), 2L)), new TreeMap<>(Map.of(YearMonth.of(2015, 8), 3L)),
				Path.of("quarantine/export.csv.20261126-093015.rejected.csv"));

		// when
		String text = ImportCommand.describe(result, Path.of("historical-data/bookings"));

		// then
		assertThat(text).isEqualTo("""
				Imported export.csv into historical-data/bookings: 4,510 rows, 2 new, 4,500 matched (already stored), \
				3 updated (label added), 5 rejected (2 conflicts with stored rows)
				  2015-07  2 new rows
				  2015-08  0 new rows, 3 updated
				Rejected rows and conflicts, with line and reason: quarantine/export.csv.20261126-093015.rejected.csv
				""");
	}

	@Test
	void aCleanImportSaysNothingOfConflictsOrQuarantine() {
		// given
		ImportResult result = new ImportResult(Path.of("export.csv"), "ab", 1, 1, 0, 0, 0, 0,
				new TreeMap<>(Map.of(YearMonth.of(2015, 7), 1L)), new TreeMap<>(), null);

		// when
		String text = ImportCommand.describe(result, Path.of("historical-data/bookings"));

		// then
		assertThat(text).isEqualTo("""
				Imported export.csv into historical-data/bookings: 1 rows, 1 new, 0 matched (already stored), \
				0 updated (label added), 0 rejected
				  2015-07  1 new rows
				""");
	}

}
