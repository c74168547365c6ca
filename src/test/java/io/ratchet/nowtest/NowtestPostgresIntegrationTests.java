package io.ratchet.nowtest;

import io.ratchet.PostgresIntegrationTest;
import io.ratchet.PostgresTestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every now-test job test again, on PostgreSQL: the same Flyway migrations (V5 included)
 * create every table (Spring Batch's included) in a fresh schema, and windows, drift,
 * incoming files and restart behave the same. Runs where
 * {@code RATCHET_TEST_POSTGRES_URL} names a server ({@code .ci/run} starts one with
 * {@code .ci/postgres}); elsewhere JUnit reports it as skipped for that reason (or
 * failed, when {@code RATCHET_TEST_POSTGRES_REQUIRED=1}).
 */
@PostgresIntegrationTest
class NowtestPostgresIntegrationTests extends NowtestJobTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
