package io.ratchet.alert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ratchet.ConsoleCapture;
import io.ratchet.TestPaths;
import io.ratchet.cli.CommandLine;
import io.ratchet.demo.DemoGenerator;
import io.ratchet.test.MailServers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A segment breach end to end through a real SMTP server (GreenMail): the generated demo,
 * segmented by region and tenure buckets, with a bound on one region no model meets; the
 * back-test stores the breach named with its segment and the alert e-mail that arrives
 * names it.
 */
@SpringBootTest(properties = { "spring.mail.host=127.0.0.1", "ratchet.alerts.from=Ratchet <ratchet@example.com>" })
@ActiveProfiles("test")
class SegmentAlertSmtpTests {

	@TempDir
	static Path root;

	static GreenMail greenMail;

	@BeforeAll
	static void startServer() {
		greenMail = new GreenMail(MailServers.onFreePort(ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
	}

	@AfterAll
	static void stopServer() {
		greenMail.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestPaths.register(registry, () -> root);
		registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
	}

	@Autowired
	CommandLine commandLine;

	@Autowired
	JdbcClient jdbc;

	/** The back-test prints its progress and summary; this test reads the mail. */
	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@Test
	void aSegmentBreachArrivesNamedWithItsSegment() throws Exception {
		// given: the demo, segmented, with a bound on north only (0.99: no month meets
		// it)
		DemoGenerator.generate(root, YearMonth.of(2026, 10), DemoGenerator.DEFAULT_SEED);
		Path dataset = root.resolve("config/datasets/churn.yml");
		Files.writeString(dataset, Files.readString(dataset)
				+ "segments:\n  columns: [region, {name: tenure_months, edges: [12, 24]}]\n  min-rows: 50\n");
		Path requirements = root.resolve("config/requirements.yml");
		Files.writeString(requirements, Files.readString(requirements)
			.replaceFirst("(?m)^churn:\n", "churn:\n  segments:\n    region=north: {roc_auc: {min: 0.99}}\n"));

		// when
		int exitCode = this.commandLine.run("backtest", "--dataset", "churn");

		// then: north breaches, named with its segment; no other region is bounded
		assertThat(exitCode).isEqualTo(CommandLine.BREACHED);
		long runId = this.jdbc.sql("SELECT MAX(id) FROM run").query(Long.class).single();
		List<String> segmentBreaches = this.jdbc.sql("""
				SELECT DISTINCT b.metric FROM breach b JOIN run_model r ON r.run_id = b.run_id
					AND r.model_version_id = b.model_version_id AND r.role = 'champion'
				WHERE b.run_id = ? AND b.metric LIKE '% in %'""").param(runId).query(String.class).list();
		assertThat(segmentBreaches).containsExactly("roc_auc in region=north");
		assertThat(this.jdbc.sql("SELECT COUNT(DISTINCT segment_level) FROM segment_period WHERE run_id = ?")
			.param(runId)
			.query(Long.class)
			.single()).as("the demo's regions and 3 tenure buckets").isGreaterThan(4);

		// and the alert arrives, naming the segment
		assertThat(greenMail.waitForIncomingEmail(60_000, 1)).isTrue();
		MimeMessage message = greenMail.getReceivedMessages()[0];
		String text = AlertOutboxTests.textOf(message).replace("\r\n", "\n");
		assertThat(text).contains("roc_auc in region=north");
		assertThat(Files.readAllLines(root.resolve("reports/backtest/" + runId + "/segments.csv")).get(0))
			.startsWith("run,dataset,model,version,period,segment_column,segment_level,rows,verdict,");
	}

}
