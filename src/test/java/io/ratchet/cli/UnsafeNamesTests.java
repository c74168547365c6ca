package io.ratchet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.ratchet.ConsoleCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that takes a dataset, model or version name refuses one that could reach
 * outside the workspace ({@code ..}, a separator, an absolute path, NUL), with exit code
 * 2 and a message naming the bad name, before any file is read or written: the folder
 * beside the workspace, which the names aim at, stays untouched.
 */
@SpringBootTest
@ActiveProfiles("test")
class UnsafeNamesTests {

	@TempDir
	static Path root;

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) {
		registry.add("ratchet.paths.config", () -> root.resolve("workspace/config").toString());
		registry.add("ratchet.paths.data", () -> root.resolve("workspace/historical-data").toString());
		registry.add("ratchet.paths.reports", () -> root.resolve("workspace/reports").toString());
	}

	@Autowired
	CommandLine commandLine;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@BeforeEach
	void workspace() throws IOException {
		Files.createDirectories(root.resolve("outside"));
		Files.createDirectories(root.resolve("workspace/config/models"));
		Files.writeString(root.resolve("export.json"), "{}");
		Files.writeString(root.resolve("rows.csv"), "a,b\n1,2\n");
	}

	static Stream<Arguments> maliciousCommandLines() {
		String up = "../../outside";
		String absolute = root.resolve("outside").toString();
		return Stream.of(Arguments.of("dataset", List.of("backtest", "--dataset", up)),
				Arguments.of("model", List.of("backtest", "--dataset", "churn", "--models", "../x@1")),
				Arguments.of("dataset", List.of("nowtest", "--dataset", absolute)),
				Arguments.of("dataset", List.of("challenge", "--dataset", "a/b")),
				Arguments.of("dataset", List.of("promote", up, "churn-logit", "2")),
				Arguments.of("model", List.of("promote", "churn", "../../outside/m", "2")),
				Arguments.of("version", List.of("promote", "churn", "churn-logit", "2/../../x")),
				Arguments.of("dataset", List.of("history", "..")),
				Arguments.of("dataset", List.of("rollback", "churn\u0000")),
				Arguments.of("model", List.of("model-cases", "../../outside/m@1")),
				Arguments.of("version", List.of("model-cases", "m@../1")),
				Arguments.of("model", List.of("model-cases", "--check", "/etc/passwd@1")),
				Arguments.of("dataset", List.of("import-model", up, root.resolve("export.json").toString())),
				Arguments.of("version",
						List.of("import-model", "churn", root.resolve("export.json").toString(), "--version",
								"../../../outside/x")),
				Arguments.of("dataset", List.of("import", absolute, root.resolve("rows.csv").toString())),
				Arguments.of("dataset", List.of("import", "", root.resolve("rows.csv").toString())));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("maliciousCommandLines")
	void isRefusedBeforeTouchingAFile(String what, List<String> args) throws IOException {
		// when
		int exit = this.commandLine.run(args.toArray(String[]::new));
		// then
		String message = this.console.err();
		assertThat(exit).as(message).isEqualTo(CommandLine.USAGE);
		assertThat(message).contains("ratchet " + args.get(0) + ": invalid " + what + " name '")
			.contains("no path separators, '..', absolute paths or control characters")
			.doesNotContain("\u0000");
		try (Stream<Path> outside = Files.list(root.resolve("outside"))) {
			assertThat(outside).isEmpty();
		}
		try (Stream<Path> top = Files.list(root)) {
			assertThat(top.map((p) -> p.getFileName().toString())).containsExactlyInAnyOrder("outside", "workspace",
					"export.json", "rows.csv");
		}
		try (Stream<Path> models = Files.list(root.resolve("workspace/config/models"))) {
			assertThat(models).isEmpty();
		}
	}

}
