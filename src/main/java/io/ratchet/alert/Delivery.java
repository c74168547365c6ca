package io.ratchet.alert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.ratchet.data.AtomicFiles;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Where an alert goes: to the SMTP server (Spring's {@link JavaMailSender}, configured by {@code spring.mail.*}), or,
 * when no SMTP host is configured, into an {@code .eml} file under {@code reports/outbox/}.
 */
interface Delivery {

	/**
	 * Delivers the stored message.
	 * @return where it went, e.g. {@code smtp://mail.example.com:587} or the file's path
	 */
	String deliver(Outbox.Entry entry) throws Exception;

	/** Sends through the SMTP server; the message keeps the Message-ID it was built with. */
	record Smtp(JavaMailSender sender) implements Delivery {

		@Override
		public String deliver(Outbox.Entry entry) throws MessagingException {
			MimeMessage message = AlertMessage.parse(new ByteArrayInputStream(entry.message()), entry.messageId());
			this.sender.send(message);
			return describe();
		}

		String describe() {
			if (this.sender instanceof JavaMailSenderImpl impl) {
				return impl.getProtocol() + "://" + impl.getHost() + ((impl.getPort() > 0) ? ":" + impl.getPort() : "");
			}
			return "smtp";
		}

	}

	/**
	 * Writes {@code <dir>/<run>-<kind>-<id>.eml}, aside then moved into place, so a reader never sees half a message;
	 * writing the same alert again replaces the file with the same bytes.
	 */
	record File(Path dir) implements Delivery {

		@Override
		public String deliver(Outbox.Entry entry) throws IOException {
			Files.createDirectories(this.dir);
			Path target = this.dir.resolve(entry.runId() + "-" + entry.kind() + "-" + entry.id() + ".eml");
			AtomicFiles.write(target, entry.message());
			return target.toString();
		}

	}

}
