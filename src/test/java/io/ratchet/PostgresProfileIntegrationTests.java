package io.ratchet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ratchet pointed at PostgreSQL by configuration only, as an operator does it: a separate
 * JVM with profile {@code postgresql} and the server in the environment
 * ({@code SPRING_DATASOURCE_URL}, {@code _USERNAME}, {@code _PASSWORD}), no file edited.
 * Flyway creates every table there, up to the newest migration.
 */
@PostgresIntegrationTest
class PostgresProfileIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void theProfileAndTheEnvironmentPointRatchetAtPostgresql() throws Exception {
		// given
		Map<String, Object> database = PostgresTestDatabase.properties(PostgresTestDatabase.newSchema());
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), RatchetApplication.class.getName(), "runs"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("out.txt").toFile());
		builder.environment().put("SPRING_PROFILES_ACTIVE", "postgresql");
		builder.environment().put("SPRING_DATASOURCE_URL", (String) database.get("spring.datasource.url"));
		builder.environment().put("SPRING_DATASOURCE_USERNAME", (String) database.get("spring.datasource.username"));
		builder.environment().put("SPRING_DATASOURCE_PASSWORD", (String) database.get("spring.datasource.password"));
		builder.environment().put("SPRING_FLYWAY_SCHEMAS", (String) database.get("spring.flyway.schemas"));
		builder.environment().put("LOGGING_FILE_NAME", this.dir.resolve("ratchet.log").toString());

		// when
		Process process = builder.start();
		// an upper bound for a hung command, not a speed test
		boolean ended = process.waitFor(5, TimeUnit.MINUTES);

		// then
		assertThat(ended).as("ratchet runs ended").isTrue();
		assertThat(process.exitValue()).as(output()).isZero();
		assertThat(output()).doesNotContain("jdbc:h2");
		try (Connection connection = DriverManager.getConnection((String) database.get("spring.datasource.url"),
				(String) database.get("spring.datasource.username"),
				(String) database.get("spring.datasource.password"));
				Statement statement = connection.createStatement();
				ResultSet newest = statement.executeQuery("SELECT MAX(installed_rank), COUNT(*) FILTER (WHERE NOT "
						+ "success), MAX(CAST(version AS INT)) FROM flyway_schema_history")) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
			assertThat(newest.next()).isTrue();
			assertThat(newest.getInt(2)).isZero();
			assertThat(newest.getInt(3)).isGreaterThanOrEqualTo(10);
		}
	}

	private String output() throws IOException {
		return Files.readString(this.dir.resolve("out.txt"), StandardCharsets.UTF_8);
	}

}
