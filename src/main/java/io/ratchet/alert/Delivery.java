package io.ratchet.alert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import io.ratchet.data.AtomicFiles;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Where an alert goes: to the SMTP server (Spring's {@link JavaMailSender}, configured by
 * {@code spring.mail.*}), or, when no SMTP host is configured, into an {@code .eml} file
 * under {@code reports/outbox/}.
 */
interface Delivery {

	/**
	 * Delivers the stored message and calls {@code accepted} with where it went as soon
	 * as it is there (for SMTP: right after the server's reply to the message, before the
	 * connection is closed), so that it is recorded with the least possible delay: a
	 * process killed in between sends it again.
	 * @return where it went, e.g. {@code smtp://mail.example.com:587} or the file's path
	 */
	String deliver(Outbox.Entry entry, Consumer<String> accepted) throws Exception;

	/**
	 * Sends through the SMTP server; the message keeps the Message-ID it was built with.
	 */
	record Smtp(JavaMailSender sender) implements Delivery {

		@Override
		public String deliver(Outbox.Entry entry, Consumer<String> accepted) throws MessagingException {
			MimeMessage message = AlertMessage.parse(new ByteArrayInputStream(entry.message()), entry.messageId());
			String where = describe();
			if (!(this.sender instanceof JavaMailSenderImpl impl)) {
				this.sender.send(message);
				accepted.accept(where);
				return where;
			}
			// JavaMailSenderImpl.send would also wait for the server's reply to QUIT
			// before returning
			message.saveChanges();
			Transport transport = impl.getSession()
				.getTransport((impl.getProtocol() != null) ? impl.getProtocol() : "smtp");
			transport.connect(impl.getHost(), impl.getPort(), impl.getUsername(), impl.getPassword());
			try {
				transport.sendMessage(message, message.getAllRecipients());
				accepted.accept(where);
			}
			finally {
				try {
					transport.close();
				}
				catch (MessagingException ex) {
					// delivered and recorded: a failed QUIT changes nothing
				}
			}
			return where;
		}

		String describe() {
			if (this.sender instanceof JavaMailSenderImpl impl) {
				return impl.getProtocol() + "://" + impl.getHost() + ((impl.getPort() > 0) ? ":" + impl.getPort() : "");
			}
			return "smtp";
		}

	}

	/**
	 * Writes {@code
	 *
	<dir>
	 * /<run>-<kind>-<id>.eml}, aside then moved into place, so a reader never sees half a
	 * message; writing the same alert again replaces the file with the same bytes.
	 */
	record File(Path dir) implements Delivery {

		@Override
		public String deliver(Outbox.Entry entry, Consumer<String> accepted) throws IOException {
			Files.createDirectories(this.dir);
			Path target = this.dir.resolve(entry.runId() + "-" + entry.kind() + "-" + entry.id() + ".eml");
			AtomicFiles.write(target, entry.message());
			accepted.accept(target.toString());
			return target.toString();
		}

	}

}
