package io.ratchet.monitor;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.RatchetApplication;
import io.ratchet.cli.CommandLine;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command but the daemon starts as before the endpoint existed: no web server, no
 * security, no actuator or meters. The context is started with exactly the settings
 * {@code RatchetApplication.main} gives a command.
 */
class NonWebCommandsTests {

	@Test
	void aBacktestProcessHasNoWebServerNoSecurityAndNoMeters() {
		// given
		List<String> settings = new ArrayList<>(
				RatchetApplication.settings(new String[] { "backtest", "--dataset", "churn" }));
		settings.add("--spring.profiles.active=test");
		// when
		try (ConfigurableApplicationContext context = SpringApplication.run(RatchetApplication.class,
				settings.toArray(String[]::new))) {
			// then
			assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
			assertThat(context.getBean(CommandLine.class)).isNotNull();
			assertThat(context.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
			assertThat(context.getBeanNamesForType(io.micrometer.core.instrument.MeterRegistry.class)).isEmpty();
			assertThat(context.getBeanNamesForType(RunMeters.class)).isEmpty();
			assertThat(context.getBeanNamesForType(org.springframework.boot.health.contributor.HealthIndicator.class))
				.isEmpty();
		}
	}

	@Test
	void onlyTheDaemonIsAWebApplication() {
		assertThat(RatchetApplication.settings(new String[] { "scheduler" }))
			.contains("--spring.main.web-application-type=servlet");
		assertThat(RatchetApplication.settings(new String[] { "scheduler", "--ratchet.http.enabled=false" }))
			.noneMatch((setting) -> setting.startsWith("--spring.main.web-application-type"));
		assertThat(RatchetApplication.settings(new String[] { "scheduler", "--check" }))
			.noneMatch((setting) -> setting.startsWith("--spring.main.web-application-type"));
		for (String command : new String[] { "backtest", "nowtest", "runs", "alerts", "challenge", "promote" }) {
			assertThat(RatchetApplication.settings(new String[] { command, "--server.port=1" })).as(command)
				.noneMatch((setting) -> setting.startsWith("--spring.main.web-application-type"))
				.contains("--server.port=1");
		}
	}

}
