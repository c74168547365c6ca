package io.ratchet.nowtest;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.ratchet.alert.ChallengeMail;
import io.ratchet.run.RunModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The now-test's early warning: when {@code ratchet.nowtest.early-warning.enabled} is on
 * and the champion's figures <em>estimated</em> on the rows still awaiting labels breach
 * a requirement while its scores are calibrated well enough to be trusted, one e-mail
 * (kind {@code early-warning}, once per run) says so, in words that say it is an
 * estimate, not a measurement. It goes through the alerts' outbox and delivery
 * ({@link ChallengeMail}); it never changes the run's verdict.
 */
@Component
class EarlyWarningMail {

	/** The outbox kind of these messages. */
	static final String KIND = "early-warning";

	private static final Logger log = LoggerFactory.getLogger(EarlyWarningMail.class);

	private final ChallengeMail mail;

	private final EarlyWarningProperties properties;

	EarlyWarningMail(ChallengeMail mail, EarlyWarningProperties properties) {
		this.mail = mail;
		this.properties = properties;
	}

	/**
	 * Sends the early warning of a run when it is enabled and the champion has a trusted
	 * estimated breach.
	 * @return whether one was queued now
	 */
	boolean sendIfBreached(long runId, String dataset, LocalDate asOf, RunModel champion,
			List<EstimateStore.StoredEstimate> estimates, String report) {
		List<EstimateStore.StoredEstimate> breached = estimates.stream()
			.filter((e) -> e.modelVersionId() == champion.id() && e.breached())
			.toList();
		if (breached.isEmpty()) {
			return false;
		}
		if (!breached.get(0).calibrated()) {
			log.info("run {}: estimated breach of {} not warned: its scores are not calibrated enough to trust the"
					+ " estimate", runId, champion.name());
			return false;
		}
		if (!this.properties.enabled()) {
			log.info("run {}: estimated breach of {} (early warnings are off: ratchet.nowtest.early-warning.enabled)",
					runId, champion.name());
			return false;
		}
		EstimateStore.StoredEstimate first = breached.get(0);
		String model = champion.name() + "@" + champion.version();
		String subject = String.format(Locale.ROOT,
				"[ratchet] %s: early warning, champion %s estimated %s %.4f %s %.4f from %d rows awaiting labels"
						+ " (now-test %s)",
				dataset, model, first.metric(), first.estimated(), "MIN".equals(first.boundKind()) ? "<" : ">",
				first.bound(), first.rowsAwaiting(), asOf);
		StringBuilder body = new StringBuilder();
		body.append(String.format(Locale.ROOT,
				"Early warning for %s, champion %s, now-test of %s (run %d).%n%nThese figures are estimated, not"
						+ " measured: %d rows of the window have no label yet, and their performance was estimated"
						+ " from the model's scores alone (confidence-based performance estimation, CBPE), reading"
						+ " each score as the probability that its row is positive.%n%n",
				dataset, model, asOf, runId, first.rowsAwaiting()));
		for (EstimateStore.StoredEstimate e : breached) {
			body.append(String.format(Locale.ROOT, "  estimated %s %.4f, %s %.4f%n", e.metric(), e.estimated(),
					"MIN".equals(e.boundKind()) ? "min" : "max", e.bound()));
		}
		body.append(String.format(Locale.ROOT,
				"%nThe scores' expected calibration error on %d labelled reference rows is %.4f (limit %.4f), so the"
						+ " estimate is trusted; the run's verdict stays what the labelled rows say. The labels, when"
						+ " they arrive, decide.%n%nReport: %s%n",
				first.calibrationRows(), first.calibrationError(), this.properties.maxCalibrationError(), report));
		return this.mail.send(KIND, runId, dataset, subject, body.toString());
	}

}
