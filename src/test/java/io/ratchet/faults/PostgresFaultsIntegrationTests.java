package io.ratchet.faults;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The fault-injection suite on PostgreSQL (a fresh schema per trial), where
 * {@code RATCHET_TEST_POSTGRES_URL} names a server ({@code .ci/run} starts one with
 * {@code .ci/postgres}).
 */
@EnabledIfEnvironmentVariable(named = "RATCHET_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+",
		disabledReason = "no PostgreSQL server: start one with .ci/postgres and export RATCHET_TEST_POSTGRES_URL")
class PostgresFaultsIntegrationTests extends FaultSuite {

	@Override
	String vendor() {
		return "postgresql";
	}

}
