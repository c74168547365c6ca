package io.ratchet.nowtest;

import java.util.UUID;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every now-test job test again, on PostgreSQL: the same Flyway migrations (V5 included) create every table (Spring Batch's
 * included) in a fresh schema, and windows, drift, incoming files and restart behave the same.
 * Runs where {@code RATCHET_TEST_POSTGRES_URL} names a server ({@code .ci/run} starts one with {@code .ci/postgres});
 * elsewhere JUnit reports it as skipped for that reason.
 */
@EnabledIfEnvironmentVariable(named = "RATCHET_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+",
		disabledReason = "no PostgreSQL server: start one with .ci/postgres and export RATCHET_TEST_POSTGRES_URL")
class NowtestPostgresIntegrationTests extends NowtestJobTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String url = System.getenv("RATCHET_TEST_POSTGRES_URL");
		registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		registry.add("spring.datasource.username",
				() -> System.getenv().getOrDefault("RATCHET_TEST_POSTGRES_USER", "ratchet"));
		registry.add("spring.datasource.password",
				() -> System.getenv().getOrDefault("RATCHET_TEST_POSTGRES_PASSWORD", ""));
		registry.add("spring.flyway.schemas", () -> schema);
	}

}
