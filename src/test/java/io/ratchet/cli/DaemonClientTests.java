package io.ratchet.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client side of {@code RATCHET_DAEMON} in {@code jobs/ratchet} (bash, curl, jq), run
 * as a user runs it in a workspace of its own: which command lines go to the daemon, what
 * a missing, stale or silent daemon means under {@code require} and {@code auto}, and the
 * exchange with a daemon (here a small HTTP server answering as {@code /api/runs} does;
 * the real daemon: {@code DaemonClientIntegrationTests}). A {@code java} on the
 * {@code PATH} that only prints its arguments stands for the local run.
 */
class DaemonClientTests {

	@TempDir
	Path workspace;

	private HttpServer daemon;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	@BeforeEach
	void workspace() throws IOException {
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		Files.copy(Path.of("jobs/ratchet"), jobs.resolve("ratchet"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.createDirectories(this.workspace.resolve("historical-data/churn"));
		Files.createDirectories(this.workspace.resolve("target"));
		Files.writeString(this.workspace.resolve("target/ratchet.jar"), "a jar");
		Path bin = Files.createDirectories(this.workspace.resolve("bin"));
		Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"local run: $*\"\n");
		bin.resolve("java").toFile().setExecutable(true);
		Files.createDirectories(this.workspace.resolve(".ratchet"));
		Files.writeString(this.workspace.resolve(".ratchet/http-credentials"), "ratchet:s3cret\n");
	}

	@AfterEach
	void stop() {
		if (this.daemon != null) {
			this.daemon.stop(0);
		}
	}

	@Test
	void offRunsHereAndABadModeIsAUsageError() throws Exception {
		// given
		address(ProcessHandle.current().pid(), freePort());

		// when
		Result off = run(Map.of(), "backtest");
		Result bad = run(Map.of("RATCHET_DAEMON", "always"), "backtest");

		// then
		assertThat(off.code()).isZero();
		assertThat(off.output()).contains("local run: ").contains(" backtest");
		assertThat(bad.code()).isEqualTo(2);
		assertThat(bad.output()).contains("RATCHET_DAEMON must be off, auto or require, not 'always'");
	}

	@Test
	void requireRefusesEveryOptionTheDaemonCannotHonourNamingIt() throws Exception {
		for (String option : List.of("--ratchet.paths.data=elsewhere", "--spring.datasource.url=jdbc:h2:mem:x",
				"--help", "--window=30d", "churn")) {
			// when
			Result result = run(Map.of("RATCHET_DAEMON", "require"), "backtest", "--dataset", "churn", option);

			// then: nothing launched, the option named
			assertThat(result.code()).as(result.output()).isEqualTo(2);
			assertThat(result.output()).contains("cannot honour '" + option + "'").doesNotContain("local run");
		}
	}

	@Test
	void autoRunsHereWhatTheDaemonCannotHonourOrWhenNoDaemonAnswers() throws Exception {
		// given: a daemon that would answer
		serve(202, 3);

		// when
		Result setting = run(Map.of("RATCHET_DAEMON", "auto"), "backtest", "--ratchet.paths.data=historical-data");

		// then
		assertThat(setting.code()).isZero();
		assertThat(setting.output()).contains("local run: ").contains("backtest --ratchet.paths.data=historical-data");
		assertThat(this.requests).isEmpty();

		// given: the address file of a daemon killed without removing it
		this.daemon.stop(0);
		this.daemon = null;
		address(deadProcess(), freePort());

		// when
		Result stale = run(Map.of("RATCHET_DAEMON", "auto"), "nowtest", "--dataset", "churn");

		// then
		assertThat(stale.code()).isZero();
		assertThat(stale.output()).contains("local run: ").contains("nowtest --dataset churn");
	}

	@Test
	void requireFailsNamingAMissingStaleOrSilentDaemon() throws Exception {
		// when: no address file
		Result missing = run(Map.of("RATCHET_DAEMON", "require"), "backtest");

		// then
		assertThat(missing.code()).isEqualTo(1);
		assertThat(missing.output()).contains("no daemon serves this workspace").doesNotContain("local run");

		// given: the process it names is gone
		long dead = deadProcess();
		address(dead, freePort());

		// when
		Result stale = run(Map.of("RATCHET_DAEMON", "require"), "backtest");

		// then
		assertThat(stale.code()).isEqualTo(1);
		assertThat(stale.output())
			.contains(".ratchet/daemon is stale: the daemon it names (process " + dead + ") is gone");

		// given: a live process (this one), but its port refuses
		int port = freePort();
		address(ProcessHandle.current().pid(), port);

		// when
		Result silent = run(Map.of("RATCHET_DAEMON", "require"), "challenge");

		// then
		assertThat(silent.code()).isEqualTo(1);
		assertThat(silent.output()).contains("http://127.0.0.1:" + port + ") does not answer")
			.doesNotContain("local run");
	}

	@Test
	void aDaemonReadingAnotherDataFolderIsNotThisWorkspacesOne() throws Exception {
		// given
		serve(202, 0);

		// when
		Result result = run(Map.of("RATCHET_DAEMON", "require", "RATCHET_PATHS_DATA", "elsewhere"), "backtest");

		// then
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.output()).contains("reads " + this.workspace.toRealPath().resolve("historical-data"));
		assertThat(this.requests).isEmpty();
	}

