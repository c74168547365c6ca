package io.ratchet.data;

import java.time.LocalDate;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MonthMerge.DayOfMonth}: the day of the month {@link LocalDate} gives, for days
 * in any order, across months of every length and leap years.
 */
class MonthMergeDayOfMonthTests {

	@Test
	void givesTheDayOfMonthOfLocalDate() {
		// given: every day from 1999 to 2025 in order, then 100,000 days at random
		MonthMerge.DayOfMonth dayOfMonth = new MonthMerge.DayOfMonth();
		long from = LocalDate.of(1999, 1, 1).toEpochDay();
		long to = LocalDate.of(2025, 12, 31).toEpochDay();
		SplittableRandom random = new SplittableRandom(31);

		// when / then
		for (long day = from; day <= to; day++) {
			assertThat(dayOfMonth.of(day)).isEqualTo(LocalDate.ofEpochDay(day).getDayOfMonth());
		}
		for (int i = 0; i < 100_000; i++) {
			long day = random.nextLong(-800_000, 800_000);
			assertThat(dayOfMonth.of(day)).as("epoch day %d", day).isEqualTo(LocalDate.ofEpochDay(day).getDayOfMonth());
		}
	}

}
