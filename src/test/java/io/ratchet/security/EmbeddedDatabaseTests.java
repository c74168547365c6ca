package io.ratchet.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The embedded H2 database as Ratchet opens it: generated passwords in an owner-only
 * file, the administrator for the migrations only, and an application user that can read
 * and write rows but run no code, read no file and change no setting.
 */
class EmbeddedDatabaseTests {

	/**
	 * Statements that run code, touch files or change the database, each refused to the
	 * application user.
	 */
	private static final List<String> ADMIN_ONLY = List.of(
			"CREATE ALIAS EXEC AS $$ String exec(String c) throws Exception { return c; } $$", "RUNSCRIPT FROM 'x.sql'",
			"SCRIPT TO 'dump.sql'", "CALL FILE_READ('/etc/passwd')", "CALL FILE_WRITE('x', 'written')",
			"CALL CSVWRITE('out.csv', 'SELECT 1')", "SELECT * FROM CSVREAD('/etc/passwd')",
			"CREATE LINKED TABLE L('org.h2.Driver', 'jdbc:h2:mem:', 'sa', '', 'X')",
			"CREATE TRIGGER T BEFORE INSERT ON ROWS_OF_RATCHET CALL 'x.Trigger'", "BACKUP TO 'backup.zip'",
			"SET WRITE_DELAY 0", "CREATE TABLE T2(ID INT)", "DROP TABLE ROWS_OF_RATCHET", "SHUTDOWN",
			"CREATE USER INTRUDER PASSWORD 'x'", "ALTER USER SA SET PASSWORD 'x'");

	@TempDir
	Path dir;

	@Test
	void theDatabaseFileIsFoundInEveryFormOfAnEmbeddedUrl() {
		assertThat(EmbeddedDatabase.fileOf("jdbc:h2:file:./.ratchet/db/ratchet;AUTO_SERVER=TRUE"))
			.contains(Path.of(".ratchet/db/ratchet").toAbsolutePath());
		assertThat(EmbeddedDatabase.fileOf("jdbc:h2:/var/lib/ratchet/db")).contains(Path.of("/var/lib/ratchet/db"));
		assertThat(EmbeddedDatabase.fileOf("jdbc:h2:~/ratchet"))
			.contains(Path.of(System.getProperty("user.home"), "ratchet"));
		assertThat(EmbeddedDatabase.fileOf("jdbc:h2:mem:test")).isEmpty();
		assertThat(EmbeddedDatabase.fileOf("jdbc:h2:tcp://127.0.0.1:9092/ratchet")).isEmpty();
		assertThat(EmbeddedDatabase.fileOf("jdbc:postgresql://db/ratchet")).isEmpty();
		assertThat(EmbeddedDatabase.fileOf(null)).isEmpty();
	}