	@Test
	void theRunIsLaunchedFollowedAndAnsweredWithTheDaemonsPrintoutAndExitCode() throws Exception {
		// given
		serve(202, 3);

		// when
		Result result = run(Map.of("RATCHET_DAEMON", "require"), "backtest", "--dataset", "churn", "--from=2024-01",
				"--models", "a@1,b@2", "--as-of", "2026-01-01T00:00:00");

		// then: the options as the API's parameters, the login from .ratchet/, progress
		// while it runs, then the printout and the exit code
		assertThat(result.code()).as(result.output()).isEqualTo(3);
		assertThat(this.requests).first()
			.asString()
			.startsWith("POST /api/runs Basic " + Base64.getEncoder().encodeToString("ratchet:s3cret".getBytes()))
			.contains("\"job\":\"backtest\"")
			.contains("\"dataset\":\"churn\"", "\"from\":\"2024-01\"", "\"models\":\"a@1,b@2\"",
					"\"asOf\":\"2026-01-01T00:00:00\"");
		assertThat(result.output()).startsWith("Back-testing churn (stub)\n")
			.contains("INFO  run 7: 1/2 months done (in the daemon")
			.endsWith("\nVerdict: BREACH\n");
		assertThat(this.requests).last().asString().startsWith("GET /api/runs/7/summary?wait=30&after=1/2");
	}

	@Test
	void aRunThatAlreadyCompletedIsAnsweredAsTheLocalCommandAnswersIt() throws Exception {
		// given
		serve(200, 0);

		// when
		Result result = run(Map.of("RATCHET_DAEMON", "auto"), "challenge", "--as-of", "2026-01-01");

		// then
		assertThat(result.code()).as(result.output()).isZero();
		assertThat(result.output()).startsWith("Back-testing churn (stub)\nThis run already ran; its outcome:\n")
			.doesNotContain("months done");
	}

	/**
	 * A daemon answering the launch with {@code launchStatus}, then progress, then the
	 * end.
	 */
	private void serve(int launchStatus, int exitCode) throws IOException {
		this.daemon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		AtomicInteger polls = new AtomicInteger();
		this.daemon.createContext("/api/runs", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.requests
				.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + authorization + " " + body);
			if ("POST".equals(exchange.getRequestMethod())) {
				answer(exchange, launchStatus, "{\"runId\": 7, \"message\": \"This run already ran\", "
						+ "\"heading\": \"Back-testing churn (stub)\"}");
			}
			else if (launchStatus == 202 && polls.incrementAndGet() < 3) {
				answer(exchange, 202, "1/2");
			}
			else {
				exchange.getResponseHeaders().add("Ratchet-Exit-Code", Integer.toString(exitCode));
				answer(exchange, 200, "\nVerdict: " + ((exitCode == 3) ? "BREACH" : "PASS") + "\n");
			}
		});
		this.daemon.start();
		address(ProcessHandle.current().pid(), this.daemon.getAddress().getPort());
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** Writes {@code .ratchet/daemon} as the daemon does. */
	private void address(long pid, int port) throws IOException {
		Files.writeString(this.workspace.resolve(".ratchet/daemon"),
				"# test\nurl=http://127.0.0.1:" + port + "\npid=" + pid + "\nroot=" + this.workspace.toRealPath()
						+ "\ndata=" + this.workspace.toRealPath().resolve("historical-data") + "\n");
	}

	private static long deadProcess() throws Exception {
		Process process = new ProcessBuilder("true").start();
		assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
		return process.pid();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private Result run(Map<String, String> environment, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(this.workspace.resolve("jobs/ratchet").toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workspace.toFile())
			.redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("RATCHET_"));
		builder.environment().put("RATCHET_CDS", "0");
		builder.environment()
			.put("PATH", this.workspace.resolve("bin") + ":" + builder.environment().getOrDefault("PATH", "/usr/bin"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
		return new Result(process.exitValue(),
				new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private record Result(int code, String output) {

	}

}
