package io.ratchet.system;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A hung H2 host is reported within seconds: the URLs that reach H2 over the network get
 * a network timeout, and a process serving the embedded file that is stopped
 * ({@code kill -STOP}) makes a command fail with a message saying so, instead of waiting
 * forever. (The preemptive limits only turn a hang into a failure; they are far above the
 * timeouts under test.)
 */
class DatabaseTimeoutTests {

	@TempDir
	Path dir;

	@Test
	void urlsReachingH2OverTheNetworkGetANetworkTimeoutAndOthersAreLeftAlone() {
		Duration timeout = Duration.ofSeconds(10);
		assertThat(DatabaseTimeout.withTimeout("jdbc:h2:file:./.ratchet/db/ratchet;AUTO_SERVER=TRUE", timeout))
			.isEqualTo("jdbc:h2:file:./.ratchet/db/ratchet;AUTO_SERVER=TRUE;NETWORK_TIMEOUT=10000");
		assertThat(DatabaseTimeout.withTimeout("jdbc:h2:tcp://127.0.0.1:9092/ratchet", timeout))
			.isEqualTo("jdbc:h2:tcp://127.0.0.1:9092/ratchet;NETWORK_TIMEOUT=10000");
		assertThat(DatabaseTimeout.withTimeout("jdbc:h2:file:x;auto_server=true;network_timeout=60000", timeout))
			.isEqualTo("jdbc:h2:file:x;auto_server=true;network_timeout=60000");
		for (String local : List.of("jdbc:h2:file:./target/test-db/x", "jdbc:h2:mem:x",
				"jdbc:postgresql://db:5432/ratchet")) {
			assertThat(DatabaseTimeout.withTimeout(local, timeout)).isEqualTo(local);
		}
	}

	@Test
	void theDatasourceAndMigrationUrlsAreGivenTheTimeoutBeforeAnyConnection() {
		// given
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("spring.datasource.url",
					"jdbc:h2:file:./.ratchet/db/ratchet;AUTO_SERVER=TRUE"));

		// when
		DatabaseTimeout.apply(environment);

		// then
		assertThat(environment.getProperty("spring.datasource.url")).endsWith(";NETWORK_TIMEOUT=10000");
		assertThat(environment.getProperty("spring.flyway.url")).isNull();
	}

	@Test
	void aHostThatAcceptsButNeverAnswersIsReportedWithinItsTimeout() throws Exception {
		// given: a socket the kernel accepts connections on, whose owner never answers
		// (as a stopped process)
		try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			String url = DatabaseTimeout.withTimeout("jdbc:h2:tcp://127.0.0.1:" + hung.getLocalPort() + "/./x",
					Duration.ofMillis(500));

			// when / then
			SQLException failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> catchConnect(url, "sa", ""));
			assertThat(Failures.describe(failure)).startsWith("the database did not answer within its network timeout");
		}
	}

	@Test
	void aStoppedProcessServingTheEmbeddedFileIsReportedWithinSecondsAtStartUp() throws Exception {
		// given: another JVM holds the database file (serving it through AUTO_SERVER) and
		// is then stopped
		String file = "jdbc:h2:file:" + this.dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
		String command = ProcessHandle.current().info().command().orElse("java");
		Process holder = new ProcessBuilder(command, "-cp", System.getProperty("java.class.path"),
				HoldDatabase.class.getName(), file)
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader out = new BufferedReader(
					new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
			assertThat(assertTimeoutPreemptively(Duration.ofSeconds(120), out::readLine)).isEqualTo("holding");
			signal("STOP", holder);

			// when / then: H2 itself would wait forever while connecting (it asks the
			// lock file's server, with no
			// read timeout of its own); the start-up probe gives up after its timeout,
			// naming the server
			String lock = Files.readString(this.dir.resolve("db.lock.db"));
			String server = lock.lines()
				.filter((line) -> line.startsWith("server="))
				.findFirst()
				.orElseThrow()
				.substring("server=".length())
				.replace("\\:", ":");
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(120),
						() -> DatabaseTimeout.probe(file, "sa", "", Duration.ofSeconds(2))))
				.withMessage("the embedded database " + this.dir.resolve("db") + " is served by another process (H2 "
						+ "AUTO_SERVER at " + server + ", named in its .lock.db file) that does not answer within 2 s: "
						+ "that process (the scheduler daemon or another Ratchet command; ss -ltnp 'sport = :"
						+ server.substring(server.lastIndexOf(':') + 1) + "' names it) is stopped (Ctrl-Z, kill -STOP, "
						+ "a debugger) or hung. Resume or end it, then run the command again");

			// and once it goes on, the probe lets the command through
			signal("CONT", holder);
			assertTimeoutPreemptively(Duration.ofSeconds(120),
					() -> DatabaseTimeout.probe(file, "sa", "", Duration.ofSeconds(60)));
		}
		finally {
			signal("CONT", holder);
			holder.destroyForcibly().waitFor();
		}
	}

	private static SQLException catchConnect(String url, String user, String password) {
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			throw new AssertionError("connected to " + url + " although its host does not answer");
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	private static void signal(String name, Process process) throws Exception {
		assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor())
			.isZero();
	}

	/**
	 * Opens the database given as the argument (it serves it through AUTO_SERVER), says
	 * so, and holds it.
	 */
	public static final class HoldDatabase {

		public static void main(String[] args) throws Exception {
			try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
				connection.createStatement().execute("CREATE TABLE held (id INT)");
				System.out.println("holding");
				System.out.flush();
				Thread.sleep(Long.MAX_VALUE);
			}
		}

	}

}
