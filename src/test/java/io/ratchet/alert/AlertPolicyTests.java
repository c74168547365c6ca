package io.ratchet.alert;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.ratchet.alert.AlertPolicy.Decision;
import io.ratchet.alert.AlertPolicy.State;
import io.ratchet.alert.AlertProperties.Repeat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When people hear about a breach: new, persisting (per the repeat policy), cleared. */
class AlertPolicyTests {

	static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

	static final String AUC = "nowtest roc_auc";

	static final String LOSS = "nowtest log_loss";

	@Test
	void aNewBreachIsToldAndRemembered() {
		// when
		Decision decision = AlertPolicy.decide(Repeat.DAILY, MONDAY, Set.of(AUC), List.of());

		// then
		assertThat(decision.tell()).isTrue();
		assertThat(decision.failing()).containsValue(new State(AUC, MONDAY, MONDAY));
		assertThat(decision.recovered()).isEmpty();
	}

	@Test
	void dailyTellsAPersistingBreachOncePerDayWithTheDayItStarted() {
		// given
		List<State> known = List.of(new State(AUC, MONDAY.minusDays(3), MONDAY));

		// when
		Decision sameDay = AlertPolicy.decide(Repeat.DAILY, MONDAY, Set.of(AUC), known);
		Decision nextDay = AlertPolicy.decide(Repeat.DAILY, MONDAY.plusDays(1), Set.of(AUC), known);

		// then
		assertThat(sameDay.tell()).isFalse();
		assertThat(sameDay.failing().get(AUC)).isEqualTo(known.get(0));
		assertThat(nextDay.tell()).isTrue();
		assertThat(nextDay.failing().get(AUC)).isEqualTo(new State(AUC, MONDAY.minusDays(3), MONDAY.plusDays(1)));
		assertThat(nextDay.failingSince()).isEqualTo(MONDAY.minusDays(3));
	}

	@Test
	void aSecondBreachOnTheSameDayIsToldAndTheWholeAlertUpdatesEveryBreach() {
		// given
		List<State> known = List.of(new State(AUC, MONDAY.minusDays(1), MONDAY));

		// when
		Decision decision = AlertPolicy.decide(Repeat.DAILY, MONDAY, Set.of(AUC, LOSS), known);

		// then
		assertThat(decision.tell()).isTrue();
		assertThat(decision.failing().get(LOSS)).isEqualTo(new State(LOSS, MONDAY, MONDAY));
		assertThat(decision.failing().get(AUC).failingSince()).isEqualTo(MONDAY.minusDays(1));
	}

	@Test
	void everyRunAndOnceAreTheOtherPolicies() {
		List<State> known = List.of(new State(AUC, MONDAY.minusDays(5), MONDAY));

		assertThat(AlertPolicy.decide(Repeat.EVERY_RUN, MONDAY, Set.of(AUC), known).tell()).isTrue();
		assertThat(AlertPolicy.decide(Repeat.ONCE, MONDAY.plusDays(9), Set.of(AUC), known).tell()).isFalse();
	}

	@Test
	void aBreachThatClearedIsRecoveredOnceAndForgotten() {
		// given
		List<State> known = List.of(new State(AUC, MONDAY.minusDays(2), MONDAY.minusDays(1)),
				new State(LOSS, MONDAY.minusDays(1), MONDAY.minusDays(1)));

		// when
		Decision decision = AlertPolicy.decide(Repeat.DAILY, MONDAY, Set.of(LOSS), known);

		// then
		assertThat(decision.recovered()).containsExactly(known.get(0));
		assertThat(decision.failing()).containsOnlyKeys(LOSS);
		assertThat(decision.tell()).isTrue();
	}

}
