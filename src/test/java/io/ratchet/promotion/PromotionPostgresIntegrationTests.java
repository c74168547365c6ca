package io.ratchet.promotion;

import io.ratchet.PostgresTestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every promotion command test again, on PostgreSQL: migration V6 (the audit) and the gate's queries on the production
 * database. Runs where {@code RATCHET_TEST_POSTGRES_URL} names a server ({@code .ci/run} starts one with
 * {@code .ci/postgres}); elsewhere JUnit reports it as skipped for that reason.
 */
@EnabledIfEnvironmentVariable(named = "RATCHET_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+",
		disabledReason = "no PostgreSQL server: start one with .ci/postgres and export RATCHET_TEST_POSTGRES_URL")
class PromotionPostgresIntegrationTests extends PromotionCommandTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
