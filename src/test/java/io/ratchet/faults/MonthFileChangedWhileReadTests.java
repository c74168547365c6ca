package io.ratchet.faults;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import io.ratchet.bench.CorpusGenerator;
import io.ratchet.data.DataFileException;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.ReadStats;
import io.ratchet.data.Rejection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A month file truncated in place while a run reads it: the rows after the cut would be
 * silently missing (and the cut line rejected as if it were bad data), so the reader
 * notices the change and fails the month naming the file.
 */
class MonthFileChangedWhileReadTests {

	@TempDir
	Path root;

	DatasetConfig dataset;

	Path file;

	@BeforeEach
	void corpus() throws IOException {
		new CorpusGenerator(7).write(this.root, 24 * 2000);
		this.dataset = DatasetConfigs.load(this.root.resolve("config"), CorpusGenerator.DATASET);
		this.file = this.root.resolve("data/bench/2024-01.csv");
	}

	@Test
	void aFileTruncatedWhileItIsReadFailsNamingTheFile() {
		// given
		List<Rejection> rejects = new ArrayList<>();
		long[] seen = { 0 };
		// when: the file is cut to half its size after the first row was read
		// then
		assertThatThrownBy(() -> new MonthFileReader(this.dataset).read(this.file, YearMonth.of(2024, 1), (row) -> {
			if (seen[0]++ == 0) {
				truncateToHalf(this.file);
			}
		}, rejects::add)).isInstanceOf(DataFileException.class)
			.hasMessageContaining(this.file.toString())
			.hasMessageContaining("changed while being read");
	}

	@Test
	void anUnchangedFileIsReadWhole() {
		// when
		ReadStats stats = new MonthFileReader(this.dataset).read(this.file, YearMonth.of(2024, 1), (row) -> {
		}, (rejection) -> {
		});
		// then
		assertThat(stats.rows()).isEqualTo(2000);
		assertThat(stats.accepted() + stats.rejected()).isEqualTo(stats.rows());
	}

	private static void truncateToHalf(Path file) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.truncate(channel.size() / 2);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		try {
			Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
