package io.ratchet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import io.ratchet.TestPaths;
import io.ratchet.backtest.BacktestParameters;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.nowtest.NowtestParameters;
import io.ratchet.requirement.Requirements;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunSummary;
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
import static org.assertj.core.api.Assertions.within;

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

	@Autowired
	ResultsStore results;

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
				"Decisions at the threshold", "Latest month, 2026-10", "Feature means", "Segments", "Run facts");
		// the first chart is the first required metric by month, with the breached months
		// in its caption
		Element first = page.selectFirst("img");
		assertThat(first.attr("src")).isEqualTo("roc_auc-by-month.png");
		assertThat(first.parent().text()).contains("Breached: " + String.join(", ", breached));
		assertThat(png(dir.resolve("roc_auc-by-month.png"))).isTrue();
		for (String chart : List.of("log_loss-by-month.png", "threshold.png", "roc.png", "precision-recall.png",
				"reliability.png")) {
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
		// each model's confusion matrix, whole period and latest month, holds its stored
		// counts at its own threshold
		Element decisions = page.getElementById("decisions").parent();
		for (String model : List.of("churn-logit@1 (champion) at threshold 0.3", "churn-gbt@1 at threshold 0.35")) {
			Element matrix = decisions.select("div.table")
				.stream()
				.filter((t) -> t.text().startsWith(model))
				.findFirst()
				.orElseThrow();
			String key = model.substring(0, model.indexOf(' '));
			List<List<String>> rows = matrix.select("tbody tr").stream().map((r) -> r.select("td").eachText()).toList();
			assertThat(rows).extracting((r) -> r.get(0) + " " + r.get(1))
				.containsExactly("whole period positive", "whole period negative", "2026-10 positive",
						"2026-10 negative");
			for (int i = 0; i < rows.size(); i++) {
				String period = (i < 2) ? "ALL" : "2026-10";
				List<String> row = rows.get(i);
				assertThat(count(row.get(2))).as(key + " " + row)
					.isEqualTo(storedCount(runId, key, period, (i % 2 == 0) ? "tp" : "fn"));
				assertThat(count(row.get(4))).as(key + " " + row)
					.isEqualTo(storedCount(runId, key, period, (i % 2 == 0) ? "fp" : "tn"));
			}
		}
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
		assertThat(page.select("h2").eachText()).startsWith("Required metrics", "Window figures",
				"Decisions at the threshold", "The window", "Drift");
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

	@Test
	void theThresholdChartsValueAtEachModelsOwnThresholdIsItsStoredBusinessValue() throws Exception {
		// given: the demo's back-test
		this.jobs.setJob(this.backtest);
		JobExecution execution = this.jobs
			.startJob(new BacktestParameters("churn", null, null, List.of(), LocalDateTime.of(2026, 11, 26, 4, 0))
				.toJobParameters());
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		DatasetConfig dataset = DatasetConfigs.load(root.resolve("config/datasets/churn.yml"));
		ReportedRun reported = new ReportedRun(RunSummary.load(this.results, runId), dataset,
				Requirements.load(root.resolve("config/requirements.yml")).requireFor("churn"));

		// when
		ThresholdDecisions decisions = new ThresholdDecisions(reported, this.results);
		List<ThresholdDecisions.ThresholdCurve> curves = decisions.curves();

		// then: the champion and the best candidate by business value, over the latest 12
		// months, each at its own threshold worth what the back-test stored for those
		// months
		List<String> months = decisions.chartedPeriods();
		assertThat(months).hasSize(12).startsWith("2025-11").endsWith("2026-10");
		String best = this.jdbc.sql("""
				SELECT m.name || '@' || m.version FROM metric_value v JOIN run_model r ON r.run_id = v.run_id
					AND r.model_version_id = v.model_version_id AND r.role <> 'champion'
				JOIN model_version m ON m.id = v.model_version_id
				WHERE v.run_id = ? AND v.metric = 'business_value' AND v.period = 'ALL'
				ORDER BY v.val DESC FETCH FIRST 1 ROWS ONLY""").param(runId).query(String.class).single();
		assertThat(curves).extracting((c) -> c.model().model().key()).containsExactly("churn-logit@1", best);
		for (ThresholdDecisions.ThresholdCurve curve : curves) {
			double stored = this.jdbc.sql("""
					SELECT SUM(v.val) FROM metric_value v JOIN model_version m ON m.id = v.model_version_id
					WHERE v.run_id = ? AND m.name || '@' || m.version = ? AND v.metric = 'business_value'
						AND TRIM(v.period) BETWEEN ? AND ?""")
				.params(runId, curve.model().model().key(), months.get(0), months.get(months.size() - 1))
				.query(Double.class)
				.single();
			assertThat(curve.own()).isEqualTo(curve.model().threshold());
			assertThat(curve.atOwn()).as(curve.model().model().key()).isCloseTo(stored, within(1e-6));
			// the grid: 0 to 1 in steps of 0.01 and the own threshold (already on it)
			assertThat(curve.thresholds()).hasSize(101).startsWith(0.0).endsWith(1.0);
			// calling nobody is worth nothing by the demo's matrix (tn and fn are 0)
			assertThat(curve.values()[100]).isLessThanOrEqualTo(0);
		}
	}

	private long storedCount(long runId, String model, String period, String metric) {
		return this.jdbc.sql("""
				SELECT CAST(v.val AS BIGINT) FROM metric_value v JOIN model_version m ON m.id = v.model_version_id
				WHERE v.run_id = ? AND m.name || '@' || m.version = ? AND v.metric = ? AND TRIM(v.period) = ?""")
			.params(runId, model, metric, period)
			.query(Long.class)
			.single();
	}

	private static long count(String cell) {
		return Long.parseLong(cell.replace(",", ""));
	}

	private static boolean png(Path file) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		return bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
	}

}
