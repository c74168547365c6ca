package io.ratchet.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress line of an import: at most every two seconds, rows per second of the pass.
 */
class ImportProgressLineTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void printsAtMostEveryTwoSecondsWithTheRateOfEachPass() {
		// given: a clock the test moves
		AtomicLong now = new AtomicLong(100 * SECOND);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		ImportProgressLine progress = new ImportProgressLine(new PrintStream(err, true, StandardCharsets.UTF_8),
				Path.of("in/export.csv"), now::get);

		// when: reads at 1 s (too soon), 2 s and 3 s (too soon), the end of the read at
		// 4 s, then merges at 5 s (too soon after the last line) and 8 s
		now.addAndGet(SECOND);
		progress.read(100_000);
		now.addAndGet(SECOND);
		progress.read(600_000);
		now.addAndGet(SECOND);
		progress.read(700_000);
		now.addAndGet(SECOND);
		progress.read(800_000);
		now.addAndGet(SECOND);
		progress.merged(100_000);
		now.addAndGet(3 * SECOND);
		progress.merged(800_000);

		// then
		assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
				import export.csv: 600,000 rows read, 300,000 rows/s
				import export.csv: 800,000 rows read, 200,000 rows/s
				import export.csv: 800,000 rows merged, 200,000 rows/s
				""");
	}

}
