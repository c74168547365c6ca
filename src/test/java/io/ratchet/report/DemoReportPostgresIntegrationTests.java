package io.ratchet.report;

import io.ratchet.PostgresIntegrationTest;
import io.ratchet.PostgresTestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo's reports again, on PostgreSQL: the report's queries (feature means of
 * {@code V9}, the figures, the runs index) read the same stored figures. Runs where
 * {@code RATCHET_TEST_POSTGRES_URL} names a server; elsewhere skipped, or failed when
 * {@code RATCHET_TEST_POSTGRES_REQUIRED=1}.
 */
@PostgresIntegrationTest
class DemoReportPostgresIntegrationTests extends DemoReportTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
