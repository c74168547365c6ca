package io.ratchet.alert;

import java.nio.file.Files;
import java.util.List;

import io.ratchet.cli.CommandLine;
import io.ratchet.test.DemoMailTests;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's segment breach end to end through a real SMTP server (GreenMail): the
 * generated demo is segmented by region and plan, and the south region's ROC AUC falls
 * below its own bound in months whose overall figure meets the overall bound; the
 * back-test stores the breach named with its segment and the alert e-mail that arrives
 * names it.
 */
class SegmentAlertSmtpTests extends DemoMailTests {

	@Test
	void theDemosSegmentBreachTheOverallFigureHidesArrivesNamedWithItsSegment() throws Exception {
		// given: the demo (DemoMailTests), segmented by region and plan, with a bound on
		// the south region, whose churn follows the features less in the 4 months before
		// the drift

		// when
		int exitCode = this.commandLine.run("backtest", "--dataset", "churn");

		// then: south breaches, named with its segment, in the 4 months before the drift
		// too, where the champion's overall ROC AUC meets its bound
		assertThat(exitCode).isEqualTo(CommandLine.BREACHED);
		long runId = lastRun("backtest");
		assertThat(championBreaches(runId, "b.metric LIKE '% in %'")).extracting((b) -> b[1])
			.containsOnly("roc_auc in region=south");
		List<String> southMonths = championBreaches(runId, "b.metric = 'roc_auc in region=south'").stream()
			.map((b) -> b[0])
			.toList();
		List<String> overallMonths = championBreaches(runId, "b.metric = 'roc_auc'").stream().map((b) -> b[0]).toList();
		assertThat(southMonths).contains("2026-03", "2026-04", "2026-05", "2026-06");
		assertThat(overallMonths).doesNotContain("2026-03", "2026-04", "2026-05", "2026-06").contains("2026-10");
		assertThat(this.jdbc.sql("SELECT COUNT(DISTINCT segment_level) FROM segment_period WHERE run_id = ?")
			.param(runId)
			.query(Long.class)
			.single()).as("the demo's 4 regions, (missing) and 3 plans").isEqualTo(8);

		// and the alert arrives, naming the segment
		MimeMessage message = awaitMessage((subject) -> subject.startsWith("[ratchet] churn: champion "));
		String text = AlertOutboxTests.textOf(message).replace("\r\n", "\n");
		assertThat(text).contains("roc_auc in region=south");
		assertThat(Files.readAllLines(root.resolve("reports/backtest/" + runId + "/segments.csv")).get(0))
			.startsWith("run,dataset,model,version,period,segment_column,segment_level,rows,verdict,");
	}

	/** The champion's breaches of a run matching {@code condition}: period, metric. */
	private List<String[]> championBreaches(long runId, String condition) {
		return this.jdbc.sql("""
				SELECT b.period, b.metric FROM breach b JOIN run_model r ON r.run_id = b.run_id
					AND r.model_version_id = b.model_version_id AND r.role = 'champion'
				WHERE b.run_id = ? AND\s""" + condition)
			.param(runId)
			.query((rs, i) -> new String[] { rs.getString(1).trim(), rs.getString(2) })
			.list();
	}

}
