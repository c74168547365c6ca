package io.ratchet.schedule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ratchet.PostgresIntegrationTest;
import io.ratchet.PostgresTestDatabase;

/**
 * Every scheduler test again, on PostgreSQL: Flyway's
 * {@code db/postgresql/V4__quartz.sql} creates Quartz's tables (BYTEA, BOOLEAN) and the
 * store uses {@code PostgreSQLDelegate}. One fresh schema per test, kept across the
 * test's restarts. Runs where {@code RATCHET_TEST_POSTGRES_URL} names a server
 * ({@code .ci/run} starts one with {@code .ci/postgres}); elsewhere JUnit reports it as
 * skipped for that reason (or failed, when {@code RATCHET_TEST_POSTGRES_REQUIRED=1}).
 */
@PostgresIntegrationTest
class SchedulerPostgresIntegrationTests extends SchedulerTests {

	private final Map<String, String> schemas = new ConcurrentHashMap<>();

	@Override
	protected Map<String, Object> database(String test) {
		return PostgresTestDatabase
			.properties(this.schemas.computeIfAbsent(test, (name) -> PostgresTestDatabase.newSchema()));
	}

}
