package io.ratchet.remote;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the message broker of remote partitioning is, and how to reach it. The password
 * is never written in a file of the project: {@code RATCHET_BROKER_PASSWORD} in the
 * environment or a secret file {@code ratchet.broker.password} (the same secrets folder
 * as the database's, README, Security).
 *
 * @param url the broker every node connects to (managers and workers)
 * @param user the broker's user
 * @param password its password; {@code jobs/broker} refuses to start without one
 * @param listen where {@code jobs/broker} accepts connections (loopback unless
 * configured)
 * @param journal the folder of {@code jobs/broker}'s persistent journal (owner-only)
 */
@ConfigurationProperties("ratchet.broker")
public record BrokerProperties(@DefaultValue("tcp://127.0.0.1:61616") String url, @DefaultValue("ratchet") String user,
		@DefaultValue("") String password, @DefaultValue("tcp://127.0.0.1:61616") String listen,
		@DefaultValue(".ratchet/broker") Path journal) {

	/** The queue the partition requests travel on. */
	public static final String QUEUE = "ratchet.backtest.partitions";

}
