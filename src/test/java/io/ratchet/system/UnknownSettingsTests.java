package io.ratchet.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * An unknown {@code ratchet.*} key is refused naming the key, where it was given (the
 * file and line, the command-line argument, the environment variable) and the nearest
 * known key; the property sources are those Spring Boot builds, without a context.
 */
class UnknownSettingsTests {

	private final KnownSettings known = KnownSettings.fromMetadata(getClass().getClassLoader());

	@TempDir
	Path folder;

	@Test
	void aTypoInTheFileOnTheCommandLineAndInTheEnvironmentIsNamedWithItsSourceAndTheNearestKey() throws IOException {
		// given
		Path yml = this.folder.resolve("application.yml");
		Files.writeString(yml, """
				ratchet:
				  backtest:
				    threads: 2
				    max-rejected-shar: 0.05
				""");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(file(yml));
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", Map.of("RATCHET_NOWTEST_WINDW", "14d",
					"RATCHET_JAVA_OPTS", "-Xmx1g", "RATCHET_BACKTEST_THREADS", "3")));
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--ratchet.backtst.threads=4", "--ratchet.paths.data=x"));

		// then
		assertThatExceptionOfType(UnknownSettingException.class)
			.isThrownBy(() -> UnknownSettings.check(environment, this.known))
			.withMessageContaining("unknown setting ratchet.backtst.threads (the command-line argument "
					+ "--ratchet.backtst.threads=4): did you mean ratchet.backtest.threads?")
			.withMessageContaining("unknown setting ratchet.nowtest.windw (the environment variable "
					+ "RATCHET_NOWTEST_WINDW): did you mean ratchet.nowtest.window?")
			.withMessageContaining("unknown setting ratchet.backtest.max-rejected-shar (")
			.withMessageContaining(yml.getFileName() + "] - 4:24): did you mean ratchet.backtest.max-rejected-share?")
			.withMessageNotContaining("JAVA")
			.withMessageNotContaining("ratchet.paths.data")
			.withMessageNotContaining("ratchet.backtest.threads (");
	}

	@Test
	void knownKeysPass() throws IOException {
		// given: the shipped configuration
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(file(Path.of("config/application.yml")));
		environment.getPropertySources().addFirst(file(Path.of("src/main/resources/application.yml")));

		// then
		assertThatNoException().isThrownBy(() -> UnknownSettings.check(environment, this.known));
	}

	@Test
	void theVariablesOfCiTheTestsAndTheScriptsAreNotSettingsButATypoBesideThemIs() {
		// given: what .ci/run and jobs/ export, and one typo of a setting
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
					Map.of("RATCHET_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1/x",
							"RATCHET_TEST_BROWSER_REQUIRED", "1", "RATCHET_TEST_CHROMEDRIVER", "/usr/bin/chromedriver",
							"RATCHET_FAULT_ALERT_TRIALS", "4", "RATCHET_BENCH_VENV", "/tmp/venv", "RATCHET_CDS", "0",
							"RATCHET_BACKTEST_THREDS", "2")));

		// then: only the typo is refused
		assertThatExceptionOfType(UnknownSettingException.class)
			.isThrownBy(() -> UnknownSettings.check(environment, this.known))
			.withMessageContaining("unknown setting ratchet.backtest.threds (the environment variable "
					+ "RATCHET_BACKTEST_THREDS): did you mean ratchet.backtest.threads?")
			.withMessageNotContaining("RATCHET_TEST_")
			.withMessageNotContaining("RATCHET_FAULT_")
			.withMessageNotContaining("RATCHET_BENCH_")
			.withMessageNotContaining("RATCHET_CDS");
	}

	private static PropertySource<?> file(Path yml) throws IOException {
		return new YamlPropertySourceLoader().load(yml.toString(), new FileSystemResource(yml)).get(0);
	}

}
