package io.ratchet.alert;

import java.util.UUID;

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
		String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String url = System.getenv("RATCHET_TEST_POSTGRES_URL");
		registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		registry.add("spring.datasource.username",
				() -> System.getenv().getOrDefault("RATCHET_TEST_POSTGRES_USER", "ratchet"));
		registry.add("spring.datasource.password",
				() -> System.getenv().getOrDefault("RATCHET_TEST_POSTGRES_PASSWORD", ""));
		registry.add("spring.flyway.schemas", () -> schema);
	}

}
