package io.ratchet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that runs on the PostgreSQL server named by
 * {@code RATCHET_TEST_POSTGRES_URL} ({@code .ci/postgres} starts one). Without that
 * variable the class is skipped (a local {@code mvn verify} without PostgreSQL), unless
 * {@code RATCHET_TEST_POSTGRES_REQUIRED=1} (as in {@code .ci/run}): then every such class
 * fails, saying why, so that CI can never pass without having run them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresIntegrationTest.Condition.class)
public @interface PostgresIntegrationTest {

	/**
	 * Enables the class when a server is named; fails it when one is required and none is
	 * named.
	 */
	final class Condition implements ExecutionCondition {

		static final String URL = "RATCHET_TEST_POSTGRES_URL";

		static final String REQUIRED = "RATCHET_TEST_POSTGRES_REQUIRED";

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			String url = System.getenv(URL);
			if (url != null && url.startsWith("jdbc:postgresql:")) {
				return ConditionEvaluationResult.enabled(URL + " = " + url);
			}
			if ("1".equals(System.getenv(REQUIRED)) || "true".equalsIgnoreCase(System.getenv(REQUIRED))) {
				throw new IllegalStateException(REQUIRED + " is set but " + URL + " "
						+ ((url == null) ? "is not set" : "is not a jdbc:postgresql: URL ('" + url + "')")
						+ ": start a server with .ci/postgres and export " + URL);
			}
			return ConditionEvaluationResult
				.disabled("no PostgreSQL server: start one with .ci/postgres and export " + URL);
		}

	}

}
