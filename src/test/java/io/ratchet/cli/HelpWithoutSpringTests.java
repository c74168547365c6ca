package io.ratchet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ratchet.RatchetApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jobs/ratchet --help}, {@code <command> --help}, {@code --version} and a usage
 * error, each in its own JVM started as {@code jobs/ratchet} starts one (the main class),
 * in an empty working directory: they answer without starting Spring, so no database file
 * (H2's {@code ./.ratchet/db}), no log file and no Spring output appear.
 */
class HelpWithoutSpringTests {

	@TempDir
	Path workdir;

	@Test
	void helpVersionAndUsageErrorsStartNeitherSpringNorTheDatabase() throws Exception {
		// when
		Answer help = ratchet("--help");
		Answer commandHelp = ratchet("backtest", "--help", "--ratchet.backtest.threads=2");
		Answer helpCommand = ratchet("help", "scheduler");
		Answer version = ratchet("--version");
		Answer badNumber = ratchet("runs", "--limit", "abc");

		// then
		assertThat(help.exit()).as(help.err()).isZero();
		assertThat(help.out()).contains("Usage: ratchet").contains("jobs/dev/fault-suite");
		assertThat(commandHelp.exit()).isZero();
		assertThat(commandHelp.out()).contains("Usage: ratchet backtest").contains("--from=YYYY-MM");
		assertThat(helpCommand.out()).contains("Usage: ratchet scheduler").contains("--check");
		assertThat(version.out()).startsWith("Ratchet ");
		assertThat(badNumber.exit()).isEqualTo(CommandLine.USAGE);
		assertThat(badNumber.err()).contains("Invalid value for option '--limit': 'abc' is not an int");
		for (Answer answer : List.of(help, commandHelp, helpCommand, version, badNumber)) {
			// Spring's banner and start-up log lines never appear
			assertThat(answer.out() + answer.err()).doesNotContain(":: Spring Boot ::")
				.doesNotContain("Started RatchetApplication")
				.doesNotContain("HikariPool");
		}
		try (Stream<Path> created = Files.list(this.workdir)) {
			assertThat(created).as("files created in the working directory").isEmpty();
		}
	}

	private Answer ratchet(String... args) throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(
				List.of(java, "-cp", System.getProperty("java.class.path"), RatchetApplication.class.getName()));
		command.addAll(List.of(args));
		Path out = Files.createTempFile("ratchet-out", ".txt");
		Path err = Files.createTempFile("ratchet-err", ".txt");
		try {
			Process process = new ProcessBuilder(command).directory(this.workdir.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
			return new Answer(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		finally {
			Files.delete(out);
			Files.delete(err);
		}
	}

	private record Answer(int exit, String out, String err) {
	}

}
