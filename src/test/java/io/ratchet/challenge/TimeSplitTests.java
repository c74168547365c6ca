package io.ratchet.challenge;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The time-based split: evaluation months at the end, training windows ending the month
 * before them.
 */
class TimeSplitTests {

	static final List<YearMonth> MONTHS = List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 4),
			YearMonth.of(2026, 5), YearMonth.of(2026, 6));

	@Test
	void evaluationMonthsAreTheLastCompleteMonthsUpToTheAsOf() {
		// when
		List<YearMonth> mid = TimeSplit.evaluationMonths(MONTHS, LocalDate.of(2026, 6, 15), 2);
		List<YearMonth> end = TimeSplit.evaluationMonths(MONTHS, LocalDate.of(2026, 6, 30), 2);

		// then: June is not complete on the 15th
		assertThat(mid).containsExactly(YearMonth.of(2026, 4), YearMonth.of(2026, 5));
		assertThat(end).containsExactly(YearMonth.of(2026, 5), YearMonth.of(2026, 6));
	}

	@Test
	void aWindowEndsTheMonthBeforeTheEvaluationAndSkipsAbsentMonths() {
		// when
		TimeSplit split = TimeSplit.of(MONTHS, List.of(YearMonth.of(2026, 5), YearMonth.of(2026, 6)), 3);

		// then
		assertThat(split.training()).containsExactly(YearMonth.of(2026, 2), YearMonth.of(2026, 4));
		assertThat(split.trainTo()).isBefore(split.evaluation().get(0));
		assertThat(split.overlaps()).isFalse();
	}

	@Test
	void aSplitThatWouldTrainOnAnEvaluationMonthIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new TimeSplit(List.of(YearMonth.of(2026, 5)), List.of(YearMonth.of(2026, 5))))
			.withMessageContaining("reaches into the evaluation months");
	}

	@Test
	void tooFewMonthsOrAnEmptyWindowAreClearErrors() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TimeSplit.evaluationMonths(MONTHS, LocalDate.of(2026, 2, 28), 2))
			.withMessageContaining("needs 2 evaluation month(s)");
		assertThatIllegalStateException().isThrownBy(() -> TimeSplit.of(MONTHS, List.of(YearMonth.of(2026, 4)), 1))
			.withMessageContaining("2026-03..2026-03")
			.withMessageContaining("has no month with data");
	}

}
