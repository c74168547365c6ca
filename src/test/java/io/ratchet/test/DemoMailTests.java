package io.ratchet.test;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ratchet.ConsoleCapture;
import io.ratchet.cli.CommandLine;
import io.ratchet.demo.DemoGenerator;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The demo's alerts end to end through a real SMTP server (GreenMail): the shipped demo
 * generated into the shared workspace ({@link SharedContextTests#root}) before each
 * class, and mail sent to one server started once for every such class and emptied before
 * each. The classes with the same settings share one context; a class that needs one more
 * setting adds it with {@code @TestPropertySource} (and so gets a context of its own,
 * sending to the same server).
 */
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "ratchet.alerts.from=Ratchet <ratchet@example.com>" })
public abstract class DemoMailTests extends SharedContextTests {

	/** The last month of the shipped demo. */
	protected static final YearMonth LAST_MONTH = YearMonth.of(2026, 10);

	/** The SMTP server of every demo mail test, stopped when the JVM ends. */
	protected static final GreenMail greenMail = startServer();

	@Autowired
	protected CommandLine commandLine;

	@Autowired
	protected JdbcClient jdbc;

	/** The jobs print their progress and summary; these tests read the mail. */
	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@DynamicPropertySource
	static void mailPort(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
	}

	@BeforeAll
	static void emptyMailboxesAndGenerateTheDemo() throws Exception {
		greenMail.purgeEmailFromAllMailboxes();
		DemoGenerator.generate(root, LAST_MONTH, DemoGenerator.DEFAULT_SEED);
	}

	/**
	 * The first message received whose subject matches, waiting up to a minute for it.
	 */
	protected static MimeMessage awaitMessage(Predicate<String> subject) {
		return await().atMost(Duration.ofMinutes(1))
			.until(() -> List.of(greenMail.getReceivedMessages())
				.stream()
				.filter((message) -> subject.test(subjectOf(message)))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	/** The id of the last run of a job. */
	protected long lastRun(String job) {
		return this.jdbc.sql("SELECT MAX(id) FROM run WHERE job_name = ?").param(job).query(Long.class).single();
	}

	private static String subjectOf(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static GreenMail startServer() {
		GreenMail server = new GreenMail(MailServers.onFreePort(ServerSetup.PROTOCOL_SMTP));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
