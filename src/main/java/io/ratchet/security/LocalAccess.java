package io.ratchet.security;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What another user of the host can reach, settled at start-up before any bean, socket or connection exists:
 * <ul>
 * <li>no H2 server socket beyond loopback: {@code h2.bindAddress} is 127.0.0.1 in every Ratchet process, so the TCP
 * server that {@code AUTO_SERVER=TRUE} opens (for the other commands to share the daemon's database file) listens on
 * 127.0.0.1 only; a second host needs PostgreSQL;</li>
 * <li>no embedded database without a password: for an H2 file URL with no password configured, the application
 * connects as {@link EmbeddedDatabase#APPLICATION} (rows only) and the migrations as {@link EmbeddedDatabase#ADMIN},
 * with the passwords of the owner-only credentials file beside the database (the migrations' connections create the
 * application user: {@link EmbeddedDatabase#applicationUserStatements()});</li>
 * <li>Ratchet's state folder {@code .ratchet/} (database, logs, generated credentials) owner-only: created
 * {@code rwx------}, and anything in it that group or others could reach is closed at every start.</li>
 * </ul>
 * A configured password ({@code spring.datasource.password}, or another user than {@code sa}) is left as it is.
 * Registered in {@code META-INF/spring.factories}; runs after the configuration and logging are set up (the log file
 * under {@code .ratchet/logs/} exists then) and before {@link CredentialsCheck}.
 */
public class LocalAccess implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** The folder of Ratchet's local state, relative to the working directory (the project root). */
	public static final Path STATE = Path.of(".ratchet");

	static final String SOURCE = "ratchetEmbeddedDatabase";

	/** Binds H2's server sockets to loopback; called first thing by {@code main} too, before H2 is loaded. */
	public static void loopbackOnly() {
		System.setProperty("h2.bindAddress", "127.0.0.1");
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		loopbackOnly();
		OwnerOnly.tree(STATE);
		apply(event.getEnvironment());
	}

	/** Puts the generated credentials in force when the database is an embedded H2 file without a password. */
	static void apply(ConfigurableEnvironment environment) {
		String url = environment.getProperty("spring.datasource.url");
		String user = environment.getProperty("spring.datasource.username", "");
		String password = environment.getProperty("spring.datasource.password", "");
		boolean defaultUser = user.isEmpty() || EmbeddedDatabase.ADMIN.equalsIgnoreCase(user);
		if (EmbeddedDatabase.fileOf(url).isEmpty() || !password.isEmpty() || !defaultUser
				|| environment.containsProperty("spring.flyway.user")) {
			return;
		}
		EmbeddedDatabase database = EmbeddedDatabase.of(url);
		Map<String, Object> settings = new LinkedHashMap<>();
		// the URL as resolved once (a ${random.uuid} in it would otherwise name another database at every reading);
		// only the migrations may create the database: the application user would be its administrator
		settings.put("spring.flyway.url", url);
		settings.put("spring.datasource.url", url.toUpperCase(Locale.ROOT).contains(";IFEXISTS=") ? url
				: url + ";IFEXISTS=TRUE");
		settings.put("spring.datasource.username", EmbeddedDatabase.APPLICATION);
		settings.put("spring.datasource.password", database.applicationPassword());
		settings.put("spring.flyway.user", EmbeddedDatabase.ADMIN);
		settings.put("spring.flyway.password", database.adminPassword());
		List<String> init = database.applicationUserStatements();
		for (int i = 0; i < init.size(); i++) {
			settings.put("spring.flyway.init-sqls[" + i + "]", init.get(i));
		}
		environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, settings));
	}

	@Override
	public int getOrder() {
		// after config data (+10) and logging (+20), before CredentialsCheck (+30)
		return Ordered.HIGHEST_PRECEDENCE + 25;
	}

}
