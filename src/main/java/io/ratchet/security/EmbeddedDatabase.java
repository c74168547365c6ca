package io.ratchet.security;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded H2 file database and its two users, with passwords generated on first use
 * into a file beside it that only its owner can read
 * ({@code .ratchet/db/ratchet.credentials}):
 * <ul>
 * <li>{@value #ADMIN}, the administrator, which only the migrations use: H2 lets only an
 * administrator run {@code CREATE ALIAS} (Java code), {@code RUNSCRIPT}, {@code SCRIPT},
 * {@code FILE_READ}/{@code FILE_WRITE}, {@code CSVREAD}/{@code CSVWRITE}, linked tables,
 * triggers, {@code BACKUP} and {@code SET};</li>
 * <li>{@value #APPLICATION}, the application's own connections: reads and writes rows of
 * every table, nothing more.</li>
 * </ul>
 * A database made by an earlier version (administrator {@code SA} without a password)
 * gets the generated password when the credentials file is first written.
 *
 * @param file the credentials file
 * @param adminPassword the administrator's password
 * @param applicationPassword the application user's password
 */
public record EmbeddedDatabase(Path file, String adminPassword, String applicationPassword) {

	/**
	 * The administrator: the user that made the database (H2's default {@code sa}), used
	 * by the migrations only.
	 */
	public static final String ADMIN = "SA";

	/**
	 * The user of the application's connection pool: rows only, no DDL, no code, no
	 * files.
	 */
	public static final String APPLICATION = "RATCHET";

	private static final String EXTENSION = ".credentials";

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * The database file (without H2's {@code .mv.db}) that a JDBC URL opens in this
	 * process, or empty for an in-memory, TCP or SSL URL, or another database.
	 */
	public static Optional<Path> fileOf(String url) {
		if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
			return Optional.empty();
		}
		String rest = url.substring(8);
		int semicolon = rest.indexOf(';');
		String name = (semicolon < 0) ? rest : rest.substring(0, semicolon);
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
				|| lower.startsWith("zip:")) {
			return Optional.empty();
		}
		if (lower.startsWith("file:")) {
			name = name.substring(5);
		}
		else if (lower.matches("^[a-z]+:.*") && !lower.matches("^[a-z]:[\\\\/].*")) {
			// split:, nio:, async: ... file systems Ratchet does not make
			return Optional.empty();
		}
		if (name.startsWith("~")) {
			name = System.getProperty("user.home") + name.substring(1);
		}
		return Optional.of(Path.of(name).toAbsolutePath().normalize());
	}

	/**
	 * The credentials file of the database at {@code database} (the path {@link #fileOf}
	 * gives).
	 */
	public static Path credentialsFile(Path database) {
		return database.resolveSibling(database.getFileName() + EXTENSION);
	}

	/**
	 * The credentials of the database that {@code url} opens: read from its credentials
	 * file, or generated into it (written once, mode 600, its folder 700). When the file
	 * is new and the database already exists, the administrator's empty password (an
	 * earlier version's) is replaced by the generated one.
	 * @throws IllegalStateException when the URL is not an embedded H2 file, or the
	 * database cannot be opened with either password
	 */
	public static EmbeddedDatabase of(String url) {
		Path database = fileOf(url)
			.orElseThrow(() -> new IllegalStateException(url + " is not an embedded H2 file database"));
		Path file = credentialsFile(database);
		try {
			OwnerOnly.folder(database.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make " + database.getParent() + " readable only by its owner", ex);
		}
		boolean existed = Files.exists(file);
		String content = OwnerOnly.createOnce(file, "# Ratchet's embedded database " + database
				+ ": generated passwords (io.ratchet.security.EmbeddedDatabase). Keep this file with the database.\n"
				+ "admin.password=" + newPassword() + "\napplication.password=" + newPassword() + "\n");
		EmbeddedDatabase credentials = parse(file, content);
		if (!existed && Files.exists(database.resolveSibling(database.getFileName() + ".mv.db"))) {
			credentials.setAdminPasswordOfAnEarlierDatabase(url);
		}
		return credentials;
	}

	/**
	 * The statements that create the application user when missing, set its password to
	 * this file's and let it read and write the rows of every table of the schema, now
	 * and later (H2's schema-wide rights). Run by the migrations on every connection they
	 * open, as the administrator ({@code spring.flyway.init-sqls}): a database made anew,
	 * or by an earlier version, gets the user the first time. The password is spliced in
	 * because H2 takes no parameter in this place on a connection's start; it is checked
	 * to be letters, digits, '-' and '_' only when read.
	 */
	public List<String> applicationUserStatements() {
		// each ends with ';': Flyway joins them into one script
		return List.of("CREATE USER IF NOT EXISTS " + APPLICATION + " PASSWORD '" + this.applicationPassword + "';",
				"ALTER USER " + APPLICATION + " SET PASSWORD '" + this.applicationPassword + "';",
				"GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO " + APPLICATION + ";");
	}

	private void setAdminPasswordOfAnEarlierDatabase(String url) {
		try (Connection earlier = DriverManager.getConnection(url, ADMIN, "")) {
			try (PreparedStatement statement = earlier.prepareStatement("ALTER USER " + ADMIN + " SET PASSWORD ?")) {
				statement.setString(1, this.adminPassword);
				statement.execute();
			}
		}
		catch (SQLException ex) {
			try (Connection ignored = DriverManager.getConnection(url, ADMIN, this.adminPassword)) {
				// another process set it first
			}
			catch (SQLException again) {
				throw new IllegalStateException("the embedded database " + url + " has an administrator password that "
						+ "is not in " + this.file + " (" + ex.getMessage().lines().findFirst().orElse("") + "): "
						+ "restore the credentials file that was made with it, or set spring.datasource.username, "
						+ "spring.datasource.password, spring.flyway.user and spring.flyway.password", again);
			}
		}
	}

	private static EmbeddedDatabase parse(Path file, String content) {
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(content));
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalStateException(file + ": not a credentials file (" + ex.getMessage() + ")", ex);
		}
		String admin = properties.getProperty("admin.password", "");
		String application = properties.getProperty("application.password", "");
		if (!admin.matches("[A-Za-z0-9_-]{16,}") || !application.matches("[A-Za-z0-9_-]{16,}")) {
			throw new IllegalStateException(file + ": admin.password and application.password must each be at least 16 "
					+ "letters, digits, '-' or '_'; delete the file only together with the database it belongs to");
		}
		return new EmbeddedDatabase(file, admin, application);
	}

	private static String newPassword() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public String toString() {
		return "EmbeddedDatabase[file=" + this.file + ", passwords=(hidden)]";
	}

}
