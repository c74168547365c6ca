package io.ratchet.alert;

import java.time.LocalDate;

import io.ratchet.alert.AlertPolicy.State;
import io.ratchet.test.StoreSlice;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The remembered breach states of the alert policy on the real Flyway schema (a slice):
 * saved, updated, read per job and model, removed. Each test rolls back.
 */
@StoreSlice
@Import(AlertStates.class)
class AlertStatesTests {

	static final LocalDate DAY = LocalDate.of(2026, 3, 1);

	@Autowired
	AlertStates states;

	@Test
	void aSavedStateIsReadBackPerJobOldestFirstAndASecondSaveUpdatesIt() {
		// given
		this.states.save("churn", "churn-logit", new State("nowtest roc_auc 2026-03", DAY, DAY), 11);
		this.states.save("churn", "churn-logit", new State("nowtest log_loss 2026-03", DAY.minusDays(2), DAY), 11);
		this.states.save("churn", "churn-logit", new State("backtest roc_auc ALL", DAY, DAY), 12);

		// when
		this.states.save("churn", "churn-logit", new State("nowtest roc_auc 2026-03", DAY, DAY.plusDays(7)), 13);

		// then
		assertThat(this.states.of("churn", "churn-logit", "nowtest")).containsExactly(
				new State("nowtest log_loss 2026-03", DAY.minusDays(2), DAY),
				new State("nowtest roc_auc 2026-03", DAY, DAY.plusDays(7)));
		assertThat(this.states.of("churn", "churn-logit", "backtest"))
			.containsExactly(new State("backtest roc_auc ALL", DAY, DAY));
		assertThat(this.states.of("churn", "churn-gbt", "nowtest")).isEmpty();
		assertThat(this.states.of("other", "churn-logit", "nowtest")).isEmpty();
	}

	@Test
	void otherModelsAreTheDatasetsModelsWithStatesOfTheJob() {
		// given an earlier champion with a now-test breach, and another model with a
		// back-test one only
		this.states.save("churn", "churn-old", new State("nowtest roc_auc 2026-02", DAY, DAY), 1);
		this.states.save("churn", "churn-gbt", new State("backtest roc_auc ALL", DAY, DAY), 2);
		this.states.save("churn", "churn-logit", new State("nowtest roc_auc 2026-03", DAY, DAY), 3);

		// then
		assertThat(this.states.otherModels("churn", "churn-logit", "nowtest")).containsExactly("churn-old");
		assertThat(this.states.otherModels("churn", "churn-logit", "backtest")).containsExactly("churn-gbt");
		assertThat(this.states.otherModels("other", "churn-logit", "nowtest")).isEmpty();
	}

	@Test
	void removeDropsOneKeyAndRemoveModelEveryKeyOfTheJob() {
		// given
		this.states.save("churn", "churn-logit", new State("nowtest roc_auc 2026-03", DAY, DAY), 1);
		this.states.save("churn", "churn-logit", new State("nowtest log_loss 2026-03", DAY, DAY), 1);
		this.states.save("churn", "churn-logit", new State("backtest roc_auc ALL", DAY, DAY), 2);

		// when
		this.states.remove("churn", "churn-logit", "nowtest log_loss 2026-03");

		// then
		assertThat(this.states.of("churn", "churn-logit", "nowtest")).extracting(State::key)
			.containsExactly("nowtest roc_auc 2026-03");

		// when
		this.states.removeModel("churn", "churn-logit", "nowtest");

		// then
		assertThat(this.states.of("churn", "churn-logit", "nowtest")).isEmpty();
		assertThat(this.states.of("churn", "churn-logit", "backtest")).hasSize(1);
	}

}
