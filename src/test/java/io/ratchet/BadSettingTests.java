package io.ratchet;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.cli.CommandLine;
import io.ratchet.system.Failures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A bad value for a typed setting on the command line stops the command at start-up with
 * a line naming the setting, the value and what was expected; once only
 * {@code For input string: "four"} reached the console; and Spring Boot's own report (the
 * reason and the origin) reaches stderr with exit 2. The context is started with exactly
 * the settings {@code RatchetApplication.main} gives a command, and {@code main} prints
 * {@code "ratchet: " + Failures.describe(failure)}.
 */
class BadSettingTests {

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

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

	@Test
	void aBadValueExitsTwoWithSpringsOwnReasonAndOriginOnStderr() {
		// when: jobs/runs --ratchet.backtest.threads=abc, as main runs it
		int exit = RatchetApplication
			.run(new String[] { "runs", "--ratchet.backtest.threads=abc", "--spring.profiles.active=test" });

		// then: Spring Boot's failure analysis reaches the console, not only the log file
		assertThat(exit).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err()).contains("APPLICATION FAILED TO START")
			.contains("Property: ratchet.backtest.threads")
			.contains("Value: \"abc\"")
			.contains("Origin: \"ratchet.backtest.threads\" from property source \"commandLineArgs\"")
			.contains("Reason: failed to convert java.lang.String to")
			.contains("ratchet: setting ratchet.backtest.threads = \"abc\" (given on the command line)");
	}

	@Test
	void aTypoOnTheCommandLineRefusesToStartWithExitTwoAndTheNearestKey() {
		// when
		int exit = RatchetApplication
			.run(new String[] { "runs", "--ratchet.backtst.threads=4", "--spring.profiles.active=test" });

		// then
		assertThat(exit).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err()).contains("ratchet: unknown setting ratchet.backtst.threads (the command-line "
				+ "argument --ratchet.backtst.threads=4): did you mean ratchet.backtest.threads?");
		assertThat(this.console.out()).doesNotContain("No runs yet");
	}

}
