package io.ratchet.backtest;

import java.util.List;

import io.ratchet.requirement.Verdict;
import io.ratchet.run.RunModel;
import io.ratchet.run.StoredVerdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run's verdict, decided from the stored verdicts alone (before the run's figures are
 * read for the report): the champion's when the run scored it, else the worst.
 */
class BacktestVerdictTests {

	private static final RunModel CHAMPION = new RunModel(1, "m", "1", "sha", "m-1.json", "champion");

	private static final RunModel CANDIDATE = new RunModel(2, "m", "2", "sha", "m-2.json", "candidate");

	@Test
	void aBreachedMonthBreachesTheChampionEvenWhenTheWholePeriodPasses() {
		// given
		List<StoredVerdict> stored = List.of(verdict(1, "2024-01", Verdict.PASS), verdict(1, "2024-02", Verdict.BREACH),
				verdict(1, "ALL", Verdict.PASS), verdict(2, "ALL", Verdict.PASS));

		// when
		Verdict verdict = BacktestSummaryTasklet.verdict(List.of(CHAMPION, CANDIDATE), stored);

		// then
		assertThat(verdict).isEqualTo(Verdict.BREACH);
	}

	@Test
	void aCandidateBelowItsMinimumsDoesNotDecideARunWithAChampion() {
		// given
		List<StoredVerdict> stored = List.of(verdict(1, "ALL", Verdict.INSUFFICIENT_DATA),
				verdict(2, "2024-01", Verdict.BREACH), verdict(2, "ALL", Verdict.BREACH));

		// when
		Verdict verdict = BacktestSummaryTasklet.verdict(List.of(CHAMPION, CANDIDATE), stored);

		// then: the champion's whole-period verdict
		assertThat(verdict).isEqualTo(Verdict.INSUFFICIENT_DATA);
	}

	@Test
	void withoutAChampionTheWorstModelDecidesAndAModelWithoutVerdictsPasses() {
		// given
		RunModel other = new RunModel(3, "o", "1", "sha", "o-1.json", "candidate");

		// when
		Verdict breached = BacktestSummaryTasklet.verdict(List.of(CANDIDATE, other),
				List.of(verdict(2, "ALL", Verdict.PASS), verdict(3, "2024-03", Verdict.BREACH)));
		Verdict none = BacktestSummaryTasklet.verdict(List.of(CANDIDATE, other), List.of());

		// then
		assertThat(breached).isEqualTo(Verdict.BREACH);
		assertThat(none).isEqualTo(Verdict.PASS);
	}

	private static StoredVerdict verdict(long model, String period, Verdict verdict) {
		return new StoredVerdict(model, period, verdict.name(), 30);
	}

}
