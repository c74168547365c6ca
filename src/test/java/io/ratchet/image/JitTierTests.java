package io.ratchet.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launchers' rule for the JIT ({@code jit_tier} in {@code jobs/ratchet}, with bash,
 * and in the container's entry point, with sh): a back-test or now-test whose month files
 * are smaller than {@code RATCHET_QUICK_JIT_KIB} gets the quick compiler only, anything
 * else both compilers, and a back-test of larger month files the optimising compiler
 * after 100 times the default calls ({@code jit_options}); the data folder is found as
 * Ratchet finds it. Each case runs the functions of both scripts in a workspace of its
 * own, which must answer the same.
 */
class JitTierTests {

	private static final Path JOBS_RATCHET = Path.of("jobs/ratchet");

	private static final Path ENTRYPOINT = Path.of("src/main/jib/opt/ratchet/bin/ratchet");

	@TempDir
	Path workspace;

	@Test
	void smallMonthFilesGetTheQuickCompilerForBacktestsAndNowtestsOnly() throws Exception {
		// given
		month("historical-data/churn/2024-01.csv", 10);

		// when, then
		assertThat(tier(Map.of(), "backtest")).isEqualTo("quick");
		assertThat(tier(Map.of(), "nowtest", "--dataset", "churn")).isEqualTo("quick");
		assertThat(tier(Map.of(), "challenge")).isEqualTo("full");
		assertThat(tier(Map.of(), "runs")).isEqualTo("full");
		assertThat(tier(Map.of(), "scheduler")).isEqualTo("full");
	}

	@Test
	void monthFilesOverTheLimitGetBothCompilers() throws Exception {
		// given: 200 KiB of month files, a limit of 100 KiB
		month("historical-data/big/2024-01.csv", 100);
		month("historical-data/big/2024-02.csv", 100);
		month("historical-data/small/2024-01.csv", 10);
		Map<String, String> limit = Map.of("RATCHET_QUICK_JIT_KIB", "100");

		// when, then
		assertThat(tier(limit, "backtest")).as("the whole data folder").isEqualTo("full");
		assertThat(tier(limit, "backtest", "--dataset=big")).isEqualTo("full");
		assertThat(tier(limit, "backtest", "--dataset", "small")).as("only the dataset's folder").isEqualTo("quick");
		assertThat(tier(Map.of("RATCHET_QUICK_JIT_KIB", "0"), "backtest", "--dataset=small")).as("0: never")
			.isEqualTo("full");
	}

	@Test
	void theDataFolderIsFoundAsRatchetFindsIt() throws Exception {
		// given: historical-data/ is big, the folders named by the settings are small
		month("historical-data/peers/2024-01.csv", 200);
		month("from-yml/peers/2024-01.csv", 10);
		month("from-env/peers/2024-01.csv", 10);
		month("from-argument/peers/2024-01.csv", 10);
		Files.createDirectories(this.workspace.resolve("config"));
		Files.writeString(this.workspace.resolve("config/application.yml"),
				"ratchet:\n  defaults:\n    data: elsewhere\n  paths:\n    config: config\n"
						+ "    data: from-yml               # a comment\n  backtest:\n    threads: 0\n");
		Map<String, String> limit = Map.of("RATCHET_QUICK_JIT_KIB", "100");

		// when, then
		assertThat(tier(limit, "backtest")).as("paths.data of config/application.yml").isEqualTo("quick");
		assertThat(tier(Map.of("RATCHET_QUICK_JIT_KIB", "100", "RATCHET_PATHS_DATA", "historical-data"), "backtest"))
			.as("the environment over the file")
			.isEqualTo("full");
		assertThat(tier(Map.of("RATCHET_QUICK_JIT_KIB", "100", "RATCHET_PATHS_DATA", "historical-data"), "backtest",
				"--ratchet.paths.data=from-argument"))
			.as("the command line over the environment")
			.isEqualTo("quick");
		assertThat(tier(limit, "backtest", "--ratchet.paths.data=missing")).as("a missing folder").isEqualTo("full");
	}

	@Test
	void aBacktestOfLargeMonthFilesGetsTheOptimisingCompilerLaterAndOtherCommandsTheirTierOnly() throws Exception {
		// given: 200 KiB of month files against a limit of 100 KiB, 10 KiB against the
		// default
		month("historical-data/big/2024-01.csv", 100);
		month("historical-data/big/2024-02.csv", 100);
		month("historical-data/small/2024-01.csv", 10);
		Map<String, String> limit = Map.of("RATCHET_QUICK_JIT_KIB", "100");

		// when
		String largeBacktest = options(limit, "backtest", "--dataset=big");
		String smallBacktest = options(limit, "backtest", "--dataset", "small");
		String largeNowtest = options(limit, "nowtest", "--dataset=big");
		String runs = options(limit, "runs");

		// then
		assertThat(largeBacktest.split(" ")).contains("-XX:Tier4InvocationThreshold=500000",
				"-XX:Tier4MinInvocationThreshold=60000", "-XX:Tier4CompileThreshold=600000",
				"-XX:Tier4BackEdgeThreshold=400000");
		assertThat(largeBacktest).doesNotContain("TieredStopAtLevel");
		assertThat(smallBacktest).isEqualTo("-XX:TieredStopAtLevel=1");
		assertThat(largeNowtest).as("a now-test keeps the thresholds every command gets").isEmpty();
		assertThat(runs).isEmpty();
	}

	/** Writes a month file of about {@code kib} KiB. */
	private void month(String path, int kib) throws IOException {
		Path file = this.workspace.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, "day,x,label\n" + "2024-01-01,0.5,1\n".repeat(kib * 1024 / 17));
	}

	/** The answer of both scripts' {@code jit_tier}, which must be the same. */
	private String tier(Map<String, String> environment, String... args) throws Exception {
		return both("jit_tier", environment, args);
	}

	/**
	 * The JIT options both scripts' {@code jit_options} give, which must be the same.
	 */
	private String options(Map<String, String> environment, String... args) throws Exception {
		return both("jit_options", environment, args);
	}

	private String both(String name, Map<String, String> environment, String... args) throws Exception {
		String bash = run(List.of("bash", "-c"), JOBS_RATCHET, name, environment, args);
		String sh = run(List.of("sh", "-c"), ENTRYPOINT, name, environment, args);
		assertThat(sh).as("the container's entry point against jobs/ratchet").isEqualTo(bash);
		return bash;
	}

	private String run(List<String> shell, Path script, String name, Map<String, String> environment, String... args)
			throws Exception {
		String text = Files.readString(script);
		String functions = function(text, "jit_tier") + "\n" + function(text, "jit_options");
		List<String> command = new ArrayList<>(shell);
		command.add(functions + "\n" + name + " \"$@\"");
		command.add(name);
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workspace.toFile());
		builder.environment().remove("RATCHET_QUICK_JIT_KIB");
		builder.environment().remove("RATCHET_PATHS_DATA");
		builder.environment().putAll(environment);
		Process process = builder.redirectErrorStream(true).start();
		assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.exitValue()).as(script + ": " + out).isZero();
		return out;
	}

	/**
	 * A function of a script ({@code jit_tier}, {@code jit_options}), from its first line
	 * to its closing brace.
	 */
	private static String function(String script, String name) {
		int start = script.indexOf("\n" + name + "() {");
		assertThat(start).as("a " + name + " function").isNotNegative();
		int end = script.indexOf("\n}\n", start);
		return script.substring(start + 1, end + 3);
	}

}
