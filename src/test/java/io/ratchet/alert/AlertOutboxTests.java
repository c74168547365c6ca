package io.ratchet.alert;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts with no SMTP host configured (the embedded default): every alert becomes an
 * {@code .eml} file under {@code reports/outbox/}; and the policy over a sequence of
 * runs: once per run, once per day while a breach persists, one "recovered", insufficient
 * data, catch-up of a run whose alerts were never decided.
 */
@SpringBootTest(properties = "ratchet.alerts.default-recipients=ops@example.com")
@ActiveProfiles("test")
class AlertOutboxTests {

	@TempDir
	static Path root;

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) {
		registry.add("ratchet.paths.reports", () -> root.resolve("reports").toString());
	}

	@Autowired
	Alerts alerts;

	@Autowired
	ResultsStore results;

	@Autowired
	ModelVersionStore models;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Outbox outbox;

	AlertRuns runs;

	@BeforeEach
	void setUp() {
		this.runs = new AlertRuns(this.results, this.models, this.jdbc, root.resolve("reports"));
	}

	@Test
	void withoutSmtpHostTheAlertIsWrittenAsAnEmlFileThatParses() throws Exception {
		// given
		long runId = this.runs.run("eml", LocalDate.of(2026, 11, 25))
			.rocAuc(0.71)
			.drift("psi:tenure_months", 0.31, 0.2)
			.store();

		// when
		DeliveryReport report = this.alerts.afterRun(runId);

		// then
		assertThat(report.written()).isEqualTo(1);
		assertThat(report.sent()).isZero();
		assertThat(report.pending()).isZero();
		List<Path> files = emlFiles(runId);
		assertThat(files).singleElement()
			.satisfies((file) -> assertThat(file.getFileName().toString()).matches(runId + "-breach-\\d+\\.eml"));
		MimeMessage message = parse(files.get(0));
		assertThat(message.getSubject())
			.isEqualTo("[ratchet] eml: champion eml-logit@1 psi:tenure_months 0.3100 > 0.2000 (now-test 2026-11-25)");
		assertThat(message.getMessageID()).startsWith("<ratchet." + runId + ".breach.").endsWith("@localhost>");
		assertThat(message.getContentType()).startsWith("multipart/mixed");
		MimeMultipart mixed = (MimeMultipart) message.getContent();
		assertThat(mixed.getCount()).isEqualTo(2);
		assertThat(Files.readString(root.resolve("reports/outbox").resolve(files.get(0).getFileName())))
			.contains("roc_auc");
		assertThat(status(runId)).containsExactly("SENT");
		assertThat(this.jdbc.sql("SELECT delivered_to FROM alert_outbox WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.single()).isEqualTo(files.get(0).toString());
	}

	@Test
	void aRunEvaluatedTwiceGivesOneAlert() {
		// given
		long runId = this.runs.run("twice", LocalDate.of(2026, 11, 25)).rocAuc(0.70).store();

		// when
		int first = this.alerts.evaluate(runId);
		int second = this.alerts.evaluate(runId);
		this.alerts.afterRun(runId);

		// then
		assertThat(first).isEqualTo(1);
		assertThat(second).isZero();
		assertThat(status(runId)).containsExactly("SENT");
		assertThat(emlFiles(runId)).hasSize(1);
	}

	@Test
	void aPersistingBreachIsToldOncePerDayAndItsRecoveryOnce() throws Exception {
		// given
		LocalDate first = LocalDate.of(2026, 11, 20);
		long day1 = this.runs.run("daily", first).rocAuc(0.72).store();
		long day1Again = this.runs.run("daily", first).rocAuc(0.71).store();
		long day2 = this.runs.run("daily", first.plusDays(1)).rocAuc(0.70).store();
		long day3 = this.runs.run("daily", first.plusDays(2)).rocAuc(0.69).logLoss(0.6).store();
		long day4 = this.runs.run("daily", first.plusDays(3)).rocAuc(0.81).store();
		long day5 = this.runs.run("daily", first.plusDays(4)).rocAuc(0.82).store();

		// when
		for (long runId : List.of(day1, day1Again, day2, day3, day4, day5)) {
			this.alerts.afterRun(runId);
		}

		// then
		assertThat(status(day1)).containsExactly("SENT");
		assertThat(status(day1Again)).isEmpty();
		assertThat(subjects(day2)).containsExactly(
				"[ratchet] daily: champion daily-logit@1 roc_auc 0.7000 < 0.7500 (now-test 2026-11-21), failing since 2026-11-20");
		assertThat(subjects(day3)).singleElement().asString().contains("failing since 2026-11-20");
		assertThat(subjects(day4)).containsExactly(
				"[ratchet] daily: recovered roc_auc, log_loss (now-test 2026-11-23), failing since 2026-11-20");
		assertThat(status(day5)).isEmpty();
		MimeMessage persisting = parse(emlFiles(day3).get(0));
		String text = textOf(persisting);
		assertThat(text).contains("roc_auc (failing since 2026-11-20)")
			.contains("  log_loss\n")
			.contains("trend (last 4 now-tests): 2026-11-20 0.7200, 2026-11-20 0.7100, 2026-11-21 0.7000, "
					+ "2026-11-22 0.6900  █▆▃▁")
			.contains("    window   0.6900 < 0.7500\n")
			.doesNotContain("whole period");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM alert_state WHERE dataset = 'daily'").query(Long.class).single())
			.isZero();
	}

	@Test
	void tooFewLabelledRowsIsItsOwnAlertNeverASilentPass() throws Exception {
		// given
		long runId = this.runs.run("sparse", LocalDate.of(2026, 11, 25)).insufficient().store();

		// when
		this.alerts.afterRun(runId);

		// then
		assertThat(subjects(runId)).containsExactly(
				"[ratchet] sparse: insufficient data for champion sparse-logit@1, 40 labelled rows (now-test 2026-11-25)");
		assertThat(textOf(parse(emlFiles(runId).get(0)))).startsWith("INSUFFICIENT DATA")
			.contains("whole window: 40 labelled rows");
	}

	@Test
	void aRunWhoseAlertsWereNeverDecidedIsCaughtUpAtTheNextRunAndAFailedRunIsSkipped() {
		// given: a breaching run whose process ended before its alerts, then a failed run
		long missed = this.runs.run("missed", LocalDate.of(2026, 11, 24)).rocAuc(0.6).store();
		long failed = this.runs.failed("missed", LocalDate.of(2026, 11, 25));
		long next = this.runs.run("missed", LocalDate.of(2026, 11, 25)).rocAuc(0.6).store();

		// when
		this.alerts.afterRun(next);

		// then
		assertThat(subjects(missed)).singleElement().asString().contains("(now-test 2026-11-24)");
		assertThat(subjects(next)).singleElement().asString().endsWith("failing since 2026-11-24");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM alert_evaluation WHERE run_id = ?")
			.param(failed)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAlertClaimedByAnotherProcessIsLeftAloneUntilThatProcessIsPresumedDead() {
		// given: another process has claimed the alert and is sending it
		long runId = this.runs.run("claimed", LocalDate.of(2026, 11, 25)).rocAuc(0.6).store();
		assertThat(this.alerts.evaluate(runId)).isEqualTo(1);
		long id = this.jdbc.sql("SELECT id FROM alert_outbox WHERE run_id = ?").param(runId).query(Long.class).single();
		LocalDateTime now = LocalDateTime.now();
		assertThat(this.outbox.claim(id, null, now.minusMinutes(10), now)).isTrue();
		assertThat(this.outbox.claim(id, null, now.minusMinutes(10), now)).isFalse();

		// when
		DeliveryReport meanwhile = this.alerts.deliverPending();

		// then
		assertThat(meanwhile.delivered()).isZero();
		assertThat(emlFiles(runId)).isEmpty();

		// when: the claim is older than ratchet.alerts.retry.claim-timeout (the process
		// died while sending)
		this.jdbc.sql("UPDATE alert_outbox SET claimed_at = ? WHERE id = ?")
			.params(java.sql.Timestamp.valueOf(now.minusMinutes(11)), id)
			.update();
		DeliveryReport later = this.alerts.deliverPending();

		// then
		assertThat(later.written()).isEqualTo(1);
		assertThat(emlFiles(runId)).hasSize(1);
		assertThat(status(runId)).containsExactly("SENT");
	}

	private List<String> status(long runId) {
		return this.jdbc.sql("SELECT status FROM alert_outbox WHERE run_id = ? ORDER BY id")
			.param(runId)
			.query(String.class)
			.list();
	}

	private List<String> subjects(long runId) {
		return this.jdbc.sql("SELECT subject FROM alert_outbox WHERE run_id = ? ORDER BY id")
			.param(runId)
			.query(String.class)
			.list();
	}

	private static List<Path> emlFiles(long runId) {
		try (Stream<Path> files = Files.list(root.resolve("reports/outbox"))) {
			return files.filter((file) -> file.getFileName().toString().startsWith(runId + "-")).sorted().toList();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static MimeMessage parse(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return new MimeMessage(Session.getInstance(new Properties()), in);
		}
	}

	static String textOf(MimeMessage message) throws Exception {
		MimeMultipart mixed = (MimeMultipart) message.getContent();
		MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
		return ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
	}

}
