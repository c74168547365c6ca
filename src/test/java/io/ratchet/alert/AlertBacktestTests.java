package io.ratchet.alert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import io.ratchet.ConsoleCapture;
import io.ratchet.cli.CommandLine;
import io.ratchet.demo.DemoGenerator;
import io.ratchet.test.SharedContextTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path on a fresh workspace, as a fresh clone runs it: the demo's back-test
 * breaches late, the run's {@code RunFinished} queues one alert for the champion, and
 * with no SMTP host it lands in {@code reports/outbox/}.
 */
class AlertBacktestTests extends SharedContextTests {

	@Autowired
	CommandLine commandLine;

	/**
	 * The back-test prints its progress and summary; this test reads the outbox, not the
	 * console.
	 */
	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoBackTestThatBreachesLeavesOneAlertInTheOutbox() throws Exception {
		// given
		DemoGenerator.generate(root, YearMonth.of(2026, 10), 42);

		// when
		int exitCode = this.commandLine.run("backtest", "--dataset", "churn");

		// then
		assertThat(exitCode).isEqualTo(CommandLine.BREACHED);
		long runId = this.jdbc.sql("SELECT MAX(id) FROM run").query(Long.class).single();
		List<Path> files;
		try (Stream<Path> list = Files.list(root.resolve("reports/outbox"))) {
			files = list.toList();
		}
		assertThat(files).singleElement()
			.satisfies((file) -> assertThat(file.getFileName().toString()).startsWith(runId + "-breach-"));
		MimeMessage message = AlertOutboxTests.parse(files.get(0));
		assertThat(message.getSubject()).matches("\\[ratchet] churn: champion churn-\\S+@\\d+ [a-z_]+ "
				+ "\\d\\.\\d{4} [<>] \\d\\.\\d{4} \\(back-test \\d{4}-\\d{2}-\\d{2}\\)");
		assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("ml-team@example.com");
		String text = AlertOutboxTests.textOf(message);
		assertThat(text).startsWith("BREACH: the champion churn-")
			.contains("trend (month by month; values of the last 12): 2025-11 ")
			.contains("whole period: ")
			.contains("(candidate)")
			.contains("Report: file:/")
			.contains("/reports/backtest/" + runId + "/index.html");
		MimeBodyPart attachment = (MimeBodyPart) ((MimeMultipart) message.getContent()).getBodyPart(1);
		assertThat(attachment.getInputStream().readAllBytes())
			.isEqualTo(Files.readAllBytes(root.resolve("reports/backtest/" + runId + "/metrics.csv")));
		assertThat(this.jdbc.sql("SELECT status FROM alert_outbox WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.list()).containsExactly("SENT");
	}

}
