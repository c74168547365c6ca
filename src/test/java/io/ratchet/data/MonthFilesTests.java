package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MonthFilesTests {

	@TempDir
	Path folder;

	@Test
	void listsOnlyFilesNamedAsAMonth() throws IOException {
		// given
		for (String name : new String[] { "2012-03.csv", "2011-12.csv", "2012-13.csv", "2012-3.csv", "2012-03.csv.tmp",
				"x2012-03.csv", "2012-04.CSV", "notes.txt" }) {
			Files.writeString(this.folder.resolve(name), "a\n");
		}
		Files.createDirectories(this.folder.resolve("2012-05.csv"));
		Files.createDirectories(this.folder.resolve("quarantine"));

		// when / then
		assertThat(MonthFiles.list(this.folder)).containsExactly(
				java.util.Map.entry(YearMonth.of(2011, 12), this.folder.resolve("2011-12.csv")),
				java.util.Map.entry(YearMonth.of(2012, 3), this.folder.resolve("2012-03.csv")));
	}

	@Test
	void missingFolderHasNoMonths() {
		// when / then
		assertThat(MonthFiles.list(this.folder.resolve("absent"))).isEmpty();
	}

	@Test
	void fileForAMonth() {
		// when / then
		assertThat(MonthFiles.fileFor(this.folder, YearMonth.of(2012, 3)))
			.isEqualTo(this.folder.resolve("2012-03.csv"));
		assertThat(MonthFiles.fileFor(this.folder, YearMonth.of(987, 11)))
			.isEqualTo(this.folder.resolve("0987-11.csv"));
	}

}
