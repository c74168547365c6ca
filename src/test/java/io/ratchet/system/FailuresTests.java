package io.ratchet.system;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTests {

	@Test
	void anOuterMessageThatAddsSomethingPrefixesTheInnermost() {
		// given
		var failure = new IllegalStateException("cannot restart run 7",
				new IllegalArgumentException("config/datasets/churn.yml line 4: unknown field \"labl\""));

		// when / then
		assertThat(Failures.describe(failure))
			.isEqualTo("cannot restart run 7: config/datasets/churn.yml line 4: unknown field \"labl\"");
	}

	@Test
	void anOuterMessageThatQuotesTheInnermostIsToldWhole() {
		// given: a disk full while a month file is written; the innermost cause does not say which file
		var failure = new IllegalStateException(
				"data/churn/2024-01.csv: import failed: cannot write data/churn/2024-01.csv: No space left on device",
				new java.io.IOException("No space left on device"));

		// when / then
		assertThat(Failures.describe(failure)).isEqualTo(
				"data/churn/2024-01.csv: import failed: cannot write data/churn/2024-01.csv: No space left on device");
	}

	@Test
	void aBeanThatCouldNotBeCreatedIsToldByTheInnermostCauseAlone() {
		// given: what Spring throws when a settings record refuses a value at start-up
		var failure = new BeanCreationException("alertListener", "Unsatisfied dependency",
				new BeanCreationException("ratchet.alerts-io.ratchet.alert.AlertProperties", "Could not bind properties",
						new IllegalArgumentException("ratchet.alerts.recipients.churn[0]: 'bob(at)example' is not an "
								+ "e-mail address (Missing final '@domain')")));

		// when / then
		assertThat(Failures.describe(failure)).isEqualTo(
				"ratchet.alerts.recipients.churn[0]: 'bob(at)example' is not an e-mail address (Missing final '@domain')");
	}

}
