package io.ratchet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

import io.ratchet.ConsoleCapture;
import io.ratchet.demo.DemoGenerator;
import io.ratchet.test.SharedContextTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jobs/nowtest} and {@code jobs/runs} on the demo (whose generated requirements
 * carry drift bounds): the drifted last window breaches on metrics and drift, an early
 * window passes, the same as-of twice shows the earlier run, and runs are listed.
 */
class NowtestCommandTests extends SharedContextTests {

	@Autowired
	CommandLine commandLine;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@BeforeEach
	void capture() throws Exception {
		if (!Files.exists(root.resolve("config/datasets/churn.yml"))) {
			DemoGenerator.generate(root, YearMonth.of(2026, 10), 42);
		}
	}

	@Test
	void theDemosLastWindowBreachesOnMetricsAndDrift() throws Exception {
		// when
		int code = this.commandLine.run("nowtest", "--dataset", "churn");

		// then
		String output = this.console.out();
		assertThat(code).as(output).isEqualTo(CommandLine.BREACHED);
		assertThat(output).contains("window 2026-10-02..2026-10-31")
			.contains("Verdict: BREACH")
			.containsPattern("churn-logit@1 +champion")
			.contains("churn-gbt@1")
			.contains("top features by PSI: monthly_charges")
			.contains("psi:monthly_charges")
			.contains("drift.csv");
		long runId = this.jdbc.sql("SELECT MAX(id) FROM run WHERE job_name = 'nowtest'").query(Long.class).single();
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM metric_value v JOIN run_model rm ON rm.run_id = v.run_id
					AND rm.model_version_id = v.model_version_id AND rm.role = 'champion'
				WHERE v.run_id = ? AND v.period = 'ALL' AND v.metric = 'roc_auc' AND v.val < 0.76""")
			.param(runId)
			.query(Long.class)
			.single()).isEqualTo(1);
		List<String> keys = this.jdbc.sql("SELECT metric FROM breach WHERE run_id = ? AND period = 'ALL'")
			.param(runId)
			.query(String.class)
			.list();
		assertThat(keys).contains("roc_auc", "psi:monthly_charges", "ks:monthly_charges");
		String report = output.lines().filter((line) -> line.contains("drift.csv")).findFirst().orElseThrow().trim();
		assertThat(Path.of(report)).exists();
		// and the page people open shows the drift, the breached cells marked
		org.jsoup.nodes.Document html = org.jsoup.Jsoup
			.parse(Files.readString(Path.of(report).resolveSibling("index.html")));
		assertThat(html.selectFirst("h1").text()).isEqualTo("Now-test of churn, run " + runId);
		assertThat(html.select("h2").eachText()).contains("Drift", "Drift figures");
		org.jsoup.nodes.Element monthlyCharges = html.select("#drift-figures ~ div.table tr")
			.stream()
			.filter((row) -> row.select("td").size() > 0 && row.child(0).text().equals("monthly_charges"))
			.findFirst()
			.orElseThrow();
		assertThat(monthlyCharges.child(1).hasClass("bad")).isTrue();
		assertThat(monthlyCharges.child(1).text()).matches("0\\.79\\d\\d");
		assertThat(monthlyCharges.child(2).hasClass("bad")).isTrue();
		assertThat(monthlyCharges.child(2).text()).matches("0\\.17\\d\\d");
		org.jsoup.nodes.Element plan = html.select("#drift-figures ~ div.table tr")
			.stream()
			.filter((row) -> row.select("td").size() > 0 && row.child(0).text().equals("plan"))
			.findFirst()
			.orElseThrow();
		assertThat(plan.child(1).hasClass("bad")).isFalse();
		assertThat(plan.child(1).text()).matches("0\\.\\d+");
		assertThat(plan.child(2).text()).isEqualTo("–");
	}

	@Test
	void anEarlyWindowPassesAndAskingAgainShowsTheEarlierRun() {
		// when
		int first = this.commandLine.run("nowtest", "--dataset", "churn", "--as-of", "2026-03-31");
		String firstOutput = this.console.out();
		this.console.resetOut();
		int second = this.commandLine.run("nowtest", "--dataset", "churn", "--as-of", "2026-03-31");
		String secondOutput = this.console.out();

		// then
		assertThat(first).as(firstOutput).isZero();
		assertThat(firstOutput).contains("window 2026-03-02..2026-03-31").contains("Verdict: PASS");
		assertThat(second).as(secondOutput).isZero();
		assertThat(secondOutput).contains("already ran as run").contains("Verdict: PASS");
	}

	@Test
	void aLabelDelayLeavesTheYoungestRowsOut() {
		// when
		int code = this.commandLine.run("nowtest", "--dataset", "churn", "--as-of", "2026-02-28", "--window", "14d",
				"--label-delay", "3d");

		// then
		String output = this.console.out();
		assertThat(code).as(output).isIn(CommandLine.OK, CommandLine.BREACHED);
		assertThat(output).contains("window 2026-02-15..2026-02-28").contains("labels up to 2026-02-25");
		assertThat(output).containsPattern("[1-9][0-9]* awaiting label");
	}

	@Test
	void aFailedNowtestIsRestartedByItsIdAndShowsTheNowtestSummary() throws Exception {
		// given: a now-test that fails on a month file whose header lost a column
		Path month = root.resolve("historical-data/churn/2025-12.csv");
		String good = Files.readString(month);
		Files.writeString(month, good.replaceFirst("plan,", "plan_type,"));
		int failed = this.commandLine.run("nowtest", "--dataset", "churn", "--as-of", "2025-12-31");
		String failedOutput = this.console.out();
		Files.writeString(month, good);
		assertThat(failed).as(failedOutput).isEqualTo(CommandLine.FAILED);
		assertThat(failedOutput).contains("2025-12.csv").contains("plan");
		String hint = failedOutput.lines().filter((line) -> line.contains("jobs/restart")).findFirst().orElseThrow();
		String runId = hint.substring(hint.lastIndexOf(' ') + 1);
		this.console.resetOut();

		// when
		int restarted = this.commandLine.run("restart", runId);

		// then
		String output = this.console.out();
		assertThat(restarted).as(output).isZero();
		assertThat(output).contains("Restarting run " + runId + " (nowtest)")
			.contains("Now-test run " + runId)
			.contains("window 2025-12-02..2025-12-31")
			.contains("Verdict: PASS");
	}

	@Test
	void runsListsRecentRunsOfEveryJob() {
		// given
		this.commandLine.run("nowtest", "--dataset", "churn", "--as-of", "2026-01-31");
		this.commandLine.run("backtest", "--dataset", "churn", "--from", "2026-01", "--to", "2026-02");
		this.console.resetOut();

		// when
		int all = this.commandLine.run("runs");
		String allOutput = this.console.out();
		this.console.resetOut();
		int nowtests = this.commandLine.run("runs", "--job", "nowtest", "--limit", "1");
		String nowtestOutput = this.console.out();

		// then
		assertThat(all).isZero();
		assertThat(allOutput).contains("nowtest")
			.contains("backtest")
			.contains("COMPLETED")
			.contains("2026-01-31")
			.contains("index.html");
		assertThat(nowtests).isZero();
		assertThat(nowtestOutput.lines().filter((line) -> line.contains("churn")).toList()).hasSize(1)
			.allMatch((line) -> line.contains("nowtest"));
	}

	@Test
	void runsInJsonAreOneArrayWithNumbersAndIsoTimes() {
		// given
		this.commandLine.run("nowtest", "--dataset", "churn", "--as-of", "2026-02-14");
		this.console.resetOut();

		// when
		int exit = this.commandLine.run("runs", "--json", "--job", "nowtest", "--limit", "1");

		// then: the whole output is one JSON document
		assertThat(exit).isZero();
		JsonNode runs = JsonMapper.builder().build().readTree(this.console.out());
		assertThat(runs.isArray()).isTrue();
		assertThat(runs).hasSize(1);
		JsonNode run = runs.get(0);
		assertThat(run.get("id").isIntegralNumber()).isTrue();
		assertThat(run.get("job").asString()).isEqualTo("nowtest");
		assertThat(run.get("dataset").asString()).isEqualTo("churn");
		assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(LocalDateTime.parse(run.get("asOf").asString())).isEqualTo("2026-02-14T00:00:00");
		assertThat(LocalDateTime.parse(run.get("finishedAt").asString()))
			.isAfterOrEqualTo(LocalDateTime.parse(run.get("startedAt").asString()));
		assertThat(run.get("durationSeconds").isNumber()).isTrue();
		assertThat(run.get("rowsRead").asLong()).isPositive();
		assertThat(run.get("report").asString()).endsWith("index.html");
	}

	@Test
	void mistakesOnTheCommandLineAreUsageErrors() {
		assertThat(this.commandLine.run("nowtest", "--window", "30")).isEqualTo(CommandLine.USAGE);
		assertThat(this.commandLine.run("nowtest", "--as-of", "31/10/2026")).isEqualTo(CommandLine.USAGE);
		assertThat(this.commandLine.run("nowtest", "--window", "0d")).isEqualTo(CommandLine.USAGE);
		assertThat(this.commandLine.run("runs", "--limit", "none")).isEqualTo(CommandLine.USAGE);
		assertThat(this.commandLine.run("runs", "--limit", "0")).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err()).contains("--window must be a number of days like 30d")
			.contains("--as-of must be a date YYYY-MM-DD")
			.contains("Invalid value for option '--limit': 'none' is not an int")
			.contains("--limit must be a whole number of at least 1, not '0'");
	}

}
