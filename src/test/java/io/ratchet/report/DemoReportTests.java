package io.ratchet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.ratchet.TestPaths;
import io.ratchet.backtest.BacktestParameters;
import io.ratchet.nowtest.NowtestParameters;
import io.ratchet.test.SharedBatchContextTests;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports of the shipped demo (a copy of {@code config/} and
 * {@code historical-data/churn/}), written by the real back-test and now-test jobs: the
 * story is told at the top of the page, and every figure shown is the stored one.
 */
class DemoReportTests extends SharedBatchContextTests {

	@BeforeAll
	static void copyTheDemo() throws IOException {
		TestPaths.copyDemo(root);
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job backtest;

	@Autowired
	Job nowtest;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theBacktestReportShowsTheLateBreachFirst() throws Exception {
		// when
		this.jobs.setJob(this.backtest);
		JobExecution execution = this.jobs
			.startJob(new BacktestParameters("churn", null, null, List.of(), LocalDateTime.of(2026, 11, 26, 2, 0))
				.toJobParameters());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		Path dir = root.resolve("reports/backtest/" + runId);
		Document page = Jsoup.parse(Files.readString(dir.resolve("index.html")));
		List<String> breached = this.jdbc.sql("""
				SELECT DISTINCT b.period FROM breach b JOIN run_model r ON r.run_id = b.run_id
					AND r.model_version_id = b.model_version_id AND r.role = 'champion'
				WHERE b.run_id = ? AND b.metric = 'roc_auc' AND b.period <> 'ALL' ORDER BY b.period""")
			.param(runId)
			.query(String.class)
			.list();
		assertThat(breached).isNotEmpty();

		// the verdict, then the breached months, before any section
		Element verdict = page.selectFirst("div.verdict");
		assertThat(verdict.selectFirst("span").text()).isEqualTo("BREACH");
		String rocLine = verdict.select("li")
			.eachText()
			.stream()
			.filter((line) -> line.contains("roc_auc"))
			.findFirst()
			.orElseThrow();
		assertThat(rocLine).startsWith("champion churn-logit@1: roc_auc below its minimum")
			.contains(breached.size() + " months (" + String.join(", ", breached) + ")");
		// the sections in reading order (StandardReport builds them in parallel)
		assertThat(page.select("h2").eachText()).containsExactly("Required metrics", "Months × metrics",
				"Latest month, 2026-10", "Feature means", "Run facts");
		// the first chart is the first required metric by month, with the breached months
		// in its caption
		Element first = page.selectFirst("img");
		assertThat(first.attr("src")).isEqualTo("roc_auc-by-month.png");
		assertThat(first.parent().text()).contains("Breached: " + String.join(", ", breached));
		assertThat(png(dir.resolve("roc_auc-by-month.png"))).isTrue();
		for (String chart : List.of("log_loss-by-month.png", "roc.png", "precision-recall.png", "reliability.png")) {
			assertThat(png(dir.resolve(chart))).as(chart).isTrue();
		}
		// the champion's table: whole period first, newest month next, breached cells
		// marked with the stored value
		Element table = page.select("div.table")
			.stream()
			.filter((t) -> t.text().startsWith("churn-logit@1 (champion"))
			.findFirst()
			.orElseThrow();
		List<String> months = table.select("tbody tr td:eq(0)").eachText();
		assertThat(months.get(0)).isEqualTo("whole period");
		assertThat(months.get(1)).isEqualTo(breached.get(breached.size() - 1));
		double worst = this.jdbc.sql("""
				SELECT b.val FROM breach b JOIN run_model r ON r.run_id = b.run_id
					AND r.model_version_id = b.model_version_id AND r.role = 'champion'
				WHERE b.run_id = ? AND b.metric = 'roc_auc' AND b.period = ?""")
			.params(runId, breached.get(breached.size() - 1))
			.query(Double.class)
			.single();
		assertThat(table.select("td.bad").eachText()).contains(String.format(Locale.ROOT, "%.4f", worst));
		// the confusion matrix of the latest month adds up to its labelled rows
		long n = this.jdbc.sql("""
				SELECT CAST(v.val AS BIGINT) FROM metric_value v JOIN run_model r ON r.run_id = v.run_id
					AND r.model_version_id = v.model_version_id AND r.role = 'champion'
				WHERE v.run_id = ? AND v.metric = 'n' AND v.period = ?""")
			.params(runId, breached.get(breached.size() - 1))
			.query(Long.class)
			.single();
		Element matrix = page.select("div.table")
			.stream()
			.filter((t) -> t.text().startsWith("Confusion matrix"))
			.findFirst()
			.orElseThrow();
		List<String> cells = matrix.select("tbody tr").first().select("td").eachText();
		assertThat(cells.get(0)).isEqualTo("churn-logit@1");
		assertThat(Stream.of(1, 2, 3, 4).mapToLong((i) -> Long.parseLong(cells.get(i))).sum()).isEqualTo(n);
		// the champion is judged at its own threshold, from its model file
		assertThat(cells.get(7)).isEqualTo("0.3");
		// run facts: every model with its SHA-256
		assertThat(page.text()).contains(this.jdbc.sql("SELECT sha256 FROM model_version WHERE name = 'churn-gbt'")
			.query(String.class)
			.single()
			.trim());
		// the index lists the run with its badge and a link
		Document index = Jsoup.parse(Files.readString(root.resolve("reports/index.html")));
		Element row = index.select("tbody tr")
			.stream()
			.filter((r) -> r.selectFirst("td").text().equals(Long.toString(runId)))
			.findFirst()
			.orElseThrow();
		assertThat(row.selectFirst("a").attr("href")).isEqualTo("backtest/" + runId + "/index.html");
		assertThat(row.select("td").get(1).text()).isEqualTo("BREACH");
		assertThat(row.text()).contains("churn").contains("churn-logit@1");
	}

	@Test
	void theNowtestReportShowsTheWindowAndItsDrift() throws Exception {
		// given
		String last = Files.list(root.resolve("historical-data/churn"))
			.map((f) -> f.getFileName().toString())
			.filter((name) -> name.endsWith(".csv"))
			.sorted()
			.reduce((a, b) -> b)
			.orElseThrow();
		LocalDate asOf = java.time.YearMonth.parse(last.substring(0, 7)).atEndOfMonth();

		// when
		this.jobs.setJob(this.nowtest);
		JobExecution execution = this.jobs.startJob(new NowtestParameters("churn", asOf, 30, 0).toJobParameters());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		Path dir = root.resolve("reports/nowtest/" + runId);
		Document page = Jsoup.parse(Files.readString(dir.resolve("index.html")));
		assertThat(page.selectFirst("div.verdict span").text()).isEqualTo("BREACH");
		assertThat(page.select("h2").eachText()).startsWith("Required metrics", "Window figures", "The window",
				"Drift");
		assertThat(page.select("img").eachAttr("src")).startsWith("roc_auc-window.png").contains("psi.png", "roc.png");
		String drifting = this.jdbc.sql("""
				SELECT subject FROM drift_value WHERE run_id = ? AND statistic = 'psi' AND subject NOT LIKE 'score:%'
				ORDER BY val DESC FETCH FIRST 1 ROWS ONLY""").param(runId).query(String.class).single();
		assertThat(page.select("img").eachAttr("src")).contains("feature-" + drifting + ".png");
		assertThat(png(dir.resolve("feature-" + drifting + ".png"))).isTrue();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM feature_mean WHERE run_id = ? AND period = 'ALL'")
			.param(runId)
			.query(Long.class)
			.single()).isPositive();
		assertThat(Files.readString(root.resolve("reports/index.html"))).contains("nowtest/" + runId + "/index.html");
	}

	@Test
	void aFailedRunIsListedInTheIndexToo() throws Exception {
		// when
		this.jobs.setJob(this.backtest);
		JobExecution execution = this.jobs
			.startJob(new BacktestParameters("nosuch", null, null, List.of(), LocalDateTime.of(2026, 11, 26, 3, 0))
				.toJobParameters());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		long runId = execution.getJobInstance().getInstanceId();
		Document index = Jsoup.parse(Files.readString(root.resolve("reports/index.html")));
		Element row = index.select("tbody tr")
			.stream()
			.filter((r) -> r.selectFirst("td").text().equals(Long.toString(runId)))
			.findFirst()
			.orElseThrow();
		assertThat(row.select("td").get(1).selectFirst("span").text()).isEqualTo("FAILED");
		assertThat(row.select("td").get(1).text()).contains("unknown dataset 'nosuch'");
		assertThat(row.select("a")).isEmpty();
	}

	private static boolean png(Path file) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		return bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
	}

}
