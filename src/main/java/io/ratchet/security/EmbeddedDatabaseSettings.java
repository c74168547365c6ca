package io.ratchet.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * The data source and migration settings that put the embedded database's generated
 * credentials in force ({@link LocalAccess}), worked out when first read rather than at
 * start-up: a setting added to the environment later (a test's
 * {@code @DynamicPropertySource} naming PostgreSQL, say) is seen, and then nothing is
 * overridden. Applies only when {@code spring.datasource.url} is an H2 file, no password
 * is configured, the user is {@code sa} or unset and {@code spring.flyway.user} is not
 * set:
 * <ul>
 * <li>{@code spring.datasource.*}: user {@link EmbeddedDatabase#APPLICATION} and its
 * password, and the URL (resolved once: a {@code ${random.uuid}} in it would name another
 * database at every reading) with {@code IFEXISTS=TRUE}, so only the migrations can
 * create the database (its creator is its administrator);</li>
 * <li>{@code spring.flyway.*}: the administrator and its password, the URL with
 * {@code DB_CLOSE_DELAY=-1} (the database stays open between the migrations and the pool,
 * so what they set holds), and the statements each of its connections runs first: the
 * application user ({@link EmbeddedDatabase#applicationUserStatements()}) and
 * {@code SET WRITE_DELAY 0}, so that every commit is written before it returns (H2's
 * default, 500 ms later, loses the last commits of a process killed with {@code kill -9};
 * H2 does not keep this setting across a reopen).</li>
 * </ul>
 */
final class EmbeddedDatabaseSettings extends PropertySource<Object> {

	static final String NAME = "ratchetEmbeddedDatabase";

	/**
	 * Not the source object: Spring would iterate an environment given as a source as
	 * nested property sources.
	 */
	private final ConfigurableEnvironment environment;

	private final ThreadLocal<Boolean> resolving = ThreadLocal.withInitial(() -> false);

	private String rawUrl;

	private Map<String, Object> settings = Map.of();

	EmbeddedDatabaseSettings(ConfigurableEnvironment environment) {
		super(NAME, new Object());
		this.environment = environment;
	}

	@Override
	public Object getProperty(String name) {
		if (!name.startsWith("spring.datasource.") && !name.startsWith("spring.flyway.") || this.resolving.get()) {
			return null;
		}
		this.resolving.set(true);
		try {
			return settings().get(name);
		}
		finally {
			this.resolving.set(false);
		}
	}

	private synchronized Map<String, Object> settings() {
		String raw = raw("spring.datasource.url");
		if (raw == null || !raw.equals(this.rawUrl)) {
			this.rawUrl = raw;
			this.settings = (raw != null) ? workOut(this.environment.resolvePlaceholders(raw)) : Map.of();
		}
		return this.settings;
	}

	private Map<String, Object> workOut(String url) {
		ConfigurableEnvironment environment = this.environment;
		String user = environment.getProperty("spring.datasource.username", "");
		String password = environment.getProperty("spring.datasource.password", "");
		boolean defaultUser = user.isEmpty() || EmbeddedDatabase.ADMIN.equalsIgnoreCase(user);
		if (EmbeddedDatabase.fileOf(url).isEmpty() || !password.isEmpty() || !defaultUser
				|| environment.containsProperty("spring.flyway.user")) {
			return Map.of();
		}
		EmbeddedDatabase database = EmbeddedDatabase.of(url);
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("spring.datasource.url", with(url, "IFEXISTS", "TRUE"));
		settings.put("spring.datasource.username", EmbeddedDatabase.APPLICATION);
		settings.put("spring.datasource.password", database.applicationPassword());
		settings.put("spring.flyway.url", with(url, "DB_CLOSE_DELAY", "-1"));
		settings.put("spring.flyway.user", EmbeddedDatabase.ADMIN);
		settings.put("spring.flyway.password", database.adminPassword());
		List<String> init = new ArrayList<>(database.applicationUserStatements());
		init.add("SET WRITE_DELAY 0;");
		for (int i = 0; i < init.size(); i++) {
			settings.put("spring.flyway.init-sqls[" + i + "]", init.get(i));
		}
		return Map.copyOf(settings);
	}

	/**
	 * The value as written in the first property source (other than this one) that has
	 * it, unresolved.
	 */
	private String raw(String name) {
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source != this) {
				Object value = source.getProperty(name);
				if (value != null) {
					return value.toString();
				}
			}
		}
		return null;
	}

	private static String with(String url, String setting, String value) {
		return url.toUpperCase(Locale.ROOT).contains(";" + setting + "=") ? url : url + ";" + setting + "=" + value;
	}

}
