package io.ratchet.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ratchet.test.MailServers;
import jakarta.mail.internet.MimeMessage;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts through an encrypted, authenticated SMTP server. GreenMail 2.1 has no STARTTLS
 * (greenmail-mail-test/greenmail issue 135: none of its services implement the command),
 * so the test uses SMTPS (TLS from the first byte) with a user and password, set the way
 * an operator sets them: {@code spring.mail.*} properties. The server refuses mail
 * without authentication; a wrong password leaves the alert pending with the server's
 * answer; once the password is right the background retry (short backoff here) delivers
 * it, once, without another run. GreenMail's certificate is self-signed and names no
 * host, so the test trusts it explicitly and skips the host name check (Angus Mail checks
 * it by default, as it should against a real server).
 */
@SpringBootTest(properties = { "spring.mail.host=127.0.0.1", "spring.mail.protocol=smtps",
		"spring.mail.username=alerts", "spring.mail.password=s3cret", "spring.mail.properties[mail.smtps.auth]=true",
		"spring.mail.properties[mail.smtps.ssl.trust]=127.0.0.1",
		"spring.mail.properties[mail.smtps.ssl.checkserveridentity]=false",
		"ratchet.alerts.default-recipients=ml-team@example.com", "ratchet.alerts.retry.initial=200ms",
		"ratchet.alerts.retry.max=1s" })
@ActiveProfiles("test")
class AlertSmtpsTests {

	@TempDir
	static Path root;

	static GreenMail greenMail;

	@BeforeAll
	static void startServer() {
		greenMail = new GreenMail(MailServers.onFreePort(ServerSetup.PROTOCOL_SMTPS))
			.withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "s3cret"));
		greenMail.start();
		greenMail.getUserManager().setAuthRequired(true);
	}

	@AfterAll
	static void stopServer() {
		greenMail.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> greenMail.getSmtps().getPort());
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

	@Test
	void aWrongPasswordKeepsTheAlertPendingAndTheBackgroundRetryDeliversItOnceOverTls() throws Exception {
		// given: the server knows another password
		greenMail.getUserManager().getUser("alerts").setPassword("changed");
		AlertRuns runs = new AlertRuns(this.results, this.models, this.jdbc, root.resolve("reports"));
		long runId = runs.run("secure", LocalDate.of(2026, 11, 25)).rocAuc(0.7).store();

		// when
		DeliveryReport refused = this.alerts.afterRun(runId);

		// then
		assertThat(refused.failed()).isEqualTo(1);
		assertThat(greenMail.getReceivedMessages()).isEmpty();
		assertThat(this.jdbc.sql("SELECT last_error FROM alert_outbox WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.single()).contains("535");

		// when: the password is right again; no run follows, the background retry takes
		// it
		greenMail.getUserManager().getUser("alerts").setPassword("s3cret");

		// then
		await().atMost(Duration.ofMinutes(3))
			.until(() -> "SENT".equals(this.jdbc.sql("SELECT status FROM alert_outbox WHERE run_id = ?")
				.param(runId)
				.query(String.class)
				.single()));
		assertThat(this.alerts.deliverPending().sent()).isZero();
		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject())
			.isEqualTo("[ratchet] secure: champion secure-logit@1 roc_auc 0.7000 < 0.7500 (now-test 2026-11-25)");
		assertThat(this.jdbc.sql("SELECT delivered_to FROM alert_outbox WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.single()).startsWith("smtps://127.0.0.1:");
	}

}
