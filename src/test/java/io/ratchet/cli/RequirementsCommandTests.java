package io.ratchet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ratchet.ConsoleCapture;
import io.ratchet.demo.DemoGenerator;
import io.ratchet.test.SharedContextTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs and {@code config/requirements.yml} on the demo: a typo in the dataset key
 * once hid every requirement and sent an all-clear; now the back-test, now-test and
 * challenge refuse the dataset (exit 2, the file and the keys found named once, nothing
 * run, nothing sent), a dataset marked unmonitored runs unjudged with a warning, and a
 * key naming no dataset is a warning printed once, before the table.
 */
class RequirementsCommandTests extends SharedContextTests {

	@Autowired
	CommandLine commandLine;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	private String demoRequirements;

	@BeforeEach
	void capture() throws IOException {
		if (!Files.exists(root.resolve("config/datasets/churn.yml"))) {
			DemoGenerator.generate(root, YearMonth.of(2026, 10), 42);
		}
		this.demoRequirements = Files.readString(requirements());
		// the console log (warnings) writes to System.out as it is at each message, so it
		// is captured too
	}

	@AfterEach
	void restore() throws IOException {
		Files.writeString(requirements(), this.demoRequirements);
	}

	@Test
	void aTypoInTheDatasetKeyIsRefusedByTheBacktestNowtestAndChallengeWithExitTwoAndNothingSent() throws IOException {
		// given: "chrun:" for "churn:", as in the report (the demo breaches late: it
		// would have been a false PASS)
		Files.writeString(requirements(), this.demoRequirements.replaceFirst("(?m)^churn:", "chrun:"));
		long runsBefore = count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE");

		for (String job : new String[] { "backtest", "nowtest", "challenge" }) {
			this.console.resetOut();
			this.console.resetErr();

			// when
			int exit = this.commandLine.run(job, "--dataset", "churn");

			// then: exit 2, the file, the keys found and the way out told once on the
			// error stream, nothing else
			String error = this.console.err();
			assertThat(exit).as(job + ": " + error).isEqualTo(CommandLine.USAGE);
			assertThat(error).startsWith("ratchet " + job + ": " + requirements()
					+ " has no requirements for dataset \"churn\"; the dataset keys found there: \"chrun\" (line 1)")
				.contains("\"chrun\" looks like a misspelling of \"churn\"")
				.contains("\"churn: {unmonitored: true}\"")
				.doesNotContain("usage:");
			assertThat(occurrences(error, "has no requirements")).isEqualTo(1);
			assertThat(this.console.out()).as(job).isEmpty();
		}
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(runsBefore);
		assertThat(count("SELECT COUNT(*) FROM alert_outbox")).isZero();
		assertThat(root.resolve("reports/outbox")).doesNotExist();
	}

	@Test
	void aDatasetMarkedUnmonitoredIsBackTestedUnjudgedWithAWarning() throws IOException {
		// given
		Files.writeString(requirements(), "churn: {unmonitored: true}   # figures only, for now\n");

		// when
		int exit = this.commandLine.run("backtest", "--dataset", "churn", "--from", "2026-07");

		// then
		String output = this.console.out();
		assertThat(exit).as(output + this.console.err()).isEqualTo(CommandLine.OK);
		assertThat(output).contains("Dataset churn is marked unmonitored (" + requirements() + " line 1)")
			.contains("Verdict: PASS");
		assertThat(output.indexOf("marked unmonitored")).isLessThan(output.indexOf("Back-test run"));
	}

	@Test
	void aKeyNamingNoDatasetIsAWarningPrintedOnceBeforeTheTable() throws IOException {
		// given: the demo's requirements, and a stale entry for a dataset that is gone
		Files.writeString(requirements(),
				this.demoRequirements + "bookings-old:\n  monthly:\n    roc_auc: {min: 0.7}\n");

		// when
		int exit = this.commandLine.run("backtest", "--dataset", "churn", "--to", "2026-02");

		// then: the run goes on (another dataset's stale key does not stop it), with one
		// warning before the table
		String output = this.console.out();
		assertThat(exit).as(output + this.console.err()).isEqualTo(CommandLine.OK);
		String warning = "\"bookings-old\" names no dataset under " + root.resolve("config/datasets") + "/ (datasets: "
				+ "churn); its requirements apply to nothing";
		assertThat(output).contains(warning);
		assertThat(occurrences(output, warning)).isEqualTo(1);
		assertThat(output.indexOf(warning)).isLessThan(output.indexOf("Back-test run"));
	}

	private static Path requirements() {
		return root.resolve("config/requirements.yml");
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private static int occurrences(String text, String part) {
		Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
		int found = 0;
		while (matcher.find()) {
			found++;
		}
		return found;
	}

}
