package io.ratchet.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.ratchet.PostgresTestDatabase;
import io.ratchet.security.EmbeddedDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A fresh database for one trial, on H2 (a file, as Ratchet uses by default) or on the
 * PostgreSQL server named by {@code RATCHET_TEST_POSTGRES_URL} (a new schema), with the
 * command-line settings that point a Ratchet process at it and a client for the test to
 * read what the process stored.
 */
record FaultDatabase(String vendor, String url, List<String> settings) {

	/**
	 * A new H2 file database under {@code dir}; {@code AUTO_SERVER} lets the test read it
	 * while a process runs.
	 */
	static FaultDatabase h2(Path dir) {
		String url = "jdbc:h2:file:" + dir.resolve("db-" + shortId()).resolve("ratchet").toAbsolutePath()
				+ ";AUTO_SERVER=TRUE";
		return new FaultDatabase("h2", url, List.of("--spring.datasource.url=" + url));
	}

	/**
	 * An H2 database served by an H2 TCP server on {@code port} (so that the test can
	 * take the server away).
	 */
	static FaultDatabase h2Tcp(int port, String name) {
		String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + name;
		return new FaultDatabase("h2", url, List.of("--spring.datasource.url=" + url));
	}

	/**
	 * A new schema on the test server; the connections carry {@code ApplicationName} =
	 * the schema, so that a test can terminate exactly this process's connections.
	 */
	static FaultDatabase postgres() {
		String schema = PostgresTestDatabase.newSchema();
		String base = System.getenv("RATCHET_TEST_POSTGRES_URL");
		String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&ApplicationName=" + schema;
		List<String> settings = new ArrayList<>();
		settings.add("--spring.datasource.url=" + url);
		settings.add("--spring.datasource.username=" + user());
		settings.add("--spring.datasource.password=" + password());
		settings.add("--spring.flyway.schemas=" + schema);
		return new FaultDatabase("postgresql", url, settings);
	}

	static FaultDatabase of(String vendor, Path dir) {
		return "postgresql".equals(vendor) ? postgres() : h2(dir);
	}

	/**
	 * The schema (PostgreSQL) this database lives in, also its connections' application
	 * name.
	 */
	String schema() {
		int at = this.url.indexOf("currentSchema=");
		return (at < 0) ? null : this.url.substring(at + "currentSchema=".length()).split("&")[0];
	}

	JdbcClient client() {
		try {
			String[] credentials = credentials();
			// Ratchet's migrations keep an embedded database open until their process
			// ends (DB_CLOSE_DELAY=-1): this
			// JVM must not keep it open until it ends (its files would outlive the test's
			// folder)
			String url = EmbeddedDatabase.fileOf(this.url).isPresent() ? this.url + ";DB_CLOSE_DELAY=0" : this.url;
			SimpleDriverDataSource source = new SimpleDriverDataSource(java.sql.DriverManager.getDriver(url), url,
					credentials[0], credentials[1]);
			return JdbcClient.create(source);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Makes every table with Ratchet's migrations, as a first process would. */
	void migrate() {
		String[] credentials = credentials();
		var flyway = org.flywaydb.core.Flyway.configure()
			.dataSource(this.url, credentials[0], credentials[1])
			.locations("classpath:db/migration/common", "classpath:db/migration/" + this.vendor);
		if (schema() != null) {
			flyway.schemas(schema());
		}
		flyway.load().migrate();
	}

	/**
	 * PostgreSQL: the test server's user; an H2 file: its administrator, with the
	 * password Ratchet generates beside the file on first use (the test generates it
	 * first, as the first process would); an H2 TCP server of the test's own: {@code sa}
	 * without a password.
	 */
	private String[] credentials() {
		if ("postgresql".equals(this.vendor)) {
			return new String[] { user(), password() };
		}
		if (EmbeddedDatabase.fileOf(this.url).isPresent()) {
			return new String[] { EmbeddedDatabase.ADMIN, EmbeddedDatabase.of(this.url).adminPassword() };
		}
		return new String[] { "sa", "" };
	}

	/**
	 * Whether the job repository's tables exist yet (a process killed during start-up may
	 * not have made them).
	 */
	boolean hasBatchTables() {
		try {
			client().sql("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE").query(Long.class).single();
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static String user() {
		return System.getenv().getOrDefault("RATCHET_TEST_POSTGRES_USER", "ratchet");
	}

	private static String password() {
		return System.getenv().getOrDefault("RATCHET_TEST_POSTGRES_PASSWORD", "");
	}

	static String shortId() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
