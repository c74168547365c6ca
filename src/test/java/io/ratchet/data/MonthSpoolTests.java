package io.ratchet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MonthSpool}: every row read back, field for field and in the order added, from
 * more months than it keeps files open for and with texts longer than its buffers.
 */
class MonthSpoolTests {

	@TempDir
	Path work;

	@Test
	void givesBackEveryRowOfEachMonthInOrder() throws IOException {
		// given: 20,000 rows over 40 months in random order (more than the 32 files kept
		// open), ids with and without, some texts longer than 64 KiB
		SplittableRandom random = new SplittableRandom(29);
		Map<YearMonth, List<MonthSpool.Spooled>> added = new HashMap<>();
		Map<YearMonth, List<MonthSpool.Spooled>> read = new HashMap<>();
		try (MonthSpool spool = new MonthSpool(this.work.resolve("spool"))) {
			for (int i = 0; i < 20_000; i++) {
				YearMonth month = YearMonth.of(2020, 1).plusMonths(random.nextInt(40));
				String id = (random.nextInt(3) == 0) ? null : "id-é" + random.nextInt(1_000_000);
				String text = "r" + i + ",x".repeat((random.nextInt(500) == 0) ? 40_000 : random.nextInt(0, 50));
				MonthSpool.Spooled row = new MonthSpool.Spooled(i + 2L, random.nextLong(-20_000, 20_000), id,
						text.getBytes(StandardCharsets.UTF_8));
				spool.add(month, row);
				added.computeIfAbsent(month, (m) -> new ArrayList<>()).add(row);
			}
			spool.finishWriting();

			// when
			for (YearMonth month : spool.months()) {
				spool.read(month, (row) -> read.computeIfAbsent(month, (m) -> new ArrayList<>()).add(row));
			}
		}

		// then
		assertThat(read.keySet()).isEqualTo(added.keySet()).hasSize(40);
		added.forEach((month, rows) -> {
			List<MonthSpool.Spooled> back = read.get(month);
			assertThat(back).hasSameSizeAs(rows);
			for (int i = 0; i < rows.size(); i++) {
				assertThat(back.get(i).line()).isEqualTo(rows.get(i).line());
				assertThat(back.get(i).day()).isEqualTo(rows.get(i).day());
				assertThat(back.get(i).id()).isEqualTo(rows.get(i).id());
				assertThat(back.get(i).text()).isEqualTo(rows.get(i).text());
			}
		});
	}

}
