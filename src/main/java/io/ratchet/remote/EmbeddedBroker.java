package io.ratchet.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Set;

import io.ratchet.security.OwnerOnly;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * The ActiveMQ Artemis broker {@code jobs/broker} runs in its own JVM, for one host or a
 * test: a persistent journal in {@code ratchet.broker.journal} (owner-only, so requests
 * survive a broker restart), one acceptor at {@code ratchet.broker.listen} (loopback
 * unless configured), and one user, {@code ratchet.broker.user} with
 * {@code ratchet.broker.password}, for every node. A site with a broker of its own points
 * {@code ratchet.broker.url} at it instead.
 */
public final class EmbeddedBroker implements AutoCloseable {

	private final EmbeddedActiveMQ server;

	private EmbeddedBroker(EmbeddedActiveMQ server) {
		this.server = server;
	}

	/**
	 * Starts the broker.
	 * @throws IllegalArgumentException when no password is set
	 * @throws IOException when the journal's folder cannot be made
	 */
	public static EmbeddedBroker start(BrokerProperties properties) throws Exception {
		if (properties.password() == null || properties.password().isBlank()) {
			throw new IllegalArgumentException("the broker needs a password: set RATCHET_BROKER_PASSWORD or a "
					+ "secret file ratchet.broker.password (README, Several machines)");
		}
		Path journal = OwnerOnly.folder(properties.journal());
		Configuration configuration = new ConfigurationImpl().setName("ratchet")
			.setPersistenceEnabled(true)
			.setJournalType(JournalType.NIO)
			.setJournalDirectory(journal.resolve("journal").toString())
			.setBindingsDirectory(journal.resolve("bindings").toString())
			.setPagingDirectory(journal.resolve("paging").toString())
			.setLargeMessagesDirectory(journal.resolve("large-messages").toString())
			.setNodeManagerLockDirectory(journal.toString())
			.setJMXManagementEnabled(false)
			.setSecurityEnabled(true)
			.addAcceptorConfiguration("ratchet", properties.listen());
		EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration)
			.setSecurityManager(new OneUser(properties.user(), properties.password()));
		server.start();
		OwnerOnly.tree(journal);
		return new EmbeddedBroker(server);
	}

	@Override
	public void close() throws Exception {
		this.server.stop();
	}

	/** The one user every node connects as; the password compared in constant time. */
	private record OneUser(String user, String password) implements ActiveMQSecurityManager {

		@Override
		public boolean validateUser(String user, String password) {
			return this.user.equals(user) && password != null && MessageDigest
				.isEqual(this.password.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
			return validateUser(user, password);
		}

		@Override
		public String toString() {
			return "OneUser[" + this.user + "]";
		}

	}

}
