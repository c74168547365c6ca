package io.ratchet.nowtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.ratchet.run.RunFinished;
import io.ratchet.test.ToyWorkspace;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The now-test job on H2 with a small made-up dataset: the window's edges and the label
 * delay, too few rows, drift breaches, incoming files merged once, restart after a
 * failure, and the schedule's parameters.
 */
@SpringBootTest
@SpringBatchTest
@ActiveProfiles("test")
@RecordApplicationEvents
class NowtestJobTests {

	@TempDir
	static Path root;

	static ToyWorkspace toy;

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) {
		toy = new ToyWorkspace(root);
		registry.add("ratchet.paths.config", () -> toy.config().toString());
		registry.add("ratchet.paths.data", () -> root.resolve("historical-data").toString());
		registry.add("ratchet.paths.reports", () -> toy.reports().toString());
		registry.add("ratchet.nowtest.zone", () -> "Europe/Paris");
		registry.add("ratchet.nowtest.datasets.toy.window", () -> "10d");
		registry.add("ratchet.nowtest.datasets.toy.label-delay", () -> "2d");
		registry.add("ratchet.alerts.recipients.toy", () -> "toy-team@example.com");
	}

	@Autowired
	ApplicationEvents events;

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	JobRepositoryTestUtils jobRepositoryTestUtils;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job nowtest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NowtestSchedule schedule;

	@BeforeEach
	void setUp() {
		FileSystemUtils.deleteRecursively(toy.config().toFile());
		FileSystemUtils.deleteRecursively(root.resolve("historical-data").toFile());
		config(20, null);
		this.jobOperatorTestUtils.setJob(this.nowtest);
		this.jobRepositoryTestUtils.removeJobExecutions();
	}

	/**
	 * Config, models, registry and requirements ({@code min-rows} as given, a loose AUC
	 * minimum, drift if given).
	 */
	private static void config(long minRows, String drift) {
		toy.dataset("toy")
			.logit("toy-logit", "toy", 2.0, 0.1, -0.1)
			.logit("toy-flat", "toy", 0.01)
			.registry("toy:\n  champion: toy-logit@1\n  candidates: [toy-flat@1]\n")
			.requirements("toy:\n  min-rows: " + minRows + "\n  monthly:\n    roc_auc: {min: 0.6}\n"
					+ ((drift != null) ? "  drift:\n" + drift : ""));
	}

	/**
	 * {@code @SpringBatchTest} looks for a method returning a JobExecution to set up step
	 * scope; give it one.
	 */
	public JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	@Test
	void rowsExactlyOnTheEdgesOfTheWindowAndTheLabelCutoffAreCountedOnTheRightSide() throws Exception {
		// given: as-of 2024-03-15, window 10 days = 2024-03-06..15, label delay 2 days =
		// judged up to 2024-03-13
		Map<LocalDate, Integer> days = new TreeMap<>();
		days.put(LocalDate.of(2024, 3, 5), 7); // the day before the window: out
		days.put(LocalDate.of(2024, 3, 6), 100); // first day: in, judged
		days.put(LocalDate.of(2024, 3, 13), 60); // label cut-off: in, judged
		days.put(LocalDate.of(2024, 3, 14), 11); // after the cut-off: in, awaiting label
		days.put(LocalDate.of(2024, 3, 15), 13); // as-of: in, awaiting label
		days.put(LocalDate.of(2024, 3, 16), 17); // after as-of: out
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2), 5, 0);
		toy.write(toy.data("toy").resolve("2024-03.csv"), ToyWorkspace.HEADER + toy.rows(days, 0, "m"));

		// when
		JobExecution execution = start(LocalDate.of(2024, 3, 15), 10, 2);

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(window(runId, "rows_in_window")).isEqualTo(100 + 60 + 11 + 13);
		assertThat(window(runId, "rows_scored")).isEqualTo(160);
		assertThat(window(runId, "rows_awaiting_label")).isEqualTo(24);
		assertThat(metric(runId, "toy-logit", "n")).isEqualTo(160);
		assertThat(metric(runId, "toy-flat", "n")).isEqualTo(160);
		assertThat(this.jdbc.sql("SELECT job_name, from_period, to_period, CAST(as_of AS DATE) FROM run WHERE id = ?")
			.param(runId)
			.query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.single()).containsExactly("nowtest", "2024-03", "2024-03", "2024-03-15");
		// the reference is the 3 months before the window (toy-logit has no training
		// window): Jan, Feb (Dec absent)
		assertThat(this.jdbc.sql("SELECT reference_desc FROM nowtest_window WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.single()).contains("2023-12..2024-02");
		assertThat(this.events.stream(RunFinished.class)).contains(new RunFinished(runId, "nowtest", "toy", true));
		Path report = toy.reports().resolve("nowtest").resolve(Long.toString(runId));
		assertThat(report.resolve("metrics.csv")).exists();
		assertThat(report.resolve("index.html")).exists();
		assertThat(Files.readAllLines(report.resolve("drift.csv"))).anyMatch((line) -> line.contains(",x,psi,"));
	}

	@Test
	void aWindowThatStartsInTheMonthBeforeReadsBothMonthFiles() throws Exception {
		// given
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 4), 4, 0);

		// when: 2024-03-27..2024-04-05
		JobExecution execution = start(LocalDate.of(2024, 4, 5), 10, 0);

		// then
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("PASS");
		assertThat(metric(runId, "toy-logit", "n")).isEqualTo(40);
		assertThat(this.jdbc.sql("SELECT from_period || '..' || to_period FROM run WHERE id = ?")
			.param(runId)
			.query(String.class)
			.single()).isEqualTo("2024-03..2024-04");
		assertThat(this.jdbc.sql("SELECT verdict FROM run WHERE id = ?").param(runId).query(String.class).single())
			.isEqualTo("PASS");
	}

	@Test
	void tooFewLabelledRowsIsInsufficientDataNeverAPass() throws Exception {
		// given
		config(500, null);
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 3), 5, 0);

		// when
		JobExecution execution = start(LocalDate.of(2024, 3, 31), 30, 0);

		// then
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("INSUFFICIENT_DATA");
		assertThat(this.jdbc.sql("SELECT verdict FROM run WHERE id = ?").param(runId).query(String.class).single())
			.isEqualTo("INSUFFICIENT_DATA");
		assertThat(this.jdbc.sql("""
				SELECT verdict FROM period_verdict v JOIN model_version m ON m.id = v.model_version_id
				WHERE v.run_id = ? AND v.period = 'ALL' AND m.name = 'toy-logit'""")
			.param(runId)
			.query(String.class)
			.single()).isEqualTo("INSUFFICIENT_DATA");
		assertThat(metric(runId, "toy-logit", "n")).isEqualTo(150);
	}

	@Test
	void driftAboveItsBoundIsABreachFiledUnderTheChampionWithTheFeatureKey() throws Exception {
		// given: x moves by 1.5 standard deviations in March; the reference (Jan, Feb)
		// does not
		config(20, "    psi: {max: 0.2}\n    ks: {max: 0.3}\n    p_value: {min: 0.001}\n    score_psi: {max: 0.2}\n"
				+ "    features:\n      colour: {psi: {max: 0.5}}\n");
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2), 5, 0);
		toy.daily("toy", YearMonth.of(2024, 3), YearMonth.of(2024, 3), 5, 1.5);

		// when
		JobExecution execution = start(LocalDate.of(2024, 3, 31), 30, 0);

		// then
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("BREACH");
		List<String> breaches = this.jdbc.sql("""
				SELECT m.name || ' ' || b.metric || ' ' || b.period || ' ' || b.bound_kind || ' ' || b.bound
				FROM breach b JOIN model_version m ON m.id = b.model_version_id WHERE b.run_id = ? ORDER BY 1""")
			.param(runId)
			.query(String.class)
			.list();
		assertThat(breaches)
			.contains("toy-logit psi:x ALL MAX 0.2", "toy-logit ks:x ALL MAX 0.3", "toy-logit p_value:x ALL MIN 0.001",
					"toy-logit psi:score ALL MAX 0.2")
			.noneMatch((breach) -> breach.contains(":colour"));
		// the p-values are stored beside PSI: KS for x and the scores, chi-squared for
		// colour
		assertThat(this.jdbc.sql("SELECT subject FROM drift_value WHERE run_id = ? AND statistic = 'p_value'")
			.param(runId)
			.query(String.class)
			.list()).contains("x", "colour", "score:toy-logit@1");
		assertThat(this.jdbc
			.sql("SELECT val FROM drift_value WHERE run_id = ? AND subject = 'x' AND statistic = 'p_value'")
			.param(runId)
			.query(Double.class)
			.single()).isLessThan(0.001);
		Path report = toy.reports().resolve("nowtest").resolve(Long.toString(runId));
		assertThat(report.resolve("index.html")).content().contains("<th>p_value</th>");
		assertThat(Files.readAllLines(report.resolve("drift.csv"))).anyMatch((line) -> line.contains(",x,p_value,"));
		assertThat(this.jdbc.sql("SELECT drift_verdict FROM nowtest_window WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.single()).isEqualTo("BREACH");
		assertThat(this.jdbc.sql("SELECT val FROM drift_value WHERE run_id = ? AND subject = 'x' AND statistic = 'psi'")
			.param(runId)
			.query(Double.class)
			.single()).isGreaterThan(0.5);
	}

	@Test
	void theWindowsQualityViolationsAreCountedAndAMissingShareAboveItsMaximumIsABreach() throws Exception {
		// given: x ruled to [-1, 1] (a standard normal breaks it in about a third of the
		// rows), colour at most 10% missing; in March every "red" is written missing
		Files.writeString(toy.config().resolve("datasets/toy.yml"),
				"quality:\n  x: {min: -1, max: 1}\n  colour: {levels: [red, blue], max-missing: 0.1}\n",
				StandardOpenOption.APPEND);
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2), 5, 0);
		Map<LocalDate, Integer> days = new TreeMap<>();
		for (int day = 1; day <= 31; day++) {
			days.put(LocalDate.of(2024, 3, day), 5);
		}
		toy.write(toy.data("toy").resolve("2024-03.csv"),
				ToyWorkspace.HEADER + toy.rows(days, 0, "m").replace(",red,", ",NA,"));

		// when
		JobExecution execution = start(LocalDate.of(2024, 3, 31), 30, 0);

		// then: the violations are stored per feature, the missing share is a breach
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("BREACH");
		double violations = this.jdbc
			.sql("SELECT val FROM drift_value WHERE run_id = ? AND subject = 'x' AND statistic = 'quality_violations'")
			.param(runId)
			.query(Double.class)
			.single();
		assertThat(violations).isBetween(20.0, 90.0);
		assertThat(this.jdbc.sql("""
				SELECT b.metric || ' ' || b.bound_kind || ' ' || b.bound FROM breach b WHERE b.run_id = ?""")
			.param(runId)
			.query(String.class)
			.list()).contains("quality_missing_rate:colour MAX 0.1").noneMatch((key) -> key.contains(":x "));
		Path report = toy.reports().resolve("nowtest").resolve(Long.toString(runId));
		assertThat(report.resolve("index.html")).content().contains("<th>quality_violations</th>");
	}

	@Test
	void aWindowWithoutLabelledRowsStillJudgesDriftAlertsOnItAndWritesItsReport() throws Exception {
		// given: March drifts (x moved by 1.5 standard deviations), and every row of the
		// 10-day window is within the
		// 15-day label delay: nothing to compute a metric on, everything to measure drift
		// on
		config(20, "    psi: {max: 0.2}\n");
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2), 5, 0);
		toy.daily("toy", YearMonth.of(2024, 3), YearMonth.of(2024, 3), 5, 1.5);

		// when
		JobExecution execution = start(LocalDate.of(2024, 3, 31), 10, 15);

		// then: the metrics are insufficient data, the drift a breach, and the run a
		// breach
		assertThat(execution.getAllFailureExceptions()).isEmpty();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("BREACH");
		long runId = execution.getJobInstance().getInstanceId();
		assertNoLabelRunJudged(runId);
	}

	@Test
	void aWindowWithoutLabelledRowsWhoseReportFailedRestartsToItsReportAndAlert() throws Exception {
		// given: as above, and the report folder cannot be made (a file stands where
		// reports/nowtest/ goes)
		config(20, "    psi: {max: 0.2}\n");
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2), 5, 0);
		toy.daily("toy", YearMonth.of(2024, 3), YearMonth.of(2024, 3), 5, 1.5);
		Path blocker = toy.reports().resolve("nowtest");
		FileSystemUtils.deleteRecursively(blocker);
		Files.createDirectories(toy.reports());
		Files.writeString(blocker, "in the way");
		JobExecution failed;
		try {
			failed = start(LocalDate.of(2024, 3, 31), 10, 15);
		}
		finally {
			Files.delete(blocker);
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

		// when
		JobExecution restarted = this.jobOperator.restart(failed);

		// then
		assertThat(restarted.getAllFailureExceptions()).isEmpty();
		assertThat(restarted.getExitStatus().getExitCode()).isEqualTo("BREACH");
		assertNoLabelRunJudged(failed.getJobInstance().getInstanceId());
	}

	/**
	 * A no-label run's metric verdict, drift breach, report and alert (one .eml, on the
	 * drift).
	 */
	private void assertNoLabelRunJudged(long runId) throws Exception {
		assertThat(this.jdbc.sql("SELECT metric_verdict || ' ' || drift_verdict FROM nowtest_window WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.single()).isEqualTo("INSUFFICIENT_DATA BREACH");
		assertThat(window(runId, "rows_scored")).isZero();
		assertThat(window(runId, "rows_awaiting_label")).isEqualTo(50);
		assertThat(this.jdbc.sql("SELECT verdict FROM run WHERE id = ?").param(runId).query(String.class).single())
			.isEqualTo("BREACH");
		Path report = toy.reports().resolve("nowtest").resolve(Long.toString(runId));
		assertThat(report.resolve("index.html")).content().contains("INSUFFICIENT").contains("psi");
		assertThat(report.resolve("metrics.csv")).exists();
		assertThat(Files.readAllLines(report.resolve("drift.csv"))).anyMatch((line) -> line.contains(",x,psi,"));
		List<Path> mails;
		try (var outbox = Files.list(toy.reports().resolve("outbox"))) {
			mails = outbox.filter((file) -> file.getFileName().toString().startsWith(runId + "-")).toList();
		}
		assertThat(mails).singleElement();
		try (var in = Files.newInputStream(mails.get(0))) {
			MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
			assertThat(mail.getSubject()).startsWith("[ratchet] toy:").contains("psi");
		}
	}

	@Test
	void aModelWhoseRegressionCasesNoLongerMatchFailsTheRunBeforeAnyFileIsImported() throws Exception {
		// given: an incoming file, and a recorded output of the champion that today's
		// scorer no longer gives
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2), 5, 0);
		Path inbox = toy.data("toy").resolve("incoming");
		toy.write(inbox.resolve("2024-03-export.csv"), ToyWorkspace.HEADER);
		Path cases = toy.config().resolve("models/toy-logit-v1.cases.csv");
		String text = Files.readString(cases);
		String line = text.lines().filter((row) -> row.startsWith("colour = red,")).findFirst().orElseThrow();
		Files.writeString(cases, text.replace(line, line.substring(0, line.lastIndexOf(',')) + ",0.125"));

		// when
		JobExecution execution = start(LocalDate.of(2024, 2, 28), 30, 0);

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.jdbc.sql("SELECT failure FROM run WHERE id = ?")
			.param(execution.getJobInstance().getInstanceId())
			.query(String.class)
			.single()).contains("model toy-logit@1 refused").contains("colour = red: expected 0.125, got ");
		assertThat(inbox.resolve("2024-03-export.csv")).exists();
	}

	@Test
	void incomingFilesAreMergedOnceMovedToProcessedAndTheirRejectedRowsCounted() throws Exception {
		// given: March arrives as an incoming file with one bad row
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2), 5, 0);
		Map<LocalDate, Integer> march = new TreeMap<>();
		for (int day = 1; day <= 31; day++) {
			march.put(LocalDate.of(2024, 3, day), 5);
		}
		String incoming = ToyWorkspace.HEADER + toy.rows(march, 0, "new") + "bad-1,2024-13-01,0.5,red,1\n";
		Path inbox = toy.data("toy").resolve("incoming");
		toy.write(inbox.resolve("2024-03-export.csv"), incoming);

		// when
		JobExecution first = start(LocalDate.of(2024, 3, 31), 30, 0);

		// then
		long runId = first.getJobInstance().getInstanceId();
		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(toy.data("toy").resolve("processed/2024-03-export.csv")).hasContent(incoming.stripTrailing());
		assertThat(inbox.resolve("2024-03-export.csv")).doesNotExist();
		assertThat(toy.data("toy").resolve("2024-03.csv")).exists();
		assertThat(this.jdbc.sql("SELECT rows_accepted, rows_rejected FROM import_batch WHERE dataset = 'toy'")
			.query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2)))
			.list()).containsExactly(List.of(155L, 1L));
		assertThat(window(runId, "files_imported")).isEqualTo(1);
		assertThat(window(runId, "rows_imported")).isEqualTo(155);
		assertThat(window(runId, "rows_import_rejected")).isEqualTo(1);
		assertThat(metric(runId, "toy-logit", "n")).isEqualTo(150);
		try (var quarantined = Files.list(toy.data("toy").resolve("quarantine"))) {
			assertThat(quarantined).hasSize(1);
		}

		// when: the same file arrives again under another name
		toy.write(inbox.resolve("2024-03-export-again.csv"), incoming);
		JobExecution second = start(LocalDate.of(2024, 3, 30), 30, 0);

		// then: moved, not merged
		long again = second.getJobInstance().getInstanceId();
		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(toy.data("toy").resolve("processed/2024-03-export-again.csv")).exists();
		assertThat(inbox).isEmptyDirectory();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM import_batch WHERE dataset = 'toy'").query(Long.class).single())
			.isEqualTo(1);
		assertThat(window(again, "files_imported")).isZero();
		assertThat(Files.readAllLines(toy.data("toy").resolve("2024-03.csv"))).hasSize(1 + 155);
	}

	@Test
	void aFailedRunRestartsAndStoresItsFiguresOnce() throws Exception {
		// given: March's header lost a column
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 3), 5, 0);
		Path march = toy.data("toy").resolve("2024-03.csv");
		String good = Files.readString(march);
		Files.writeString(march, good.replaceFirst("colour", "color"));
		JobExecution failed = start(LocalDate.of(2024, 3, 31), 30, 0);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		long runId = failed.getJobInstance().getInstanceId();
		assertThat(this.jdbc.sql("SELECT status || ' ' || failure FROM run WHERE id = ?")
			.param(runId)
			.query(String.class)
			.single()).startsWith("FAILED").contains("2024-03.csv").contains("colour");
		Files.writeString(march, good);

		// when
		JobExecution restarted = this.jobOperator.restart(failed);

		// then
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(runId);
		assertThat(metric(runId, "toy-logit", "n")).isEqualTo(150);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM metric_value WHERE run_id = ? AND metric = 'n'")
			.param(runId)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM nowtest_window WHERE run_id = ?")
			.param(runId)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT status FROM run WHERE id = ?").param(runId).query(String.class).single())
			.isEqualTo("COMPLETED");
		assertThat(this.events.stream(RunFinished.class)).contains(new RunFinished(runId, "nowtest", "toy", false),
				new RunFinished(runId, "nowtest", "toy", true));
	}

	@Test
	void aScheduledFireJudgesYesterdayInTheConfiguredZoneWithTheDatasetsSettings() {
		// given: 00:30 in Paris on 26 November is still 25 November in UTC
		ZonedDateTime fire = ZonedDateTime.of(2026, 11, 25, 23, 30, 0, 0, ZoneId.of("UTC"));

		// when
		NowtestParameters parameters = this.schedule.parameters("toy", fire);

		// then
		assertThat(parameters).isEqualTo(new NowtestParameters("toy", LocalDate.of(2026, 11, 25), 10, 2));
		assertThat(this.schedule.parametersFor("toy", fire)).isEqualTo(parameters.toJobParameters());
		assertThat(this.schedule.name()).isEqualTo("nowtest");
		this.schedule.validate("toy");
		assertThatIllegalArgumentException().isThrownBy(() -> this.schedule.validate("nope"))
			.withMessageContaining("nope");
	}

	private JobExecution start(LocalDate asOf, int window, int labelDelay) throws Exception {
		return this.jobOperatorTestUtils
			.startJob(new NowtestParameters("toy", asOf, window, labelDelay).toJobParameters());
	}

	private long window(long runId, String column) {
		return this.jdbc.sql("SELECT " + column + " FROM nowtest_window WHERE run_id = ?")
			.param(runId)
			.query(Long.class)
			.single();
	}

	private double metric(long runId, String model, String metric) {
		return this.jdbc.sql("""
				SELECT v.val FROM metric_value v JOIN model_version m ON m.id = v.model_version_id
				WHERE v.run_id = ? AND m.name = ? AND v.period = 'ALL' AND v.metric = ?""")
			.params(runId, model, metric)
			.query(Double.class)
			.single();
	}

}
