package io.ratchet.nowtest;

import java.nio.file.Files;
import java.util.List;

import io.ratchet.test.DemoMailTests;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's now-test early warning, end to end through a real SMTP server (GreenMail):
 * the demo's last month has rows still awaiting labels, a campaign's look-alike
 * customers; their performance, estimated from the champion's scores (CBPE), breaches the
 * demo's monthly ROC AUC minimum, and with {@code ratchet.nowtest.early-warning.enabled}
 * the e-mail that arrives says the figures are estimated. The estimates are stored beside
 * the realised figures and shown in the report.
 */
class EarlyWarningSmtpTests extends DemoMailTests {

	@Autowired
	EstimateStore estimates;

	@Test
	void theDemosRowsAwaitingLabelsRaiseAnEarlyWarningThatSaysEstimated() throws Exception {
		// given: the demo (DemoMailTests) as shipped: its last month's rows awaiting
		// labels
		// come from a campaign whose customers look alike, so the champion's scores crowd
		// the uncertain middle and its estimated ROC AUC falls below the monthly minimum
		// (the drift of the labelled rows is in the relationship, which CBPE cannot see)
		assertThat(Files.readString(root.resolve("config/requirements.yml"))).contains("roc_auc: {min: 0.73}");

		// when
		this.commandLine.run("nowtest", "--dataset", "churn");

		// then: the champion's figures are estimated over the rows awaiting labels, and
		// its ROC AUC estimate breaches the demo's own bound
		long runId = lastRun("nowtest");
		List<EstimateStore.StoredEstimate> stored = this.estimates.of(runId);
		assertThat(stored).filteredOn((e) -> e.model().equals("churn-logit@1"))
			.extracting(EstimateStore.StoredEstimate::metric)
			.containsExactlyInAnyOrder("roc_auc", "accuracy", "precision", "recall", "f1");
		assertThat(stored).allSatisfy((e) -> assertThat(e.rowsAwaiting()).isPositive());
		assertThat(stored).as(stored::toString)
			.filteredOn((e) -> e.breached() && e.calibrated() && e.model().equals("churn-logit@1"))
			.extracting(EstimateStore.StoredEstimate::metric)
			.contains("roc_auc");

		// and the early warning arrives, saying it is an estimate
		MimeMessage message = awaitMessage((subject) -> subject.contains("early warning"));
		assertThat(message.getSubject())
			.startsWith("[ratchet] churn: early warning, champion churn-logit@1 estimated ");
		assertThat(message.getHeader("X-Ratchet-Alert")).containsExactly("early-warning");
		assertThat((String) message.getContent()).contains("These figures are estimated, not measured");
		assertThat(Files.readString(root.resolve("reports/nowtest/" + runId + "/index.html")))
			.contains("Estimates before labels arrive");
	}

}
