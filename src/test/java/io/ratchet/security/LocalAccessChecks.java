package io.ratchet.security;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import io.ratchet.TestPaths;
import io.ratchet.faults.RatchetProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What another user of the host can reach of a running Ratchet, tried on real processes
 * started as a user starts them ({@code jobs/ratchet}, its umask, the built jar) in a
 * workspace of their own: listening sockets (read from {@code /proc}), the embedded
 * database's TCP server, the HTTP endpoint's login, and the modes of everything under
 * {@code .ratchet/}. Subclasses name the database.
 */
abstract class LocalAccessChecks {

	private static final Duration START = Duration.ofMinutes(3);

	private static final Duration RUN = Duration.ofMinutes(5);

	@TempDir
	Path workspace;

	private final HttpClient http = HttpClient.newHttpClient();

	/** The command-line settings that point a process at the database under test. */
	abstract List<String> databaseSettings();

	/** Whether the database is the embedded H2 file of the workspace. */
	abstract boolean embedded();

	@BeforeEach
	void workspace() throws IOException {
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		Files.copy(Path.of("jobs/ratchet"), jobs.resolve("ratchet"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.createSymbolicLink(this.workspace.resolve("target"), Path.of("target").toAbsolutePath());
		TestPaths.copyDemo(this.workspace);
	}

	@Test
	void theDaemonListensOnLoopbackOnlyAndARefusedSecondOneLeavesItsLoginAlone() throws Exception {
		// given: the daemon, as jobs/scheduler starts it
		int port = freePort();
		RatchetProcess daemon = start("scheduler", "--server.port=" + port);
		try {
			assertThat(daemon.awaitLine((line) -> line.startsWith("Scheduler started in"), START)).as(daemon.output())
				.isTrue();
			// when
			List<Socket> sockets = listening(daemon.pid());
			// then: every socket on 127.0.0.1, the HTTP endpoint among them
			assertThat(sockets).isNotEmpty()
				.allSatisfy((socket) -> assertThat(socket.loopback()).as(socket.toString()).isTrue());
			assertThat(sockets).extracting(Socket::port).contains(port);
			Path credentials = this.workspace.resolve(".ratchet/http-credentials");
			String login = Files.readString(credentials).strip();
			assertThat(get(port, login)).isEqualTo(200);
			assertThat(get(port, null)).isEqualTo(401);
			if (embedded()) {
				theEmbeddedDatabaseServerIsOnLoopbackAndNeedsThePassword(sockets);
			}
			// when: a second daemon on the same port is refused
			byte[] bytes = Files.readAllBytes(credentials);
			String mode = mode(credentials);
			RatchetProcess second = start("scheduler", "--server.port=" + port);
			int code = second.waitFor(RUN);
			// then
			assertThat(code).as(second.output()).isNotZero();
			assertThat(Files.readAllBytes(credentials)).isEqualTo(bytes);
			assertThat(mode(credentials)).isEqualTo(mode).isEqualTo("rw-------");
			assertThat(get(port, login)).as("the running daemon's documented login").isEqualTo(200);
		}
		finally {
			daemon.terminate();
			daemon.waitFor(RUN);
		}
		assertOwnerOnly(this.workspace.resolve(".ratchet"));
	}

	@Test
	void aBacktestListensOnLoopbackOnlyAndEveryFileItLeavesUnderRatchetIsOwnerOnly() throws Exception {
		// given: a back-test held after its first month (SIGSTOP), its connections open
		RatchetProcess backtest = start("backtest");
		assertThat(backtest.awaitLine((line) -> line.contains(" months done"), START)).as(backtest.output()).isTrue();
		backtest.suspend();
		List<Socket> sockets;
		try {
			// when
			sockets = listening(backtest.pid());
		}
		finally {
			backtest.resume();
		}
		int backtestCode = backtest.waitFor(RUN);
		// then
		assertThat(sockets).allSatisfy((socket) -> assertThat(socket.loopback()).as(socket.toString()).isTrue());
		if (embedded()) {
			assertThat(sockets).as("H2's AUTO_SERVER socket, on loopback").isNotEmpty();
		}
		assertThat(backtestCode).as(backtest.output()).isEqualTo(3);
		assertOwnerOnly(this.workspace.resolve(".ratchet"));
		// when
		RatchetProcess nowtest = start("nowtest");
		int nowtestCode = nowtest.waitFor(RUN);
		// then
		assertThat(nowtestCode).as(nowtest.output()).isIn(0, 3);
		assertOwnerOnly(this.workspace.resolve(".ratchet"));
	}

	@Test
	void everyWayOfSlippingAPasswordPastTheCheckIsRefusedAtStartUpNamingFileLineAndProperty() throws Exception {
		// given
		Path config = this.workspace.resolve("config/application.yml");
		int before = (int) Files.lines(config).count();
		Files.writeString(config, """
				---
				spring:
				  datasource:
				    pass-word: hunter2
				  mail:
				    password: "${NOT_SET:hunter2}"
				ratchet:
				  http:
				    pass-word: hunter2
				bypass:
				  h2: jdbc:h2:file:./x;PASSWORD=hunter2
				  postgres: jdbc:postgresql://db/ratchet?password=hunter2
				""", java.nio.file.StandardOpenOption.APPEND);
		// when
		RatchetProcess runs = start("runs");
		int code = runs.waitFor(RUN);
		// then
		String file = config.toRealPath().toString();
		assertThat(code).isEqualTo(1);
		assertThat(runs.output()).contains(file + " line " + (before + 4) + ": spring.datasource.pass-word",
				file + " line " + (before + 6) + ": spring.mail.password has a literal default",
				file + " line " + (before + 9) + ": ratchet.http.pass-word",
				file + " line " + (before + 11) + ": bypass.h2", file + " line " + (before + 12) + ": bypass.postgres")
			.doesNotContain("hunter2");
		assertThat(this.workspace.resolve(".ratchet/http-credentials")).doesNotExist();
	}

	private void theEmbeddedDatabaseServerIsOnLoopbackAndNeedsThePassword(List<Socket> sockets) throws Exception {
		Path database = this.workspace.resolve(".ratchet/db/ratchet");
		Properties lock = new Properties();
		try (var in = Files.newInputStream(database.resolveSibling("ratchet.lock.db"))) {
			lock.load(in);
		}
		String server = lock.getProperty("server");
		int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
		assertThat(sockets).extracting(Socket::port).as("AUTO_SERVER's socket").contains(port);
		// the id of the lock file, as an attacker who read it would use it
		String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + lock.getProperty("id");
		for (String user : new String[] { "SA", "sa", "RATCHET" }) {
			assertThatExceptionOfType(SQLException.class).as(user)
				.isThrownBy(() -> DriverManager.getConnection(url, user, "").close())
				.withMessageContaining("Wrong user name or password");
		}
		EmbeddedDatabase credentials = EmbeddedDatabase.of("jdbc:h2:file:" + database);
		try (Connection app = DriverManager.getConnection(url, EmbeddedDatabase.APPLICATION,
				credentials.applicationPassword()); Statement statement = app.createStatement()) {
			assertThat(statement.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE").next()).isTrue();
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("CREATE ALIAS EXEC AS $$ String e(String c) { return c; } $$"))
				.withMessageContaining("Admin rights are required");
		}
	}

	private RatchetProcess start(String... args) {
		List<String> command = new ArrayList<>(List.of(args));
		command.addAll(databaseSettings());
		Map<String, String> environment = new HashMap<>();
		environment.put("RATCHET_CDS", "0");
		environment.put("RATCHET_SECRETS", this.workspace.resolveSibling("no-secrets").toString());
		return RatchetProcess.script(this.workspace, environment, command);
	}

	private int get(int port, String login) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
		if (login != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	static void assertOwnerOnly(Path folder) throws IOException {
		assertThat(folder).isDirectory();
		try (Stream<Path> paths = Files.walk(folder)) {
			List<Path> all = paths.toList();
			assertThat(all).contains(folder.resolve("logs/ratchet.log"))
				.allSatisfy((path) -> assertThat(mode(path)).as(path.toString())
					.isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------"));
		}
	}

	private static String mode(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
		}
		catch (IOException ex) {
			return "vanished";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** A listening TCP socket of a process. */
	record Socket(String address, int port) {

		boolean loopback() {
			return this.address.equals("0100007F") // 127.0.0.1 (little-endian hex)
					|| this.address.equals("0000000000000000FFFF00000100007F") // ::ffff:127.0.0.1
					|| this.address.equals("00000000000000000000000001000000"); // ::1
		}

	}

	/**
	 * The listening TCP sockets of {@code pid}: its socket inodes matched in its
	 * /proc/net/tcp and tcp6.
	 */
	static List<Socket> listening(long pid) throws IOException {
		Set<String> inodes = new HashSet<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path fd : fds.toList()) {
				try {
					String link = Files.readSymbolicLink(fd).toString();
					if (link.startsWith("socket:[")) {
						inodes.add(link.substring(8, link.length() - 1));
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		List<Socket> sockets = new ArrayList<>();
		for (String table : new String[] { "tcp", "tcp6" }) {
			List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
			for (String line : lines.subList(1, lines.size())) {
				String[] columns = line.trim().split("\\s+");
				if ("0A".equals(columns[3]) && inodes.contains(columns[9])) {
					String[] local = columns[1].split(":");
					sockets.add(new Socket(local[0], Integer.parseInt(local[1], 16)));
				}
			}
		}
		return sockets;
	}

}
