package io.ratchet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MonthRows}: rows read back as they were added, through its write buffer and past
 * it (rows longer than the buffer, rows still in it), replaced rows in their places.
 */
class MonthRowsTests {

	@TempDir
	Path work;

	@Test
	void givesBackEveryRowInItsCurrentVersion() throws IOException {
		// given: 3,000 rows of 10 bytes to 200 KB (some longer than the 64 KiB buffer),
		// every 7th replaced by a longer version, some read back while still buffered
		SplittableRandom random = new SplittableRandom(64);
		List<String> expected = new ArrayList<>();
		List<String> read = new ArrayList<>();
		try (MonthRows rows = new MonthRows(this.work.resolve("rows"))) {
			for (int i = 0; i < 3_000; i++) {
				String text = "r" + i + ",".repeat((random.nextInt(100) == 0) ? 200_000 : random.nextInt(10, 200));
				int row = rows.add(new MonthSpool.Spooled(i + 2, 19_000 + i % 30, "id" + i, bytes(text)));
				expected.add(text);
				if (i % 7 == 0) {
					String label = text + "yes";
					rows.replace(row, new MonthSpool.Spooled(i + 2, 19_000 + i % 30, "id" + i, bytes(label)));
					expected.set(row, label);
				}
				if (i % 11 == 0) {
					// when: read back at once
					read.add(new String(rows.get(row).text(), StandardCharsets.UTF_8));
				}
			}
			List<String> all = new ArrayList<>();
			rows.forEach((day, text, from, length) -> all.add(new String(text, from, length, StandardCharsets.UTF_8)));

			// then
			assertThat(all).isEqualTo(expected);
			assertThat(read).hasSize(273).allSatisfy((text) -> assertThat(expected).contains(text));
			for (int i = 0; i < 3_000; i += 13) {
				assertThat(new String(rows.get(i).text(), StandardCharsets.UTF_8)).isEqualTo(expected.get(i));
				assertThat(rows.get(i).id()).isEqualTo("id" + i);
				assertThat(rows.get(i).line()).isEqualTo(i + 2);
			}
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
