package io.ratchet.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The syntax of the command line without Spring: the help of every command with its
 * options, defaults and exit codes, the version, and picocli's usage errors (exit 2, the
 * message naming the option, then the command's usage, on stderr).
 */
class CommandSyntaxTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	static Stream<String> commands() {
		return CommandSyntax.parser().getSubcommands().keySet().stream().filter((name) -> !name.equals("help"));
	}

	@ParameterizedTest
	@MethodSource("commands")
	void everyCommandHasAHelpWithEveryOptionItsMeaningAndTheExitCodes(String command) {
		// when
		int dashDashHelp = answer(command, "--help");
		String help = out();
		int helpCommand = answer("help", command);

		// then: both forms print the same help
		assertThat(dashDashHelp).isZero();
		assertThat(helpCommand).isZero();
		assertThat(out()).isEqualTo(help + help);
		assertThat(help).startsWith("Usage: ratchet " + command)
			.contains("Exit codes:")
			.contains("0   done")
			.contains("1   the run failed")
			.contains("2   the command was wrong")
			.contains("3   a requirement was breached");
		for (OptionSpec option : CommandSyntax.parser().getSubcommands().get(command).getCommandSpec().options()) {
			assertThat(help).contains(option.longestName());
			assertThat(option.description()).as(command + " " + option.longestName()).isNotEmpty();
		}
	}

	@Test
	void theHelpListsEveryCommandAndEveryDeveloperScript() throws IOException {
		// when
		int exit = answer("--help");

		// then
		assertThat(exit).isZero();
		String help = out();
		assertThat(commands()).allMatch((command) -> help.contains("\n  " + command + " "));
		try (Stream<Path> scripts = Files.list(Path.of("jobs/dev"))) {
			assertThat(scripts.map((script) -> "jobs/dev/" + script.getFileName())).isNotEmpty()
				.allMatch(help::contains);
		}
	}

	@Test
	void defaultsAreShown() {
		// when
		answer("runs", "--help");

		// then
		assertThat(out()).containsPattern("--limit=N +how many runs to list\\s+Default: 20");
	}

	@Test
	void theVersionIsTheProjectsFromThePom() throws IOException {
		// given
		String pom = Files.readString(Path.of("pom.xml"));
		String version = pom.substring(pom.indexOf("<artifactId>ratchet</artifactId>"));
		version = version.substring(version.indexOf("<version>") + 9, version.indexOf("</version>"));

		// when
		int exit = answer("--version");

		// then
		assertThat(exit).isZero();
		assertThat(out().trim()).isEqualTo("Ratchet " + version);
	}

	@Test
	void noCommandPrintsTheHelpAndExitsTwo() {
		assertThat(answer()).isEqualTo(CommandLine.USAGE);
		assertThat(out()).contains("Usage: ratchet [-hV] COMMAND");
	}

	@Test
	void aBadNumberIsExitTwoNamingTheOptionThenTheCommandsUsageOnStderr() {
		// when
		int exit = answer("runs", "--limit", "abc");

		// then
		assertThat(exit).isEqualTo(CommandLine.USAGE);
		assertThat(out()).isEmpty();
		assertThat(err()).startsWith("ratchet runs: Invalid value for option '--limit': 'abc' is not an int")
			.contains("Usage: ratchet runs");
	}

	@Test
	void unknownOptionsMissingValuesAndMissingArgumentsAreExitTwo() {
		assertThat(answer("backtest", "--frm", "2025-01")).isEqualTo(CommandLine.USAGE);
		assertThat(answer("backtest", "--dataset")).isEqualTo(CommandLine.USAGE);
		assertThat(answer("history")).isEqualTo(CommandLine.USAGE);
		assertThat(answer("restart", "last")).isEqualTo(CommandLine.USAGE);
		assertThat(answer("frobnicate")).isEqualTo(CommandLine.USAGE);
		assertThat(err()).contains("ratchet backtest: Unknown options: '--frm', '2025-01'")
			.contains("ratchet backtest: Missing required parameter for option '--dataset' (DATASET)")
			.contains("ratchet history: Missing required parameter: 'DATASET'")
			.contains("ratchet restart: Invalid value for positional parameter at index 0 (RUN): 'last' is not a long")
			.contains("ratchet: Unmatched argument at index 0: 'frobnicate'")
			.contains("Usage: ratchet history");
		assertThat(out()).isEmpty();
	}

	@Test
	void aCommandLineThatParsesIsLeftToRun() {
		for (List<String> command : List.of(List.of("runs", "--json", "--limit", "3"), List.of("backtest"),
				List.of("import", "churn", "a.csv", "b.csv"), List.of("model-cases", "--check"))) {
			assertThat(answer(command.toArray(String[]::new))).as(command.toString()).isEqualTo(-1);
		}
		assertThat(out()).isEmpty();
		assertThat(err()).isEmpty();
	}

	private int answer(String... command) {
		return CommandSyntax.answerWithoutSpring(command, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
