package io.ratchet.promotion;

import io.ratchet.PostgresIntegrationTest;
import io.ratchet.PostgresTestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every promotion command test again, on PostgreSQL: migration V6 (the audit) and the
 * gate's queries on the production database. Runs where {@code RATCHET_TEST_POSTGRES_URL}
 * names a server ({@code .ci/run} starts one with {@code .ci/postgres}); elsewhere JUnit
 * reports it as skipped for that reason (or failed, when
 * {@code RATCHET_TEST_POSTGRES_REQUIRED=1}).
 */
@PostgresIntegrationTest
class PromotionPostgresIntegrationTests extends PromotionCommandTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
