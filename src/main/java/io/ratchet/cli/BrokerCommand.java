package io.ratchet.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

import io.ratchet.remote.BrokerProperties;
import io.ratchet.remote.EmbeddedBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/broker}: runs an embedded ActiveMQ Artemis broker ({@link EmbeddedBroker})
 * until SIGTERM or SIGINT, for one host or a test.
 */
@Component
class BrokerCommand implements Command<BrokerCommand.Arguments> {

	private static final Logger log = LoggerFactory.getLogger(BrokerCommand.class);

	private final BrokerProperties properties;

	BrokerCommand(BrokerProperties properties) {
		this.properties = properties;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		CountDownLatch stopped = new CountDownLatch(1);
		try (EmbeddedBroker broker = EmbeddedBroker.start(this.properties)) {
			StopSignals.handle(stopped::countDown, () -> System.exit(CommandLine.FAILED));
			out.println("Broker started: listening on " + this.properties.listen() + ", journal in "
					+ this.properties.journal() + ". Stop it with SIGTERM or Ctrl-C.");
			log.info("broker started on {}", this.properties.listen());
			stopped.await();
			log.info("broker stopping");
		}
		catch (IllegalArgumentException ex) {
			System.err.println("ratchet broker: " + ex.getMessage());
			return CommandLine.USAGE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			throw new IllegalStateException("the broker failed: " + ex.getMessage(), ex);
		}
		return CommandLine.OK;
	}

	/** {@code jobs/broker}'s options (none: settings as --name=value). */
	@picocli.CommandLine.Command(name = "broker",
			description = "An embedded ActiveMQ Artemis broker for remote partitioning (one host or a test): "
					+ "listens on ratchet.broker.listen, journal in ratchet.broker.journal; user and password from "
					+ "RATCHET_BROKER_USER / RATCHET_BROKER_PASSWORD or secret files.")
	interface Arguments {

	}

}
