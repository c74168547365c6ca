package io.ratchet.backtest;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partitions from a plan: plain string contexts, stable names, and the one-month context
 * of a run started before months were grouped.
 */
class MonthPartitionerTests {

	private static final Path DIR = Path.of("/data/churn");

	@Test
	void eachGroupIsOnePartitionWithItsMonthsAndFilesAsStrings() {
		// given
		MonthGroups plan = MonthGroups.parse("2024-01,2024-02,2024-03;2024-04");

		// when
		Map<String, ExecutionContext> partitions = new MonthPartitioner(DIR, plan).partition(1);

		// then
		assertThat(partitions).containsOnlyKeys("months-2024-01..2024-03", "month-2024-04");
		ExecutionContext group = partitions.get("months-2024-01..2024-03");
		assertThat(group.getString(MonthPartitioner.PERIODS)).isEqualTo("2024-01,2024-02,2024-03");
		assertThat(group.getString(MonthPartitioner.INPUT_FILES)).isEqualTo(
				DIR.resolve("2024-01.csv") + "\n" + DIR.resolve("2024-02.csv") + "\n" + DIR.resolve("2024-03.csv"));
		assertThat(MonthPartitioner.months(group)).containsExactly(
				Map.entry(YearMonth.of(2024, 1), DIR.resolve("2024-01.csv")),
				Map.entry(YearMonth.of(2024, 2), DIR.resolve("2024-02.csv")),
				Map.entry(YearMonth.of(2024, 3), DIR.resolve("2024-03.csv")));
	}

	@Test
	void aPartitionOfARunStartedBeforeGroupingStillReadsItsMonth() {
		// given: the context of a one-month partition as it was stored before grouping
		ExecutionContext old = new ExecutionContext();
		old.putString(MonthPartitioner.PERIOD, "2023-12");
		old.putString(MonthPartitioner.INPUT_FILE, "/data/churn/2023-12.csv");

		// when
		Map<YearMonth, Path> months = MonthPartitioner.months(old);

		// then
		assertThat(months).containsExactly(Map.entry(YearMonth.of(2023, 12), Path.of("/data/churn/2023-12.csv")));
		assertThat(new MonthPartitioner(DIR, MonthGroups.oneEach(List.of(YearMonth.of(2023, 12)))).partition(1))
			.containsOnlyKeys("month-2023-12");
	}

}
