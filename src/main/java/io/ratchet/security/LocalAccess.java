package io.ratchet.security;

import java.nio.file.Path;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What another user of the host can reach, settled at start-up before any bean, socket or
 * connection exists:
 * <ul>
 * <li>no H2 server socket beyond loopback: {@code h2.bindAddress} is 127.0.0.1 in every
 * Ratchet process, so the TCP server that {@code AUTO_SERVER=TRUE} opens (for the other
 * commands to share the daemon's database file) listens on 127.0.0.1 only; a second host
 * needs PostgreSQL;</li>
 * <li>no embedded database without a password: for an H2 file URL with no password
 * configured, the application connects as {@link EmbeddedDatabase#APPLICATION} (rows
 * only) and the migrations as {@link EmbeddedDatabase#ADMIN}, with the passwords of the
 * owner-only credentials file beside the database (the migrations' connections create the
 * application user: {@link EmbeddedDatabase#applicationUserStatements()});</li>
 * <li>Ratchet's state folder {@code .ratchet/} (database, logs, generated credentials)
 * owner-only: created {@code rwx------}, and anything in it that group or others could
 * reach is closed at every start.</li>
 * </ul>
 * A configured password ({@code spring.datasource.password}, or another user than
 * {@code sa}) is left as it is. Registered in {@code META-INF/spring.factories}; the
 * socket and folder part runs when the environment is prepared, after the configuration
 * and logging are set up (the log file under {@code .ratchet/logs/} exists then) and
 * before {@link CredentialsCheck}; the database part when the context is prepared, before
 * any bean is made.
 */
public class LocalAccess implements ApplicationListener<SpringApplicationEvent>, Ordered {

	/**
	 * The folder of Ratchet's local state, relative to the working directory (the project
	 * root).
	 */
	public static final Path STATE = Path.of(".ratchet");

	/**
	 * Binds H2's server sockets to loopback; called first thing by {@code main} too,
	 * before H2 is loaded.
	 */
	public static void loopbackOnly() {
		System.setProperty("h2.bindAddress", "127.0.0.1");
	}

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent) {
			loopbackOnly();
			OwnerOnly.tree(STATE);
		}
		else if (event instanceof ApplicationPreparedEvent prepared) {
			// the context's own environment, final: Boot may have replaced the one of the
			// event above by a copy,
			// and a test's @DynamicPropertySource is only in this one
			apply(prepared.getApplicationContext().getEnvironment());
		}
	}

	/**
	 * Puts the generated credentials in force when the database is an embedded H2 file
	 * without a password (worked out when the settings are first read:
	 * {@link EmbeddedDatabaseSettings}).
	 */
	static void apply(ConfigurableEnvironment environment) {
		if (!environment.getPropertySources().contains(EmbeddedDatabaseSettings.NAME)) {
			environment.getPropertySources().addFirst(new EmbeddedDatabaseSettings(environment));
		}
	}

	@Override
	public int getOrder() {
		// after config data (+10) and logging (+20), before CredentialsCheck (+30)
		return Ordered.HIGHEST_PRECEDENCE + 25;
	}

}
