package io.ratchet.alert;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import io.ratchet.TestPaths;
import io.ratchet.cli.CommandLine;
import io.ratchet.demo.DemoGenerator;
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
 * The whole path on a fresh workspace, as a fresh clone runs it: the demo's back-test breaches late, the run's
 * {@code RunFinished} queues one alert for the champion, and with no SMTP host it lands in {@code reports/outbox/}.
 */
@SpringBootTest
@ActiveProfiles("test")
class AlertBacktestTests {

	@TempDir
	static Path root;

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) {
		TestPaths.register(registry, () -> root);
	}

	@Autowired
	CommandLine commandLine;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoBackTestThatBreachesLeavesOneAlertInTheOutbox() throws Exception {
		// given
		DemoGenerator.generate(root, YearMonth.of(2026, 10), 42);

		// when
		int exitCode = quietly(() -> this.commandLine.run("backtest", "--dataset", "churn"));

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
		assertThat(message.getAllRecipients()).extracting(Object::toString)
			.containsExactly("ml-team@example.com");
		String text = AlertOutboxTests.textOf(message);
		assertThat(text).startsWith("BREACH: the champion churn-")
			.contains("trend (month by month; values of the last 12): 2025-11 ")
			.contains("whole period: ")
			.contains("(candidate)")
			.contains("Report: file:/").contains("/reports/backtest/" + runId + "/index.html");
		MimeBodyPart attachment = (MimeBodyPart) ((MimeMultipart) message.getContent()).getBodyPart(1);
		assertThat(attachment.getInputStream().readAllBytes())
			.isEqualTo(Files.readAllBytes(root.resolve("reports/backtest/" + runId + "/metrics.csv")));
		assertThat(this.jdbc.sql("SELECT status FROM alert_outbox WHERE run_id = ?").param(runId).query(String.class)
			.list()).containsExactly("SENT");
	}

	private static int quietly(java.util.function.IntSupplier command) {
		PrintStream out = System.out;
		System.setOut(new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8));
		try {
			return command.getAsInt();
		}
		finally {
			System.setOut(out);
		}
	}

}
