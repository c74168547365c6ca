package io.ratchet.challenge;

import io.ratchet.PostgresIntegrationTest;
import io.ratchet.PostgresTestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every challenge job test again, on PostgreSQL: the challenge, promotion and report
 * tables of {@code V6}, {@code V7} and {@code V9} in a fresh schema; the split, ranking,
 * pruning, gate, automatic promotion, e-mail and restart behave the same. Runs where
 * {@code RATCHET_TEST_POSTGRES_URL} names a server ({@code .ci/run} starts one with
 * {@code .ci/postgres}); elsewhere skipped, or failed when
 * {@code RATCHET_TEST_POSTGRES_REQUIRED=1}.
 */
@PostgresIntegrationTest
class ChallengePostgresIntegrationTests extends ChallengeJobTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
