package io.ratchet;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.system.Failures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A bad value for a typed setting on the command line stops the command at start-up with
 * a line naming the setting, the value and what was expected; once only
 * {@code For input string: "four"} reached the console. The context is started with
 * exactly the settings {@code RatchetApplication.main} gives a command, and {@code main}
 * prints {@code "ratchet: " + Failures.describe(failure)}.
 */
class BadSettingTests {

	@Test
	void aBadValueForATypedSettingNamesTheSettingAndTheValueOnTheConsole() {
		// given: jobs/backtest --ratchet.backtest.threads=four
		List<String> settings = new ArrayList<>(
				RatchetApplication.settings(new String[] { "backtest", "--ratchet.backtest.threads=four" }));
		settings.add("--spring.profiles.active=test");

		// when
		Throwable failure = catchThrowable(
				() -> SpringApplication.run(RatchetApplication.class, settings.toArray(String[]::new)).close());

		// then
		assertThat(failure).isNotNull();
		assertThat(Failures.describe(failure)).isEqualTo("setting ratchet.backtest.threads = \"four\" (given on the "
				+ "command line): not a whole number: For input string: \"four\"");
	}

}
