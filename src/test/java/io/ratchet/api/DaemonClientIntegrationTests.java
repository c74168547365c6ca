package io.ratchet.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ratchet.TestPaths;
import io.ratchet.faults.RatchetProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code jobs/backtest} through a real daemon ({@code jobs/console} on a free port, found
 * through {@code .ratchet/daemon}) with {@code RATCHET_DAEMON=require}, against the same
 * back-test run here, in a workspace of its own with the demo: the same exit code, the
 * same printout (run ids, as-of and timing aside) and the same stored figures
 * ({@code metrics.csv} but its run column); asked again, the run that already completed
 * answers; when the daemon stops, its address file goes and {@code auto} runs here.
 */
class DaemonClientIntegrationTests {

	private static final Duration START = Duration.ofMinutes(3);

	private static final Duration RUN = Duration.ofMinutes(5);

	private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d .*");

	private static final Pattern RUN_ID = Pattern.compile("Back-test run (\\d+) ");

	@TempDir
	Path workspace;

	@BeforeEach
	void workspace() throws IOException {
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		Files.copy(Path.of("jobs/ratchet"), jobs.resolve("ratchet"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.createSymbolicLink(this.workspace.resolve("target"), Path.of("target").toAbsolutePath());
		TestPaths.copyDemo(this.workspace);
	}

	@Test
	void aBacktestThroughTheDaemonPrintsStoresAndExitsAsALocalOne() throws Exception {
		// given: the daemon, listening on a port of its choosing
		Path address = this.workspace.resolve(".ratchet/daemon");
		RatchetProcess daemon = start(Map.of(), "console", "--server.port=0");
		try {
			await().atMost(START)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> !daemon.alive() || Files.readString(address).contains("\nurl=http://127.0.0.1:"));
			assertThat(daemon.alive()).as(daemon.output()).isTrue();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(address))).isEqualTo("rw-------");

			// when
			RatchetProcess remote = start(Map.of("RATCHET_DAEMON", "require"), "backtest", "--as-of",
					"2026-01-01T00:00:00");
			int remoteCode = remote.waitFor(RUN);
			RatchetProcess local = start(Map.of(), "backtest", "--as-of=2026-01-02T00:00:00");
			int localCode = local.waitFor(RUN);

			// then
			assertThat(remoteCode).as(remote.output()).isEqualTo(3);
			assertThat(localCode).as(local.output()).isEqualTo(3);
			assertThat(remote.output()).contains("/24 months done (in the daemon, process " + daemon.pid() + ")");
			assertThat(printout(remote.output())).isEqualTo(printout(local.output())).contains("Verdict: BREACH");
			assertThat(figures(runId(remote.output()))).isEqualTo(figures(runId(local.output())))
				.hasSizeGreaterThan(24);

			// when: the same back-test again
			RatchetProcess again = start(Map.of("RATCHET_DAEMON", "auto"), "backtest", "--as-of",
					"2026-01-01T00:00:00");

			// then: answered by the run that completed, as the local command answers it
			assertThat(again.waitFor(RUN)).as(again.output()).isEqualTo(3);
			assertThat(again.output())
				.contains("This back-test already ran as run " + runId(remote.output())
						+ " (same dataset, months, models and as-of); its outcome:")
				.doesNotContain("months done");
		}
		finally {
			daemon.terminate();
			daemon.waitFor(RUN);
		}
		assertThat(address).doesNotExist();

		// when: no daemon
		RatchetProcess fallback = start(Map.of("RATCHET_DAEMON", "auto"), "backtest", "--as-of", "2026-01-03T00:00:00");

		// then: run here
		assertThat(fallback.waitFor(RUN)).as(fallback.output()).isEqualTo(3);
		assertThat(fallback.output()).contains("rows/s").doesNotContain("in the daemon");
	}

	private RatchetProcess start(Map<String, String> extra, String... args) {
		Map<String, String> environment = new HashMap<>(extra);
		environment.put("RATCHET_CDS", "0");
		environment.put("RATCHET_SECRETS", this.workspace.resolveSibling("no-secrets").toString());
		environment.putIfAbsent("RATCHET_DAEMON", "off");
		return RatchetProcess.script(this.workspace, environment, List.of(args));
	}

	/** What a command printed but its log lines, run ids, as-of and timing left out. */
	private static List<String> printout(String output) {
		List<String> lines = new ArrayList<>();
		for (String line : output.split("\n")) {
			if (!LOG_LINE.matcher(line).matches()) {
				lines.add(line.replaceAll("(run |Run |reports/backtest/)\\d+", "$1#")
					.replaceAll("asOf=\\S+\\)", "asOf=#)")
					.replaceAll(" · [\\d.]+ s · [\\d,]+ rows/s", " · #"));
			}
		}
		return lines;
	}

	private static long runId(String output) {
		Matcher matcher = RUN_ID.matcher(output);
		assertThat(matcher.find()).as(output).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	/** The run's {@code metrics.csv} without its first column, the run id. */
	private List<String> figures(long runId) throws IOException {
		return Files.readAllLines(this.workspace.resolve("reports/backtest/" + runId + "/metrics.csv"))
			.stream()
			.map((line) -> line.substring(line.indexOf(',') + 1))
			.toList();
	}

}
