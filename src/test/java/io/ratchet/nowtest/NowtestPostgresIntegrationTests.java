package io.ratchet.nowtest;

import io.ratchet.PostgresTestDatabase;
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
		PostgresTestDatabase.register(registry);
	}

}
