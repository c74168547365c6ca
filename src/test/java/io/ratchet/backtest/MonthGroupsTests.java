package io.ratchet.backtest;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import io.ratchet.backtest.MonthGroups.SizedMonth;
import io.ratchet.data.RowRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The partition plan: budgets, the thread minimum, a large month alone, order kept, and
 * the plan's text form.
 */
class MonthGroupsTests {

	private static final YearMonth FIRST = YearMonth.of(1955, 1);

	@Test
	void smallMonthsSharePartitionsWithinTheBudget() {
		// given: ten months of 100 bytes, a budget of 300 bytes, one thread
		List<SizedMonth> months = months(100, 100, 100, 100, 100, 100, 100, 100, 100, 100);

		// when
		MonthGroups plan = MonthGroups.plan(months, 300, 1);

		// then: 1,000 bytes need 4 groups of at most 300 bytes, shared out evenly
		assertThat(sizes(plan)).containsExactly(2, 3, 2, 3);
		assertThat(flatten(plan)).isEqualTo(months.stream().map(SizedMonth::month).toList());
	}

	@Test
	void equalMonthsAreSharedEvenlySoTheThreadsFinishTogether() {
		// given: 840 months of 4 kB, room for 253 in a group, two threads
		List<SizedMonth> months = new ArrayList<>();
		for (int i = 0; i < 840; i++) {
			months.add(new SizedMonth(FIRST.plusMonths(i), 4_000));
		}
		long budget = 253 * 4_000;

		// when
		MonthGroups two = MonthGroups.plan(months, budget, 2);
		MonthGroups three = MonthGroups.plan(months, budget, 3);

		// then: 4 groups are needed, a multiple of the threads; on three threads 6
		assertThat(sizes(two)).containsExactly(210, 210, 210, 210);
		assertThat(sizes(three)).containsExactly(140, 140, 140, 140, 140, 140);
		assertThat(flatten(two)).isEqualTo(months.stream().map(SizedMonth::month).toList());
	}

	@Test
	void unequalMonthsAreSharedByBytesWithinTheBudget() {
		// given: small months, then months ten times their size; two threads
		List<SizedMonth> months = months(10, 10, 10, 10, 10, 10, 10, 10, 100, 100);

		// when
		MonthGroups plan = MonthGroups.plan(months, 1_000, 2);

		// then: two groups, each month where its middle byte falls (the ninth month's
		// middle, byte 130 of 280, in the first half)
		assertThat(sizes(plan)).containsExactly(9, 1);
		assertThat(flatten(plan)).isEqualTo(months.stream().map(SizedMonth::month).toList());
	}

	@Test
	void aMonthLargerThanTheBudgetIsAlone() {
		// given: a large month between small ones
		List<SizedMonth> months = months(10, 10, 5_000, 10, 10);

		// when
		MonthGroups plan = MonthGroups.plan(months, 1_000, 1);

		// then
		assertThat(plan.groups()).containsExactly(List.of(month(0), month(1)), List.of(month(2)),
				List.of(month(3), month(4)));
	}

	@Test
	void aBudgetOfOneByteGivesOnePartitionPerMonth() {
		// when
		MonthGroups plan = MonthGroups.plan(months(1, 50, 50, 2), 1, 2);

		// then
		assertThat(sizes(plan)).containsExactly(1, 1, 1, 1);
	}

	@Test
	void thereAreAtLeastAsManyPartitionsAsThreadsWhenThereAreEnoughMonths() {
		// given: 840 months of 1.5 kB, far under the budget
		List<SizedMonth> months = new ArrayList<>();
		for (int i = 0; i < 840; i++) {
			months.add(new SizedMonth(FIRST.plusMonths(i), 1_500));
		}

		// when
		MonthGroups two = MonthGroups.plan(months, 1L << 30, 2);
		MonthGroups three = MonthGroups.plan(months.subList(0, 4), 1L << 30, 3);
		MonthGroups many = MonthGroups.plan(months.subList(0, 3), 1L << 30, 8);

		// then: both threads busy; 4 months on 3 threads in 3 partitions; fewer months
		// than threads, one each
		assertThat(sizes(two)).containsExactly(420, 420);
		assertThat(two.groups()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(sizes(three)).containsExactly(1, 2, 1);
		assertThat(sizes(many)).containsExactly(1, 1, 1);
	}

	@Test
	void theThreadMinimumHoldsWhenALargeMonthTakesMostOfTheBytes() {
		// given: three small months and a large one, on three threads
		List<SizedMonth> months = months(10, 10, 10, 70);

		// when
		MonthGroups plan = MonthGroups.plan(months, 1_000, 3);

		// then
		assertThat(plan.groups()).hasSizeGreaterThanOrEqualTo(3);
		assertThat(flatten(plan)).isEqualTo(months.stream().map(SizedMonth::month).toList());
	}

	@Test
	void thePlanSurvivesItsTextForm() {
		// given
		MonthGroups plan = MonthGroups.plan(months(10, 10, 5_000, 10), 100, 1);

		// when
		String text = plan.format();

		// then
		assertThat(text).isEqualTo("1955-01,1955-02;1955-03;1955-04");
		assertThat(MonthGroups.parse(text)).isEqualTo(plan);
		assertThat(MonthGroups.parse("").groups()).isEmpty();
		assertThat(MonthGroups.oneEach(List.of(month(0), month(1))).format()).isEqualTo("1955-01;1955-02");
	}

	@Test
	void aBudgetBelowOneByteIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> MonthGroups.plan(months(10), 0, 1))
			.withMessageContaining("ratchet.backtest.partition-bytes");
	}

	@Test
	void aMonthWithMoreRowsThanAPartitionIsSplitIntoRowRangesTheLastOpen() {
		// given: a small month, a month of 250 rows (at most), a small month; 100 rows
		// a partition
		List<SizedMonth> months = List.of(new SizedMonth(month(0), 10, 5), new SizedMonth(month(1), 5_000, 250),
				new SizedMonth(month(2), 10, 100));

		// when
		MonthGroups plan = MonthGroups.plan(months, 1L << 30, 1, 100);

		// then: the big month alone in three ranges, the last to the end of the file; a
		// month of exactly 100 rows is not split
		assertThat(plan.groups()).containsExactly(List.of(month(0)), List.of(month(1)), List.of(month(1)),
				List.of(month(1)), List.of(month(2)));
		assertThat(plan.ranges()).containsExactly(RowRange.ALL, new RowRange(0, 100), new RowRange(100, 200),
				new RowRange(200, Long.MAX_VALUE), RowRange.ALL);
		assertThat(plan.splitMonths()).containsOnlyKeys(month(1));
		assertThat(plan.format()).isEqualTo("1955-01;1955-02@0..100;1955-02@100..200;1955-02@200..;1955-03");
		assertThat(MonthGroups.parse(plan.format())).isEqualTo(plan);
	}

	@Test
	void aPartitionOfNoRowsIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> MonthGroups.plan(months(10), 1, 1, 0))
			.withMessageContaining("ratchet.backtest.partition-rows");
	}

	private static List<SizedMonth> months(long... bytes) {
		List<SizedMonth> months = new ArrayList<>();
		for (int i = 0; i < bytes.length; i++) {
			months.add(new SizedMonth(month(i), bytes[i]));
		}
		return months;
	}

	private static YearMonth month(int index) {
		return FIRST.plusMonths(index);
	}

	private static List<Integer> sizes(MonthGroups plan) {
		return plan.groups().stream().map(List::size).toList();
	}

	private static List<YearMonth> flatten(MonthGroups plan) {
		return plan.groups().stream().flatMap(List::stream).toList();
	}

}
