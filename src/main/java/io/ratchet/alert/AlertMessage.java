package io.ratchet.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import io.ratchet.report.ReportChart;

/**
 * Builds an alert as a complete MIME message (Jakarta Mail): {@code multipart/mixed}
 * holding a {@code multipart/alternative} (plain text, then a {@code multipart/related}
 * of the HTML and its inline charts, see {@link AlertHtml}) and the run's metrics CSV as
 * an attachment. The Message-ID is fixed by the caller (derived from the alert's
 * idempotency key), so the stored bytes, a retry and an {@code .eml} file all carry the
 * same one and a mail client can collapse a rare duplicate.
 */
final class AlertMessage {

	private static final Session SESSION = Session.getInstance(new Properties());

	private AlertMessage() {
	}

	/** The message's bytes, ready for the outbox. */
	static byte[] build(AlertReport report, String from, List<String> recipients, String messageId, Instant date) {
		AlertText text = new AlertText(report);
		try {
			MimeMessage message = new FixedIdMessage(messageId);
			message.setFrom(new InternetAddress(from, true));
			message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", recipients), true));
			message.setSubject(text.subject(), "UTF-8");
			message.setSentDate(Date.from(date));
			message.setHeader("Auto-Submitted", "auto-generated");
			message.setHeader("X-Ratchet-Run", Long.toString(report.runId()));
			message.setHeader("X-Ratchet-Alert", report.kind().slug());

			MimeMultipart alternative = new MimeMultipart("alternative");
			MimeBodyPart plain = new MimeBodyPart();
			plain.setText(text.text(), "UTF-8", "plain");
			alternative.addBodyPart(plain);
			alternative.addBodyPart(htmlWithCharts(AlertHtml.render(report)));
			MimeBodyPart body = new MimeBodyPart();
			body.setContent(alternative);

			MimeMultipart mixed = new MimeMultipart("mixed");
			mixed.addBodyPart(body);
			if (report.metricsCsv() != null && Files.isRegularFile(report.metricsCsv())) {
				MimeBodyPart csv = new MimeBodyPart();
				csv.setDataHandler(new DataHandler(
						new ByteArrayDataSource(Files.readAllBytes(report.metricsCsv()), "text/csv; charset=UTF-8")));
				csv.setFileName(report.attachmentName());
				csv.setDisposition(Part.ATTACHMENT);
				// base64 keeps the file's bytes (and line ends) exactly as the report
				// wrote them
				csv.setHeader("Content-Transfer-Encoding", "base64");
				mixed.addBodyPart(csv);
			}
			message.setContent(mixed);
			message.saveChanges();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			message.writeTo(bytes);
			return bytes.toByteArray();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("cannot build the alert for run " + report.runId() + ": " + ex.getMessage(),
					ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot build the alert for run " + report.runId(), ex);
		}
	}

	/**
	 * The HTML and its charts as {@code multipart/related}: the HTML first, then each
	 * chart inline with its file name as Content-ID, which the HTML references as
	 * {@code cid:<file>}.
	 */
	static MimeBodyPart htmlWithCharts(AlertHtml.Rendered rendered) throws MessagingException {
		MimeBodyPart html = new MimeBodyPart();
		html.setText(rendered.html(), "UTF-8", "html");
		if (rendered.images().isEmpty()) {
			return html;
		}
		MimeMultipart related = new MimeMultipart("related");
		related.addBodyPart(html);
		for (ReportChart chart : rendered.images()) {
			MimeBodyPart image = new MimeBodyPart();
			image.setDataHandler(new DataHandler(new ByteArrayDataSource(chart.png(), "image/png")));
			image.setContentID("<" + chart.file() + ">");
			image.setDisposition(Part.INLINE);
			image.setFileName(chart.file());
			image.setHeader("Content-Transfer-Encoding", "base64");
			related.addBodyPart(image);
		}
		MimeBodyPart part = new MimeBodyPart();
		part.setContent(related);
		return part;
	}

	/**
	 * Reads stored bytes back into a message that keeps its Message-ID when saved again.
	 */
	static MimeMessage parse(InputStream bytes, String messageId) throws MessagingException {
		return new FixedIdMessage(bytes, messageId);
	}

	/** A message whose Message-ID is never replaced by a generated one. */
	private static final class FixedIdMessage extends MimeMessage {

		private final String messageId;

		FixedIdMessage(String messageId) {
			super(SESSION);
			this.messageId = messageId;
		}

		FixedIdMessage(InputStream bytes, String messageId) throws MessagingException {
			super(SESSION, bytes);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
