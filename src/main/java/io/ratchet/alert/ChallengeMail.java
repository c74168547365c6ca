package io.ratchet.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import io.ratchet.report.RunPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A short e-mail about a challenge run (a candidate promoted, or eligible and waiting),
 * sent to the dataset's alert recipients through the same outbox and delivery as alerts:
 * once per run (idempotency key), retried like any alert, written to
 * {@code reports/outbox/} when no SMTP host is configured. Kind {@code challenge} in the
 * outbox and in {@code jobs/alerts}.
 */
@Component
public class ChallengeMail {

	/** The outbox kind of these messages. */
	public static final String KIND = "challenge";

	private static final Logger log = LoggerFactory.getLogger(ChallengeMail.class);

	private static final Session SESSION = Session.getInstance(new Properties());

	private final Outbox outbox;

	private final Alerts alerts;

	private final AlertProperties properties;

	ChallengeMail(Outbox outbox, Alerts alerts, AlertProperties properties) {
		this.outbox = outbox;
		this.alerts = alerts;
		this.properties = properties;
	}

	/**
	 * Queues the plain-text e-mail of a challenge run (once per run and audience) and
	 * delivers what is pending.
	 * @return whether a message was queued now (false: no recipients, or queued by an
	 * earlier attempt)
	 */
	public boolean send(long runId, String dataset, String subject, String body) {
		return send(runId, dataset, subject, body, null, null);
	}

	/**
	 * Queues the e-mail of a challenge run (once per run and audience) and delivers what
	 * is pending: the text, and the run's report page in the e-mail form of the alerts
	 * (same template, charts inline).
	 * @param page the run's report page, or {@code null} for text only
	 * @param link the report's address, or {@code null}
	 * @return whether a message was queued now (false: no recipients, or queued by an
	 * earlier attempt)
	 */
	public boolean send(long runId, String dataset, String subject, String body, RunPage page, String link) {
		return send(KIND, runId, dataset, subject, body, page, link);
	}

	/**
	 * Queues a short e-mail of another kind about a run (once per run, kind and audience)
	 * through the same outbox, and delivers what is pending; the now-test's early
	 * warnings ({@code early-warning}) go this way.
	 * @param kind the outbox kind, in {@code jobs/alerts} and the {@code X-Ratchet-Alert}
	 * header
	 * @return whether a message was queued now
	 */
	public boolean send(String kind, long runId, String dataset, String subject, String body) {
		return send(kind, runId, dataset, subject, body, null, null);
	}

	private boolean send(String kind, long runId, String dataset, String subject, String body, RunPage page,
			String link) {
		List<String> recipients = this.properties.recipientsOf(dataset);
		if (recipients.isEmpty()) {
			log.warn("no recipients for dataset {} (ratchet.alerts.recipients.{}): the {} e-mail of run {} is"
					+ " not sent: {}", dataset, dataset, kind, runId, subject);
			return false;
		}
		OutboxAddress address = OutboxAddress.of(runId, kind, recipients, this.properties.from());
		boolean queued = false;
		if (!this.outbox.contains(address.key())) {
			LocalDateTime now = LocalDateTime.now();
			this.outbox.add(address.key(), runId, kind, dataset, subject, recipients, address.messageId(),
					build(kind, runId, subject, body, page, link, recipients, address.messageId(), now), now);
			queued = true;
		}
		this.alerts.deliverPending();
		return queued;
	}

	private byte[] build(String kind, long runId, String subject, String body, RunPage page, String link,
			List<String> recipients, String messageId, LocalDateTime now) {
		try {
			MimeMessage message = new MimeMessage(SESSION) {
				@Override
				protected void updateMessageID() throws MessagingException {
					setHeader("Message-ID", messageId);
				}
			};
			message.setFrom(new InternetAddress(this.properties.from(), true));
			message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", recipients), true));
			message.setSubject(subject, "UTF-8");
			message.setSentDate(Date.from(now.atZone(ZoneId.systemDefault()).toInstant()));
			message.setHeader("Auto-Submitted", "auto-generated");
			message.setHeader("X-Ratchet-Run", Long.toString(runId));
			message.setHeader("X-Ratchet-Alert", kind);
			if (page == null) {
				message.setText(body, "UTF-8");
			}
			else {
				MimeMultipart alternative = new MimeMultipart("alternative");
				MimeBodyPart plain = new MimeBodyPart();
				plain.setText(body, "UTF-8");
				alternative.addBodyPart(plain);
				alternative.addBodyPart(AlertMessage.htmlWithCharts(AlertHtml.render(page, subject, link, null)));
				message.setContent(alternative);
			}
			message.saveChanges();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			message.writeTo(bytes);
			return bytes.toByteArray();
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("cannot build the " + kind + " e-mail of run " + runId + ": " + ex, ex);
		}
	}

}