	@Test
	void passwordsAreGeneratedOnceIntoAnOwnerOnlyFileBesideTheDatabase() throws IOException {
		// given
		String url = url("new");
		// when
		EmbeddedDatabase first = EmbeddedDatabase.of(url);
		EmbeddedDatabase again = EmbeddedDatabase.of(url);
		// then
		Path file = this.dir.resolve("db/new.credentials");
		assertThat(first.file()).isEqualTo(file);
		assertThat(again).isEqualTo(first);
		assertThat(first.adminPassword()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(first.applicationPassword());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
			.isEqualTo("rwx------");
		assertThat(first.toString()).doesNotContain(first.adminPassword(), first.applicationPassword());
	}

	@Test
	void theApplicationUserReadsAndWritesRowsButCannotRunCodeOrTouchFiles() throws SQLException {
		// given: a database as the migrations leave it
		String url = url("app");
		EmbeddedDatabase database = EmbeddedDatabase.of(url);
		try (Connection admin = DriverManager.getConnection(url, EmbeddedDatabase.ADMIN, database.adminPassword());
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE ROWS_OF_RATCHET(ID INT)");
			statement.execute("CREATE SEQUENCE RATCHET_SEQ");
			for (int run = 0; run < 2; run++) { // every start's migrations do it again
				for (String sql : database.applicationUserStatements()) {
					statement.execute(sql);
				}
			}
			try (Connection app = DriverManager.getConnection(url, EmbeddedDatabase.APPLICATION,
					database.applicationPassword()); Statement rows = app.createStatement()) {
				// when / then: rows
				rows.execute("INSERT INTO ROWS_OF_RATCHET VALUES (NEXT VALUE FOR RATCHET_SEQ)");
				rows.execute("UPDATE ROWS_OF_RATCHET SET ID = ID + 1");
				rows.execute("SELECT * FROM ROWS_OF_RATCHET FOR UPDATE");
				rows.execute("DELETE FROM ROWS_OF_RATCHET");
				// when / then: nothing else
				for (String sql : ADMIN_ONLY) {
					assertThatExceptionOfType(SQLException.class).as(sql)
						.isThrownBy(() -> rows.execute(sql))
						.satisfies((ex) -> assertThat(ex.getMessage()).containsAnyOf("Admin rights are required",
								"Not enough rights"));
				}
			}
		}
		assertThat(this.dir.resolve("written")).doesNotExist();
		assertThat(this.dir.resolve("dump.sql")).doesNotExist();
	}

	@Test
	void noPasswordOrAWrongOneIsRefused() {
		// given
		String url = url("closed");
		EmbeddedDatabase database = EmbeddedDatabase.of(url);
		try (Connection made = DriverManager.getConnection(url, EmbeddedDatabase.ADMIN, database.adminPassword());
				Statement statement = made.createStatement()) {
			for (String sql : database.applicationUserStatements()) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new AssertionError(ex);
		}
		// then
		for (String[] login : new String[][] { { "SA", "" }, { "sa", "" }, { "RATCHET", "" },
				{ "RATCHET", database.adminPassword() } }) {
			assertThatExceptionOfType(SQLException.class).as(login[0] + "/" + login[1].length())
				.isThrownBy(() -> DriverManager.getConnection(url, login[0], login[1]).close())
				.withMessageContaining("Wrong user name or password");
		}
	}

	@Test
	void aDatabaseOfAnEarlierVersionWithoutAPasswordGetsTheGeneratedOne() throws SQLException {
		// given: made as earlier versions did, sa with an empty password
		String url = url("earlier");
		try (Connection earlier = DriverManager.getConnection(url, "sa", "");
				Statement statement = earlier.createStatement()) {
			statement.execute("CREATE TABLE KEPT(ID INT)");
			statement.execute("INSERT INTO KEPT VALUES (42)");
		}
		// when
		EmbeddedDatabase database = EmbeddedDatabase.of(url);
		// then
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, "sa", "").close());
		try (Connection admin = DriverManager.getConnection(url, EmbeddedDatabase.ADMIN, database.adminPassword());
				var rows = admin.createStatement().executeQuery("SELECT ID FROM KEPT")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getInt(1)).isEqualTo(42);
		}
	}

	@Test
	void aDatabaseWhosePasswordIsNotInTheFileIsRefusedNamingTheFile() throws SQLException {
		// given: the credentials file was lost, the database kept its password
		String url = url("lost");
		try (Connection made = DriverManager.getConnection(url, "sa", "someone-elses-password")) {
			made.getMetaData();
		}
		// then
		assertThatIllegalStateException().isThrownBy(() -> EmbeddedDatabase.of(url))
			.withMessageContaining(this.dir.resolve("db/lost.credentials").toString())
			.withMessageContaining("restore the credentials file");
	}

	@Test
	void aCorruptCredentialsFileIsRefusedNamingIt() throws IOException {
		// given
		Path file = Files.createDirectories(this.dir.resolve("db")).resolve("bad.credentials");
		Files.writeString(file, "admin.password=short\n");
		// then
		assertThatIllegalStateException().isThrownBy(() -> EmbeddedDatabase.of(url("bad")))
			.withMessageStartingWith(file.toString())
			.withMessageContaining("admin.password and application.password");
	}

	@Test
	void onlyAnEmbeddedFileWithoutAConfiguredPasswordGetsTheGeneratedCredentials() {
		// given
		StandardEnvironment embedded = environment(Map.of("spring.datasource.url", url("env") + ";AUTO_SERVER=TRUE",
				"spring.datasource.username", "sa", "spring.datasource.password", ""));
		StandardEnvironment configured = environment(Map.of("spring.datasource.url", url("own"),
				"spring.datasource.username", "sa", "spring.datasource.password", "from-the-environment"));
		StandardEnvironment memory = environment(Map.of("spring.datasource.url", "jdbc:h2:mem:x"));
		// when
		LocalAccess.apply(embedded);
		LocalAccess.apply(configured);
		LocalAccess.apply(memory);
		// then
		EmbeddedDatabase database = EmbeddedDatabase.of(url("env") + ";AUTO_SERVER=TRUE");
		assertThat(embedded.getProperty("spring.datasource.username")).isEqualTo("RATCHET");
		assertThat(embedded.getProperty("spring.datasource.password")).isEqualTo(database.applicationPassword());
		assertThat(embedded.getProperty("spring.flyway.user")).isEqualTo("SA");
		assertThat(embedded.getProperty("spring.flyway.password")).isEqualTo(database.adminPassword());
		assertThat(embedded.getProperty("spring.flyway.url"))
			.isEqualTo(url("env") + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1");
		assertThat(embedded.getProperty("spring.flyway.init-sqls[3]")).isEqualTo("SET WRITE_DELAY 0;");
		assertThat(embedded.getProperty("spring.datasource.url")).as("only the migrations may create the database")
			.isEqualTo(url("env") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE");
		assertThat(embedded.getProperty("spring.flyway.init-sqls[0]")).startsWith("CREATE USER IF NOT EXISTS RATCHET");
		assertThat(configured.getProperty("spring.datasource.password")).isEqualTo("from-the-environment");
		assertThat(configured.containsProperty("spring.flyway.user")).isFalse();
		assertThat(memory.containsProperty("spring.flyway.user")).isFalse();
		// when: a setting added later names another database (a test's
		// @DynamicPropertySource, say)
		embedded.getPropertySources()
			.addFirst(new MapPropertySource("later", Map.of("spring.datasource.url", "jdbc:postgresql://db/ratchet",
					"spring.datasource.username", "ratchet")));
		// then: nothing of the embedded database is left in force
		assertThat(embedded.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/ratchet");
		assertThat(embedded.containsProperty("spring.flyway.url")).isFalse();
		assertThat(embedded.containsProperty("spring.flyway.user")).isFalse();
		assertThat(this.dir.resolve("db/own.credentials")).doesNotExist();
	}

	private String url(String name) {
		return "jdbc:h2:file:" + this.dir.resolve("db").resolve(name);
	}

	private static StandardEnvironment environment(Map<String, Object> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
		return environment;
	}

}
