package io.ratchet.security;

import java.util.List;

import io.ratchet.PostgresIntegrationTest;
import io.ratchet.PostgresTestDatabase;

/**
 * {@link LocalAccessChecks} on PostgreSQL (a fresh schema on the test server): no
 * database socket of Ratchet's own.
 */
@PostgresIntegrationTest
class LocalAccessPostgresIntegrationTests extends LocalAccessChecks {

	private final String schema = PostgresTestDatabase.newSchema();

	@Override
	List<String> databaseSettings() {
		return PostgresTestDatabase.properties(this.schema)
			.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toList();
	}

	@Override
	boolean embedded() {
		return false;
	}

}
