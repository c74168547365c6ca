package io.ratchet.alert;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

import io.ratchet.cli.CommandLine;
import io.ratchet.test.DemoMailTests;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's requirement in the business's terms, end to end through a real SMTP server
 * (GreenMail): the generated demo's back-test breaches the maximum on the false-positive
 * rate in its drifted months, and the alert e-mail that arrives names it in the
 * business's words; its attached {@code metrics.csv} has the business columns.
 */
class AlertDemoSmtpTests extends DemoMailTests {

	@Test
	void theDemosFalsePositiveBreachArrivesNamedInTheBusinesssWords() throws Exception {
		// given: the demo (DemoMailTests)

		// when
		int exitCode = this.commandLine.run("backtest", "--dataset", "churn");

		// then: the champion breaches the false-positive maximum in the drifted months
		assertThat(exitCode).isEqualTo(CommandLine.BREACHED);
		long runId = lastRun("backtest");
		List<Object[]> breaches = this.jdbc.sql("""
				SELECT b.period, b.val, b.bound FROM breach b JOIN run_model r ON r.run_id = b.run_id
					AND r.model_version_id = b.model_version_id AND r.role = 'champion'
				WHERE b.run_id = ? AND b.metric = 'false_positive_rate' ORDER BY b.val DESC""")
			.param(runId)
			.query((rs, i) -> new Object[] { rs.getString(1).trim(), rs.getDouble(2), rs.getDouble(3) })
			.list();
		assertThat(breaches).extracting((b) -> b[0])
			.containsExactlyInAnyOrder("2026-07", "2026-08", "2026-09", "2026-10");
		String bound = BigDecimal.valueOf((double) breaches.get(0)[2])
			.movePointRight(2)
			.stripTrailingZeros()
			.toPlainString() + "%";

		// and the alert arrives, naming it as the business says it, worst month first
		MimeMessage message = awaitMessage((subject) -> subject.startsWith("[ratchet] churn: champion "));
		String text = AlertOutboxTests.textOf(message).replace("\r\n", "\n");
		StringBuilder lines = new StringBuilder("  false positives (false_positive_rate)\n");
		for (Object[] breach : breaches) {
			lines.append(
					String.format(Locale.ROOT, "    %-8s %.1f%% > %s\n", breach[0], (double) breach[1] * 100, bound));
		}
		assertThat(text).contains(lines.toString());
		// the subject names the worst breach relative to its bound: the Brier score's
		assertThat(message.getSubject()).startsWith("[ratchet] churn: champion churn-logit@1 brier ");
		// the metrics attached, with a column for every figure in the business's terms
		String header = Files.readAllLines(root.resolve("reports/backtest/" + runId + "/metrics.csv")).get(0);
		assertThat(List.of(header.split(","))).contains("threshold", "tp", "fp", "tn", "fn", "false_positive_rate",
				"false_negative_rate", "specificity", "balanced_accuracy", "mcc", "precision_top5pct", "recall_top5pct",
				"lift_top5pct", "precision_top10pct", "recall_top10pct", "lift_top10pct", "business_value",
				"business_value_per_row");
	}

}
