package io.ratchet.security;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Applies {@link SecretsPolicy} to every command as soon as the configuration is read (before any bean, the database
 * or the mail sender is created), so a misplaced credential stops Ratchet at start-up with every problem listed. The
 * project is the working directory, where every script under {@code jobs/} runs. Registered in
 * {@code META-INF/spring.factories}; runs last, after the config files and config trees are loaded.
 */
public class CredentialsCheck implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> problems = SecretsPolicy.problems(environment, Path.of("").toAbsolutePath());
		if (!problems.isEmpty()) {
			throw new InsecureCredentialsException(problems);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
