package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A file pinned by its SHA-256: the same file passes, an edited one fails naming the file
 * and both hashes, also when its size and modification time are put back; the pin
 * survives its text form; the line feeds counted on the way bound the rows.
 */
class PinnedFileTests {

	@TempDir
	Path dir;

	@Test
	void anUnchangedFilePassesAndItsPinSurvivesItsTextForm() throws IOException {
		// given
		Path file = write("a.csv", "x,y\n1,2\n3,4\n");

		// when
		PinnedFile.Hashed hashed = PinnedFile.hash(file);

		// then: the SHA-256 of the bytes, the count of line feeds, and a check that
		// passes
		assertThat(hashed.pin().sha256()).isEqualTo(DatasetImporter.sha256(file)).hasSize(64);
		assertThat(hashed.rows()).isEqualTo(3);
		assertThat(hashed.fromCache()).isFalse();
		assertThat(hashed.bytes()).isEqualTo(Files.size(file));
		PinnedFile again = PinnedFile.parse(file, hashed.pin().format());
		assertThat(again).isEqualTo(hashed.pin());
		again.check();
	}

	@Test
	void anEditedFileFailsNamingTheFileTheExpectedAndTheFoundHash() throws IOException {
		// given: a file pinned, then one digit changed with its size and modification
		// time put back
		Path file = write("b.csv", "x,y\n1,2\n");
		PinnedFile pin = PinnedFile.hash(file).pin();
		var modified = Files.getLastModifiedTime(file);
		Files.writeString(file, "x,y\n1,3\n");
		Files.setLastModifiedTime(file, modified);
		String found = DatasetImporter.sha256(file);

		// when / then
		assertThatExceptionOfType(PinnedFile.FileChangedException.class).isThrownBy(pin::check)
			.withMessageContaining(file.toString())
			.withMessageContaining("expected SHA-256 " + pin.sha256())
			.withMessageContaining("found " + found);
	}

	@Test
	void aRangeReadHandsOnOnlyItsRecordsValidOrRejectedAndTheRangesCoverTheMonth() throws IOException {
		// given: a month of 7 records, the 4th rejected (a date outside the month)
		Path file = write("2024-01.csv", """
				day,x,outcome
				2024-01-01,1,1
				2024-01-02,2,0
				2024-01-03,3,1
				2024-02-04,4,0
				2024-01-05,5,1
				2024-01-06,6,
				2024-01-07,7,1
				""");
		DatasetConfig dataset = DatasetConfigs.load(write("toy.yml", """
				name: toy
				date: {column: day, format: yyyy-MM-dd}
				label: {column: outcome, task: binary, positive: "1", negative: "0"}
				missing: ["", "NA"]
				features:
				  - {name: x, type: numeric}
				"""));
		MonthSource source = new MonthSource(dataset, null);

		// when: ranges [0, 3), [3, 6), [6, end)
		List<Double> xs = new ArrayList<>();
		List<Long> rejectedLines = new ArrayList<>();
		ReadStats total = new ReadStats(0, 0, 0, 0);
		for (RowRange range : List.of(new RowRange(0, 3), new RowRange(3, 6), RowRange.parse("6.."))) {
			ReadStats stats = source.read(file, java.time.YearMonth.of(2024, 1), range,
					(row) -> xs.add(row.numbers()[0]), (rejection) -> rejectedLines.add(rejection.line()));
			total = new ReadStats(total.rows() + stats.rows(), total.accepted() + stats.accepted(),
					total.rejected() + stats.rejected(), total.unlabelled() + stats.unlabelled());
		}

		// then: every record once, in order, and the counts of a whole read
		assertThat(xs).containsExactly(1.0, 2.0, 3.0, 5.0, 6.0, 7.0);
		assertThat(rejectedLines).containsExactly(5L);
		assertThat(total).isEqualTo(source.read(file, java.time.YearMonth.of(2024, 1), (row) -> {
		}, (rejection) -> {
		}));
		assertThat(total).isEqualTo(new ReadStats(7, 6, 1, 1));
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

}
