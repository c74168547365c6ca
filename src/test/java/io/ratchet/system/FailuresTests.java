package io.ratchet.system;

import java.net.SocketTimeoutException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;

import io.ratchet.backtest.BacktestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

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
		// given: a disk full while a month file is written; the innermost cause does not
		// say which file
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
				new BeanCreationException("ratchet.alerts-io.ratchet.alert.AlertProperties",
						"Could not bind properties",
						new IllegalArgumentException("ratchet.alerts.recipients.churn[0]: 'bob(at)example' is not an "
								+ "e-mail address (Missing final '@domain')")));

		// when / then
		assertThat(Failures.describe(failure)).isEqualTo(
				"ratchet.alerts.recipients.churn[0]: 'bob(at)example' is not an e-mail address (Missing final '@domain')");
	}

	@Test
	void aBadValueForATypedSettingNamesTheSettingTheValueAndWhereItWasGiven() {
		// given: --ratchet.backtest.threads=four, bound as Spring Boot binds it at
		// start-up
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--ratchet.backtest.threads=four"));
		BindException bind = catchBind(environment, "ratchet.backtest", BacktestProperties.class);

		// when
		String told = Failures
			.describe(new BeanCreationException("backtestCommand", "Unsatisfied dependency", new BeanCreationException(
					"ratchet.backtest-io.ratchet.backtest.BacktestProperties", "Could not bind properties", bind)));

		// then: not only "For input string: "four""
		assertThat(told).isEqualTo("setting ratchet.backtest.threads = \"four\" (given on the command line): not a "
				+ "whole number: For input string: \"four\"");
	}

	@Test
	void aBadDurationFromAFileSaysWhatADurationLooksLike() {
		// given
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MockPropertySource("config/application.yml").withProperty("ratchet.schedule.stop-timeout",
					"a minute"));

		// when
		String told = Failures.describe(catchBind(environment, "ratchet.schedule.stop-timeout", Duration.class));

		// then
		assertThat(told).startsWith("setting ratchet.schedule.stop-timeout = \"a minute\" (from ")
			.contains("config/application.yml")
			.contains(": not a duration such as 30s, 10m or 2h: ");
	}

	@Test
	void aDatabaseThatDoesNotAnswerInTimeIsToldAsAHungServer() {
		// given: what H2's client throws when its NETWORK_TIMEOUT passes
		var failure = new IllegalStateException("Failed to initialize pool",
				new SQLNonTransientConnectionException(
						"Connection is broken: \"java.net.SocketTimeoutException: Read "
								+ "timed out: 127.0.0.1:40455\" [90067-240]",
						"90067", 90067, new SocketTimeoutException("Read timed out")));

		// when / then
		assertThat(Failures.describe(failure))
			.startsWith("the database did not answer within its network timeout " + "(Read timed out)")
			.contains("stopped (Ctrl-Z, kill -STOP, a debugger) or hung");
	}

	@Test
	void aTimeoutOtherThanTheDatabasesIsToldAsBefore() {
		// given: a mail server that does not answer (no SQL in the chain)
		var failure = new IllegalStateException("cannot send the alert", new SocketTimeoutException("Read timed out"));

		// when / then
		assertThat(Failures.describe(failure)).isEqualTo("cannot send the alert: Read timed out");
	}

	private static BindException catchBind(StandardEnvironment environment, String name, Class<?> type) {
		try {
			Binder.get(environment).bind(name, type);
		}
		catch (BindException ex) {
			return ex;
		}
		throw new AssertionError("expected a binding failure of " + name);
	}

}
