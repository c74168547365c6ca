package io.ratchet.alert;

import io.ratchet.PostgresIntegrationTest;
import io.ratchet.PostgresTestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox and policy tests again, on PostgreSQL (a fresh schema per run): the same
 * migration and queries, the claims and the one-decision-per-run marker. Runs where
 * {@code RATCHET_TEST_POSTGRES_URL} names a server ({@code .ci/postgres} starts one).
 */
@PostgresIntegrationTest
class AlertPostgresIntegrationTests extends AlertOutboxTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
