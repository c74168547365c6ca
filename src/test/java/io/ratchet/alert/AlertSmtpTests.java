package io.ratchet.alert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ratchet.test.MailServers;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * Alerts through a real SMTP server (GreenMail, in-process on a free loopback port): the
 * message a mail client receives, header by header and part by part; and a server that is
 * down, then up: the alert arrives exactly once.
 */
@SpringBootTest(properties = { "spring.mail.host=127.0.0.1", "ratchet.alerts.from=Ratchet <ratchet@example.com>",
		"ratchet.alerts.default-recipients=ml-team@example.com" })
@ActiveProfiles("test")
class AlertSmtpTests {

	@TempDir
	static Path root;

	static ServerSetup smtp;

	static GreenMail greenMail;

	@BeforeAll
	static void startServer() {
		greenMail = new GreenMail(MailServers.onFreePort(ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		smtp = MailServers.onPort(greenMail.getSmtp().getPort(), ServerSetup.PROTOCOL_SMTP);
	}

	@AfterAll
	static void stopServer() {
		greenMail.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
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

	AlertRuns runs;

	@BeforeEach
	void setUp() throws Exception {
		this.runs = new AlertRuns(this.results, this.models, this.jdbc, root.resolve("reports"));
		greenMail.purgeEmailFromAllMailboxes();
	}

	@Test
	void theAlertArrivesOnceWithHeadersPartsAndTheMetricsAttached() throws Exception {
		// given
		long runId = this.runs.run("churn", LocalDate.of(2026, 11, 25))
			.rocAuc(0.71)
			.drift("psi:tenure_months", 0.104, 0.1)
			.store();

		// when
		DeliveryReport report = this.alerts.afterRun(runId);

		// then
		assertThat(report.sent()).isEqualTo(1);
		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(greenMail.getReceivedMessages()).hasSize(1);
		MimeMessage message = greenMail.getReceivedMessages()[0];
		assertThat(message.getSubject())
			.isEqualTo("[ratchet] churn: champion churn-logit@1 roc_auc 0.7100 < 0.7500 (now-test 2026-11-25)");
		assertThat(message.getFrom()).containsExactly(new InternetAddress("Ratchet <ratchet@example.com>"));
		assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("ml-team@example.com"));
		String messageId = this.jdbc.sql("SELECT message_id FROM alert_outbox WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.single();
		assertThat(message.getMessageID()).isEqualTo(messageId)
			.matches("<ratchet\\." + runId + "\\.breach\\.[0-9a-f]{12}@example\\.com>");
		assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");

		assertThat(message.getContentType()).startsWith("multipart/mixed");
		MimeMultipart mixed = (MimeMultipart) message.getContent();
		assertThat(mixed.getCount()).isEqualTo(2);
		assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
		MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
		assertThat(alternative.getCount()).isEqualTo(2);
		assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain").contains("UTF-8");
		assertThat(alternative.getBodyPart(1).getContentType()).startsWith("multipart/related");
		MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
		assertThat(related.getBodyPart(0).getContentType()).startsWith("text/html").contains("UTF-8");
		String text = ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
		String html = (String) related.getBodyPart(0).getContent();
		// the charts: inline PNG parts, each referenced from the HTML by its Content-ID
		assertThat(related.getCount()).isEqualTo(3);
		for (int i = 1; i < related.getCount(); i++) {
			MimeBodyPart image = (MimeBodyPart) related.getBodyPart(i);
			assertThat(image.getContentType()).startsWith("image/png");
			assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
			String contentId = image.getContentID();
			assertThat(contentId).matches("<(trend|value)-[a-z_]+\\.png>");
			assertThat(html).contains("src=\"cid:" + contentId.substring(1, contentId.length() - 1) + "\"");
			byte[] png = image.getInputStream().readAllBytes();
			assertThat(java.util.Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
		}
		assertThat(html).containsPattern("<img [^>]*width=\"680\"").doesNotContain("width=\"1040\"");
		assertThat(text)
			.startsWith("BREACH: the champion churn-logit@1 misses its requirements in the now-test run " + runId
					+ " of churn (as of 2026-11-25)")
			.contains("Breaches, worst first\n  roc_auc\n    window   0.7100 < 0.7500\n")
			.contains("Drift highlights\n  psi:tenure_months\n    window   0.1040 > 0.1000\n")
			.contains("churn-gbt@1 (candidate): PASS")
			.contains("Report: file:/");
		assertThat(text.indexOf("roc_auc")).isLessThan(text.indexOf("psi:tenure_months"));
		assertThat(html).startsWith("<!DOCTYPE html>")
			.contains(">BREACH</span>")
			.contains("BREACH: the champion churn-logit@1")
			.contains("Breach: roc_auc")
			.contains(">0.7100</td>")
			.contains("min 0.7500")
			.contains("Drift: psi:tenure_months")
			.contains("<a href=\"file:/");

		MimeBodyPart attachment = (MimeBodyPart) mixed.getBodyPart(1);
		assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
		assertThat(attachment.getFileName()).isEqualTo("churn-nowtest-" + runId + "-metrics.csv");
		assertThat(attachment.getContentType()).startsWith("text/csv");
		Path csv = root.resolve("reports/nowtest/" + runId + "/metrics.csv");
		assertThat(new String(attachment.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo(Files.readString(csv));

		assertThat(this.alerts.deliverPending().sent()).isZero();
		assertThat(greenMail.getReceivedMessages()).hasSize(1);
		assertThat(this.jdbc.sql("SELECT delivered_to FROM alert_outbox WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.single()).isEqualTo("smtp://127.0.0.1:" + smtp.getPort());
	}

	@Test
	void whenTheServerIsDownTheAlertWaitsAndArrivesExactlyOnceWhenItIsBack() throws Exception {
		// given: the server is down
		greenMail.stop();
		long runId;
		try {
			runId = this.runs.run("outage", LocalDate.of(2026, 11, 25)).rocAuc(0.65).store();
			LocalDateTime beforeAttempt = LocalDateTime.now();

			// when
			DeliveryReport down = this.alerts.afterRun(runId);

			// then
			assertThat(down.failed()).isEqualTo(1);
			assertThat(down.pending()).isEqualTo(1);
			assertThat(this.jdbc.sql("SELECT status FROM alert_outbox WHERE run_id = ?")
				.param(runId)
				.query(String.class)
				.single()).isEqualTo("PENDING");
			assertThat(this.jdbc.sql("SELECT last_error FROM alert_outbox WHERE run_id = ?")
				.param(runId)
				.query(String.class)
				.single()).containsIgnoringCase("connect");
			LocalDateTime next = this.jdbc.sql("SELECT next_attempt_at FROM alert_outbox WHERE run_id = ?")
				.param(runId)
				.query(java.sql.Timestamp.class)
				.single()
				.toLocalDateTime();
			// the first backoff (1 min), however slow this is
			assertThat(next).isAfter(beforeAttempt.plusSeconds(30));
		}
		finally {
			greenMail = new GreenMail(smtp);
			greenMail.start();
		}

		// when: the server is back and the next run delivers what is pending
		DeliveryReport up = this.alerts.deliverPending();
		DeliveryReport again = this.alerts.deliverPending();

		// then
		assertThat(up.sent()).isEqualTo(1);
		assertThat(again.sent()).isZero();
		assertThat(again.pending()).isZero();
		assertThat(greenMail.getReceivedMessages()).hasSize(1);
		assertThat(greenMail.getReceivedMessages()[0].getSubject()).contains("outage").contains("roc_auc 0.6500");
		assertThat(this.jdbc.sql("SELECT attempts FROM alert_outbox WHERE run_id = ?")
			.param(runId)
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(this.jdbc.sql("SELECT status FROM alert_outbox WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.single()).isEqualTo("SENT");
	}

}
