package io.ratchet;

import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test context at the PostgreSQL server named by
 * {@code RATCHET_TEST_POSTGRES_URL} ({@code .ci/postgres} starts one), in a fresh schema,
 * so that integration tests repeat the H2 tests on the production database without seeing
 * each other's rows.
 */
public final class PostgresTestDatabase {

	private PostgresTestDatabase() {
	}

	/** A new schema name, unique to the caller. */
	public static String newSchema() {
		return "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/** The data source and Flyway settings of {@code schema} on the test server. */
	public static Map<String, Object> properties(String schema) {
		String url = System.getenv("RATCHET_TEST_POSTGRES_URL");
		return Map.of("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
				"spring.datasource.username", System.getenv().getOrDefault("RATCHET_TEST_POSTGRES_USER", "ratchet"),
				"spring.datasource.password", System.getenv().getOrDefault("RATCHET_TEST_POSTGRES_PASSWORD", ""),
				"spring.flyway.schemas", schema);
	}

	/** Registers the settings of a fresh schema on the test server. */
	public static void register(DynamicPropertyRegistry registry) {
		properties(newSchema()).forEach((name, value) -> registry.add(name, () -> value));
	}

}
