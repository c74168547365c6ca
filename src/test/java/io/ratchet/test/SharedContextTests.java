package io.ratchet.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.ratchet.TestPaths;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The whole application on the test profile, one context shared by every test class that
 * extends this one (Spring's test context cache keys a context by its settings, and these
 * are the same for all of them): the command line and end-to-end tests that need no
 * setting of their own. A class that needs one (mail, a port, a job's options) keeps its
 * own {@code @SpringBootTest}.
 * <p>
 * Each class starts as it would on a context of its own: the workspace {@link #root}
 * ({@code config/}, {@code historical-data/}, {@code reports/}) is emptied and every
 * table Flyway created is emptied (runs, figures, alerts and their states, batch
 * metadata), so that what an earlier class ran never counts for the next one.
 */
@SpringBootTest
@ActiveProfiles("test")
public abstract class SharedContextTests {

	/**
	 * The workspace of the shared context, under {@code target/} (emptied before each
	 * test class).
	 */
	protected static final Path root = Path.of("target", "shared-workspace", UUID.randomUUID().toString())
		.toAbsolutePath();

	@DynamicPropertySource
	static void sharedPaths(DynamicPropertyRegistry registry) {
		TestPaths.register(registry, () -> root);
	}

	@BeforeAll
	static void freshWorkspaceAndDatabase(@Autowired JdbcClient jdbc) throws IOException {
		FileSystemUtils.deleteRecursively(root);
		Files.createDirectories(root);
		List<String> tables = jdbc.sql("""
				SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES
				WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'
				AND TABLE_NAME <> 'flyway_schema_history'""").query(String.class).list();
		emptyAll(jdbc, tables);
	}

	/**
	 * Deletes every row of the tables, those that reference others first: a table still
	 * referenced is tried again in the next round (the application's database user may
	 * not switch referential integrity off).
	 */
	private static void emptyAll(JdbcClient jdbc, List<String> tables) {
		List<String> left = new ArrayList<>(tables);
		while (!left.isEmpty()) {
			List<String> emptied = new ArrayList<>();
			for (String table : left) {
				try {
					jdbc.sql("DELETE FROM \"" + table + "\"").update();
					emptied.add(table);
				}
				catch (DataIntegrityViolationException referenced) {
					// rows of another table still point at it: next round
				}
			}
			if (emptied.isEmpty()) {
				throw new IllegalStateException("cannot empty the tables " + left + " of the shared test database");
			}
			left.removeAll(emptied);
		}
	}

}
