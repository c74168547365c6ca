package io.ratchet.schedule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ratchet.PostgresTestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Every scheduler test again, on PostgreSQL: Flyway's {@code db/postgresql/V4__quartz.sql} creates Quartz's tables
 * (BYTEA, BOOLEAN) and the store uses {@code PostgreSQLDelegate}. One fresh schema per test, kept across the test's
 * restarts. Runs where {@code RATCHET_TEST_POSTGRES_URL} names a server ({@code .ci/run} starts one with
 * {@code .ci/postgres}); elsewhere JUnit reports it as skipped for that reason.
 */
@EnabledIfEnvironmentVariable(named = "RATCHET_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+",
		disabledReason = "no PostgreSQL server: start one with .ci/postgres and export RATCHET_TEST_POSTGRES_URL")
class SchedulerPostgresIntegrationTests extends SchedulerTests {

	private final Map<String, String> schemas = new ConcurrentHashMap<>();

	@Override
	protected Map<String, Object> database(String test) {
		return PostgresTestDatabase.properties(
				this.schemas.computeIfAbsent(test, (name) -> PostgresTestDatabase.newSchema()));
	}

}
