package io.ratchet.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Refuses to start when a {@code ratchet.*} setting is not one Ratchet knows
 * ({@link KnownSettings}): a typo such as {@code --ratchet.backtst.threads=4} would
 * otherwise be ignored and the run would use the default. The message names each unknown
 * key, where it was given (file and line of {@code config/application.yml}, the
 * command-line argument, the environment variable) and the nearest known key. Runs once
 * the environment is prepared (every configuration file read), before any bean is
 * created; registered in {@code META-INF/spring.factories}.
 */
public class UnknownSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	/**
	 * Environment variables that the scripts under {@code jobs/} and the tests read
	 * themselves (e.g. {@code RATCHET_JAVA_OPTS}): not settings, so not checked.
	 */
	static final Set<String> SCRIPT_VARIABLES = Set.of("RATCHET_JAVA_OPTS", "RATCHET_CDS", "RATCHET_UMASK",
			"RATCHET_QUICK_JIT_KIB", "RATCHET_SECRETS", "RATCHET_BASE_CACHE", "RATCHET_DAEMON");

	/**
	 * Prefixes of the environment variables of the tests, the fault suite and the
	 * benchmarks ({@code RATCHET_TEST_POSTGRES_URL}, {@code RATCHET_FAULT_ALERT_TRIALS},
	 * {@code RATCHET_BENCH_VENV} ...): no setting lives under {@code ratchet.test},
	 * {@code ratchet.fault} or {@code ratchet.bench}, so CI may set any of them.
	 */
	static final List<String> SCRIPT_PREFIXES = List.of("RATCHET_TEST_", "RATCHET_FAULT_", "RATCHET_BENCH_");

	/** Whether an environment variable is read by the scripts or tests, not bound. */
	static boolean scriptVariable(String name) {
		return SCRIPT_VARIABLES.contains(name) || SCRIPT_PREFIXES.stream().anyMatch(name::startsWith);
	}

	private static final ConfigurationPropertyName RATCHET = ConfigurationPropertyName.of("ratchet");

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		check(event.getEnvironment(), KnownSettings.fromMetadata(getClass().getClassLoader()));
	}

	/**
	 * @throws UnknownSettingException naming every unknown {@code ratchet.*} key of the
	 * environment
	 */
	static void check(ConfigurableEnvironment environment, KnownSettings known) {
		List<String> problems = new ArrayList<>();
		for (PropertySource<?> propertySource : environment.getPropertySources()) {
			if (ConfigurationPropertySource
				.from(propertySource) instanceof IterableConfigurationPropertySource source) {
				source.stream()
					.filter(RATCHET::isAncestorOf)
					.filter((name) -> !known.isKnown(name.toString()))
					.map((name) -> describe(name, source.getConfigurationProperty(name), propertySource, known))
					.filter((problem) -> problem != null && !problems.contains(problem))
					.forEach(problems::add);
			}
		}
		if (!problems.isEmpty()) {
			throw new UnknownSettingException(problems);
		}
	}

	private static String describe(ConfigurationPropertyName name, ConfigurationProperty property,
			PropertySource<?> propertySource, KnownSettings known) {
		Origin origin = (property != null) ? property.getOrigin() : null;
		// the key as it was written (RATCHET_BACKTST_THREADS), and where, when Spring
		// knows it (a file and line)
		String given = (origin instanceof PropertySourceOrigin source) ? source.getPropertyName() : name.toString();
		Origin where = (origin instanceof PropertySourceOrigin source && source.getOrigin() != null)
				? source.getOrigin() : origin;
		String described;
		if (propertySource instanceof SystemEnvironmentPropertySource) {
			if (scriptVariable(given)) {
				return null;
			}
			described = "the environment variable " + given;
		}
		else if (propertySource instanceof CommandLinePropertySource<?>) {
			described = "the command-line argument --" + given + "=" + ((property != null) ? property.getValue() : "");
		}
		else {
			described = (where != null) ? String.valueOf(where) : "property source " + propertySource.getName();
		}
		return "unknown setting " + name + " (" + described + ")"
				+ known.nearest(name.toString()).map((nearest) -> ": did you mean " + nearest + "?").orElse("");
	}

}
