package io.ratchet.monitor;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps the HTTP endpoint's machinery (web server, Spring MVC, Spring Security, actuator,
 * health, Micrometer) out of every process that is not a web application: only
 * {@code jobs/scheduler} is one (see {@code RatchetApplication}); the other commands
 * start as fast as before these libraries were on the class path. Registered in
 * {@code META-INF/spring.factories}.
 */
public class WebOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

	/** Packages of the auto-configurations that only serve the HTTP endpoint. */
	private static final List<String> WEB_ONLY = List.of("org.springframework.boot.actuate.",
			"org.springframework.boot.health.", "org.springframework.boot.micrometer.",
			"org.springframework.boot.security.", "org.springframework.boot.servlet.",
			"org.springframework.boot.tomcat.", "org.springframework.boot.webmvc.",
			"org.springframework.boot.http.converter.");

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean web = isWeb(this.environment);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String name = autoConfigurationClasses[i];
			matches[i] = web || name == null || !isWebOnly(name);
		}
		return matches;
	}

	/**
	 * Whether the process is a web application ({@code spring.main.web-application-type}
	 * other than none).
	 */
	static boolean isWeb(Environment environment) {
		String type = (environment != null) ? environment.getProperty("spring.main.web-application-type", "none")
				: "none";
		return !"none".equalsIgnoreCase(type.trim());
	}

	static boolean isWebOnly(String autoConfiguration) {
		return WEB_ONLY.stream().anyMatch(autoConfiguration::startsWith) || autoConfiguration.contains(".actuate.")
				|| autoConfiguration.contains(".autoconfigure.metrics.")
				|| autoConfiguration.contains(".autoconfigure.health.");
	}

}
