package io.ratchet.alert;

import io.ratchet.PostgresTestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox and policy tests again, on PostgreSQL (a fresh schema per run): the same migration and queries, the
 * claims and the one-decision-per-run marker. Runs where {@code RATCHET_TEST_POSTGRES_URL} names a server
 * ({@code .ci/postgres} starts one).
 */
@EnabledIfEnvironmentVariable(named = "RATCHET_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+",
		disabledReason = "no PostgreSQL server: start one with .ci/postgres and export RATCHET_TEST_POSTGRES_URL")
class AlertPostgresIntegrationTests extends AlertOutboxTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
