package io.ratchet.security;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Applies {@link SecretsPolicy} to every command as soon as the configuration is read
 * (before any bean, the database or the mail sender is created), so a misplaced
 * credential stops Ratchet at start-up with every problem listed. The project is the
 * working directory, where every script under {@code jobs/} runs. Registered in
 * {@code META-INF/spring.factories}; runs after the config files and config trees are
 * loaded and after logging is set up (so the stack trace goes to the log file and the
 * console shows the message only).
 */
public class CredentialsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		check(event.getEnvironment());
	}

	/**
	 * @throws InsecureCredentialsException listing every problem {@link SecretsPolicy}
	 * finds
	 */
	void check(ConfigurableEnvironment environment) {
		List<String> problems = SecretsPolicy.problems(environment, Path.of("").toAbsolutePath());
		if (!problems.isEmpty()) {
			throw new InsecureCredentialsException(problems);
		}
	}

	@Override
	public int getOrder() {
		// after EnvironmentPostProcessorApplicationListener (+10: config data) and
		// LoggingApplicationListener (+20)
		return Ordered.HIGHEST_PRECEDENCE + 30;
	}

}
