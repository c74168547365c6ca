package io.ratchet.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ratchet.RatchetApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Alert settings: addresses are checked when Ratchet starts, with the key that holds a
 * bad one.
 */
class AlertPropertiesTests {

	@Test
	void aRecipientThatIsNotAnAddressStopsTheStartNamingItsKey() {
		// when
		Throwable failure = catchThrowable(
				() -> new SpringApplicationBuilder(RatchetApplication.class).web(WebApplicationType.NONE)
					.profiles("test")
					.run("--ratchet.alerts.recipients.churn[0]=ml-team@example.com",
							"--ratchet.alerts.recipients.churn[1]=bob(at)example")
					.close());

		// then
		assertThat(failure).isNotNull();
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
			.startsWith("ratchet.alerts.recipients.churn[1]: 'bob(at)example' is not an e-mail address");
	}

	@Test
	void everyAddressIsCheckedAndDefaultsApply() {
		assertThatThrownBy(() -> properties(Map.of(), List.of("ops@example.com", "ops@"), "ratchet@localhost"))
			.hasMessageStartingWith("ratchet.alerts.default-recipients[1]: 'ops@' is not an e-mail address");
		assertThatThrownBy(() -> properties(Map.of(), List.of(), "ratchet at localhost"))
			.hasMessageStartingWith("ratchet.alerts.from: 'ratchet at localhost' is not an e-mail address");
		assertThatThrownBy(() -> properties(Map.of("churn", List.of(" ")), List.of(), "ratchet@localhost"))
			.hasMessage("ratchet.alerts.recipients.churn[0]: an e-mail address is required");

		AlertProperties properties = properties(Map.of("churn", List.of("Ml Team <ml-team@example.com>")),
				List.of("ops@example.com"), "ratchet@localhost");
		assertThat(properties.recipientsOf("churn")).containsExactly("Ml Team <ml-team@example.com>");
		assertThat(properties.recipientsOf("weather")).containsExactly("ops@example.com");
	}

	@Test
	void failedSendsBackOffExponentiallyUpToTheMaximum() {
		AlertProperties.Retry retry = new AlertProperties.Retry(Duration.ofMinutes(1), Duration.ofHours(1), 2, 0,
				Duration.ofMinutes(10));

		assertThat(retry.backoff(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(retry.backoff(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(retry.backoff(4)).isEqualTo(Duration.ofMinutes(8));
		assertThat(retry.backoff(7)).isEqualTo(Duration.ofHours(1));
		assertThat(retry.backoff(60)).isEqualTo(Duration.ofHours(1));
		assertThatThrownBy(() -> new AlertProperties.Retry(Duration.ZERO, Duration.ofHours(1), 2, 0, Duration.ZERO))
			.hasMessageContaining("ratchet.alerts.retry");
	}

	private static AlertProperties properties(Map<String, List<String>> recipients, List<String> defaults,
			String from) {
		return new AlertProperties(from, recipients, defaults, 7, AlertProperties.Repeat.DAILY, null, null, 7,
				new AlertProperties.Retry(Duration.ofMinutes(1), Duration.ofHours(1), 2, 0, Duration.ofMinutes(10)));
	}

}
