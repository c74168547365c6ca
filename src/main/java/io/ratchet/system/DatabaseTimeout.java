package io.ratchet.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ratchet.security.EmbeddedDatabase;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A hung process serving the database is reported within seconds, not waited for forever.
 * The embedded H2 file is shared between processes through H2's {@code AUTO_SERVER}: the
 * first process to open it serves it over a loopback socket (its address in the
 * {@code .lock.db} file beside the database), and every other command's statements go
 * through that socket. When that process is stopped ({@code Ctrl-Z}, {@code kill -STOP},
 * a debugger) or hung, the kernel still accepts connections, and H2's client waits for an
 * answer that never comes: both when it connects (H2 asks the lock file's server whether
 * it is alive, with no read timeout) and on every statement after (no read timeout unless
 * the URL sets {@code NETWORK_TIMEOUT}, milliseconds; its connect timeout,
 * {@code h2.socketConnectTimeout}, covers only a refused or unreachable port). So, before
 * any bean exists:
 * <ul>
 * <li>every H2 URL that reaches the database over the network ({@code AUTO_SERVER=TRUE},
 * {@code jdbc:h2:tcp:}, {@code jdbc:h2:ssl:}) gets {@code NETWORK_TIMEOUT} of
 * {@link #NETWORK_TIMEOUT} unless it sets one itself: a process that stops answering in
 * the middle of a run fails the statement, told as a database that does not answer
 * ({@link Failures#describe});</li>
 * <li>when another process serves the embedded file (its lock file names a server), one
 * connection is tried on a thread of its own for at most {@link #NETWORK_TIMEOUT}: with
 * no answer by then the command stops with a message naming the database, the server's
 * address and what to do.</li>
 * </ul>
 * Ten seconds is well above H2's lock timeout (2 s, the longest a statement waits for
 * another's rows before it fails by itself) and the longest statement Ratchet sends; a
 * URL that needs more sets its own {@code NETWORK_TIMEOUT}. Registered in
 * {@code META-INF/spring.factories}: the URLs get their timeout when the environment is
 * prepared, before {@code LocalAccess}'s settings derive the pool's and the migrations'
 * URLs from them; the probe runs when the context is prepared, after {@code LocalAccess}
 * (so with the URL and credentials the pool will use) and before any bean is made.
 */
public class DatabaseTimeout implements ApplicationListener<SpringApplicationEvent>, Ordered {

	/** The longest a statement sent to H2 over the network waits for its answer. */
	public static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(10);

	static final String SOURCE = "ratchetDatabaseTimeout";

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			// before LocalAccess's settings exist (context prepared): they derive the
			// pool's and the migrations' URLs
			// from this one
			apply(prepared.getEnvironment());
		}
		else if (event instanceof ApplicationPreparedEvent prepared) {
			// the context's final environment: the URL and credentials the pool will use
			ConfigurableEnvironment environment = prepared.getApplicationContext().getEnvironment();
			probe(environment.getProperty("spring.datasource.url"),
					environment.getProperty("spring.datasource.username", ""),
					environment.getProperty("spring.datasource.password", ""), NETWORK_TIMEOUT);
		}
	}

	/**
	 * When another process serves the embedded H2 file at {@code url}
	 * ({@code AUTO_SERVER}, and its lock file names a server), connects once on a thread
	 * of its own and waits at most {@code timeout} for it. A connection that fails
	 * (refused, a bad password) is left to the application's own connection, which tells
	 * why.
	 * @throws IllegalStateException naming the database and the server when it does not
	 * answer in time
	 */
	static void probe(String url, String user, String password, Duration timeout) {
		Path database = (url != null && url.toUpperCase(Locale.ROOT).contains(";AUTO_SERVER=TRUE"))
				? EmbeddedDatabase.fileOf(url).orElse(null) : null;
		String server = (database != null) ? server(database.resolveSibling(database.getFileName() + ".lock.db"))
				: null;
		if (server == null) {
			return; // this process opens the file itself: nobody to wait for
		}
		FutureTask<Void> attempt = new FutureTask<>(() -> {
			try (Connection ignored = DriverManager.getConnection(url, user, password)) {
				return null;
			}
		});
		Thread thread = new Thread(attempt, "database-probe");
		// left blocked on a hung server: it must not keep the process alive
		thread.setDaemon(true);
		thread.start();
		try {
			attempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			String port = server.substring(server.lastIndexOf(':') + 1);
			throw new IllegalStateException("the embedded database " + database + " is served by another process (H2 "
					+ "AUTO_SERVER at " + server + ", named in its .lock.db file) that does not answer within "
					+ timeout.toSeconds() + " s: that process (the scheduler daemon or another Ratchet command; "
					+ "ss -ltnp 'sport = :" + port + "' names it) is stopped (Ctrl-Z, kill -STOP, a debugger) or "
					+ "hung. Resume or end it, then run the command again");
		}
		catch (ExecutionException ex) {
			// not a hang: the application's own connection fails the same way and says
			// why
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The {@code server} (host:port) an H2 lock file names, or {@code null} when there is
	 * none.
	 */
	private static String server(Path lockFile) {
		if (!Files.isRegularFile(lockFile)) {
			return null;
		}
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(lockFile)) {
			properties.load(in);
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
		String server = properties.getProperty("server");
		return (server != null && !server.isBlank()) ? server.strip() : null;
	}

	/**
	 * Puts {@code NETWORK_TIMEOUT} into the datasource's and the migrations' H2 URLs that
	 * reach H2 remotely.
	 */
	static void apply(ConfigurableEnvironment environment) {
		Map<String, Object> settings = new LinkedHashMap<>();
		for (String key : List.of("spring.datasource.url", "spring.flyway.url")) {
			String url = environment.getProperty(key);
			if (url != null) {
				String timed = withTimeout(url, NETWORK_TIMEOUT);
				if (!timed.equals(url)) {
					settings.put(key, timed);
				}
			}
		}
		if (!settings.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, settings));
		}
	}

	/**
	 * The URL with {@code ;NETWORK_TIMEOUT=<ms>} when it is an H2 URL reaching the
	 * database over the network and sets no network timeout itself; otherwise the URL
	 * unchanged.
	 */
	public static String withTimeout(String url, Duration timeout) {
		String upper = url.toUpperCase(Locale.ROOT);
		boolean remote = upper.startsWith("JDBC:H2:TCP:") || upper.startsWith("JDBC:H2:SSL:")
				|| (upper.startsWith("JDBC:H2:") && upper.contains(";AUTO_SERVER=TRUE"));
		if (!remote || upper.contains(";NETWORK_TIMEOUT=")) {
			return url;
		}
		return url + ";NETWORK_TIMEOUT=" + timeout.toMillis();
	}

	@Override
	public int getOrder() {
		// after LocalAccess (+25) and CredentialsCheck (+30): LocalAccess installs its
		// database settings when the
		// context is prepared, and they read the URL given the timeout when the
		// environment was
		return Ordered.HIGHEST_PRECEDENCE + 35;
	}

}
