package io.ratchet.remote;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.ratchet.PostgresIntegrationTest;
import io.ratchet.PostgresTestDatabase;
import io.ratchet.RatchetApplication;
import io.ratchet.test.ToyWorkspace;
import org.awaitility.core.ConditionFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Remote partitioning with real parts: an Artemis broker ({@link EmbeddedBroker}, the
 * class {@code jobs/broker} runs, here in the test's JVM), PostgreSQL, and the manager
 * and workers as separate JVMs ({@code jobs/backtest}, {@code jobs/worker}: main class
 * {@link RatchetApplication} on the test's class path). Every stored figure of a remote
 * run is compared with a local run of the same data in another schema. Runs where
 * {@code RATCHET_TEST_POSTGRES_URL} names a server.
 *
 * <p>
 * Nothing waits a fixed time: each step waits for a sign (a log line, a process's exit),
 * and {@link #PATIENCE} only ends a stuck test. The processes' logs stay in
 * {@code target/remote-partitioning/SCHEMA/}.
 *
 * <p>
 * The class runs one method at a time, in name order, on the thread of the classes that
 * are not concurrent, beside one fault suite. Run beside both fault suites (three test
 * threads) it exhausted the CI server's PostgreSQL connections ("too many clients
 * already"), so it is not marked concurrent. Each test has its own broker (a free port, a
 * journal in its own folder), schemas and folders, and starts up to four JVMs.
 */
@PostgresIntegrationTest
@TestMethodOrder(MethodOrderer.MethodName.class)
class RemotePartitioningPostgresIntegrationTests {

	private static final Duration PATIENCE = Duration.ofMinutes(5);

	/** Tables of figures compared between a local and a remote run. */
	private static final List<String> FIGURES = List.of("run_partition", "metric_value", "period_verdict", "breach",
			"partition_state", "logged_coverage", "feature_mean", "run_model");

	/** One partition per month. */
	private static final String ONE_MONTH_EACH = "--ratchet.backtest.partition-bytes=1B";

	/** Two partitions of two months each (of four months). */
	private static final List<String> TWO_MONTHS_EACH = List.of("--ratchet.backtest.partition-bytes=100MB",
			"--ratchet.backtest.threads=2");

	private static final String PASSWORD = UUID.randomUUID().toString();

	@TempDir
	Path root;

	private final List<Node> nodes = new ArrayList<>();

	private final List<SingleConnectionDataSource> dataSources = new ArrayList<>();

	private EmbeddedBroker broker;

	private String brokerUrl;

	private Path logs;

	@AfterEach
	void stop() throws Exception {
		this.nodes.forEach(Node::kill);
		if (this.broker != null) {
			this.broker.close();
		}
		this.dataSources.forEach(SingleConnectionDataSource::destroy);
	}

	@Test
	void aManagerAndTwoWorkersStoreEveryFigureALocalRunStores() throws Exception {
		// given: six months, a broker, a local run's figures in a schema of their own
		data(6, 400);
		startBroker();
		String local = schema();
		assertThat(run(local, "local", List.of("backtest", "--dataset", "toy", ONE_MONTH_EACH)).exitCode()).isIn(0, 3);
		String remote = schema();

		// when: two workers listen, and a manager runs the same back-test remotely
		Node a = worker(remote, "worker-a");
		Node b = worker(remote, "worker-b");
		patiently().until(() -> a.logged("Worker started") && b.logged("Worker started"));
		Node manager = run(remote, "manager", List.of("backtest", "--dataset", "toy", ONE_MONTH_EACH));

		// then: the same exit code and every stored figure identical; both workers ran
		// partitions, six in all
		assertThat(manager.exitCode()).isIn(0, 3);
		assertSameFigures(remote, local);
		long onA = a.count("taking backtestMonth:");
		long onB = b.count("taking backtestMonth:");
		assertThat(onA + onB).isEqualTo(6);
		assertThat(onA).isPositive();
		assertThat(onB).isPositive();
		System.out.printf("remote partitioning: 6 partitions, %d on worker a, %d on worker b%n", onA, onB);

		// and: SIGTERM stops a worker cleanly
		a.process().destroy();
		assertThat(a.process().waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(a.log()).contains("Worker stopped after");
	}

	@Test
	void withNoWorkerTheManagerFailsTheRunAfterTheTimeoutSayingSo() throws Exception {
		// given: a broker and no worker
		data(2, 50);
		startBroker();
		String schema = schema();

		// when
		Node manager = run(schema, "manager",
				List.of("backtest", "--dataset", "toy", ONE_MONTH_EACH, "--ratchet.backtest.remote.timeout=5s"));

		// then: the run failed, saying that no worker took the partitions, which are
		// marked failed
		assertThat(manager.exitCode()).isEqualTo(1);
		assertThat(manager.log()).contains("no worker took 2 partition(s) within PT5S")
			.contains("is a worker (jobs/worker) running");
		JdbcClient jdbc = jdbc(schema);
		assertThat(jdbc.sql("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'backtestMonth:%'")
			.query(String.class)
			.list()).containsOnly("FAILED").hasSize(2);
		assertThat(jdbc.sql("SELECT STATUS FROM BATCH_JOB_EXECUTION").query(String.class).single()).isEqualTo("FAILED");
	}

	@Test
	void aWorkerKilledMidPartitionFailsTheRunAndRestartCompletesItWithTheSameFigures() throws Exception {
		// given: four months in two partitions of two, each month committed on its own
		// (so
		// that "months done" says one month of the partition is stored, not both), a
		// local
		// run's figures
		data(4, 200_000);
		startBroker();
		String local = schema();
		assertThat(run(local, "local", with(List.of("backtest", "--dataset", "toy"), TWO_MONTHS_EACH)).exitCode())
			.isIn(0, 3);
		String remote = schema();
		Node a = worker(remote, "worker-a", "--ratchet.backtest.commit-bytes=1B");
		Node b = worker(remote, "worker-b", "--ratchet.backtest.commit-bytes=1B");
		patiently().until(() -> a.logged("Worker started") && b.logged("Worker started"));

		// when: the manager runs, and a worker is killed (SIGKILL) once the first month
		// of its partition is stored, inside the partition
		Node manager = start(remote, "manager", with(
				List.of("backtest", "--dataset", "toy", "--ratchet.backtest.remote.timeout=60s"), TWO_MONTHS_EACH));
		patiently().pollInterval(Duration.ofMillis(10)).until(() -> a.logged("months done") || b.logged("months done"));
		Node victim = a.logged("months done") ? a : b;
		Node survivor = (victim == a) ? b : a;
		victim.kill();

		// then: the run fails cleanly (the survivor skips the request it gets again, and
		// the manager's timeout fails the silent partition)
		assertThat(manager.exitCode()).isEqualTo(1);
		JdbcClient jdbc = jdbc(remote);
		long run = jdbc.sql("SELECT id FROM run").query(Long.class).single();
		assertThat(jdbc.sql("SELECT STATUS FROM BATCH_JOB_EXECUTION").query(String.class).single()).isEqualTo("FAILED");

		// when: jobs/restart resumes it on the surviving worker
		Node restart = run(remote, "restart", List.of("restart", String.valueOf(run)));

		// then: completed, every figure as the local run's, every month stored once
		assertThat(restart.exitCode()).isIn(0, 3);
		assertThat(survivor.process().isAlive()).isTrue();
		assertSameFigures(remote, local);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM run_partition").query(Long.class).single()).isEqualTo(4);
		assertThat(
				jdbc.sql("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID").query(String.class).list())
			.containsExactly("FAILED", "COMPLETED");
	}

	@Test
	void aMonthFileThatDiffersOnTheWorkerFailsTheRunNamingTheMonthAndTheFile() throws Exception {
		// given: the manager has planned and sent three one-month partitions (the files
		// pinned by SHA-256), and no worker runs yet
		data(3, 50);
		startBroker();
		String schema = schema();
		Node manager = start(schema, "manager", List.of("backtest", "--dataset", "toy", ONE_MONTH_EACH));
		patiently().until(() -> manager.logged("partitions sent to the workers"));

		// when: the second month's file changes before a worker reads it
		Path february = this.root.resolve("historical-data/toy/2024-02.csv");
		Files.writeString(february, Files.readString(february).replaceFirst("\n[^\n]*\n", "\n"));
		Node worker = worker(schema, "worker-a");

		// then: the run fails naming the month's partition and the file, in the worker's
		// words (not Spring Batch's "Partition handler returned an unsuccessful step");
		// the other months are stored
		assertThat(manager.exitCode()).isEqualTo(1);
		String expected = "backtestMonth:month-2024-02 failed on its worker: " + february;
		assertThat(manager.log()).contains(expected)
			.contains("differs from the file the run was planned with")
			.doesNotContain("unsuccessful step");
		JdbcClient jdbc = jdbc(schema);
		assertThat(jdbc.sql("SELECT failure FROM run").query(String.class).single()).contains(expected);
		assertThat(jdbc.sql("SELECT period FROM run_partition ORDER BY period").query(String.class).list())
			.containsExactly("2024-01", "2024-03");
		assertThat(worker.count("taking backtestMonth:")).isEqualTo(3);
	}

	@Test
	void theBrokerRestartedMidRunLosesNoPartitionAndRunsNoneTwice() throws Exception {
		// given: eight one-month partitions, a local run's figures; the manager has sent
		// the partitions and one worker runs them
		data(8, 60_000);
		startBroker();
		String local = schema();
		assertThat(run(local, "local", List.of("backtest", "--dataset", "toy", ONE_MONTH_EACH)).exitCode()).isIn(0, 3);
		String remote = schema();
		JdbcClient jdbc = jdbc(remote);
		Node a = worker(remote, "worker-a");
		patiently().until(() -> a.logged("Worker started"));
		Node manager = start(remote, "manager",
				List.of("backtest", "--dataset", "toy", ONE_MONTH_EACH, "--ratchet.backtest.remote.timeout=5m"));

		// when: once a month is stored the broker stops (its journal kept), and starts
		// again; a second worker joins
		patiently().until(() -> jdbc.sql("SELECT COUNT(*) FROM run_partition").query(Long.class).single() > 0);
		this.broker.close();
		long doneBefore = completedPartitions(jdbc);
		this.broker = EmbeddedBroker.start(brokerProperties());
		Node b = worker(remote, "worker-b");

		// then: the run completes with every figure of the local run; each of the eight
		// partitions ran once (a request given again for a partition taken or done was
		// skipped), each month stored once
		assertThat(manager.exitCode()).isIn(0, 3);
		System.out.printf("broker restarted after %d of 8 partitions were done%n", doneBefore);
		assertThat(doneBefore).isLessThan(8);
		assertSameFigures(remote, local);
		assertThat(a.count("taking backtestMonth:") + b.count("taking backtestMonth:")).isEqualTo(8);
		assertThat(completedPartitions(jdbc)).isEqualTo(8);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM run_partition").query(Long.class).single()).isEqualTo(8);
		assertThat(jdbc.sql("SELECT STATUS FROM BATCH_JOB_EXECUTION").query(String.class).single())
			.isEqualTo("COMPLETED");
	}

	private static long completedPartitions(JdbcClient jdbc) {
		return jdbc
			.sql("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'backtestMonth:%' "
					+ "AND STATUS = 'COMPLETED'")
			.query(Long.class)
			.single();
	}

	private static List<String> with(List<String> command, List<String> settings) {
		List<String> line = new ArrayList<>(command);
		line.addAll(settings);
		return line;
	}

	private void assertSameFigures(String remote, String local) throws Exception {
		List<String> expected = figures(local);
		assertThat(expected).anyMatch((row) -> row.startsWith("metric_value"))
			.anyMatch((row) -> row.startsWith("partition_state"));
		assertThat(figures(remote)).isEqualTo(expected);
	}

	private void data(int months, int rows) throws IOException {
		new ToyWorkspace(this.root).seed(7)
			.xOnlyDataset("toy")
			.logit("toy-logit", "toy", 2.0)
			.appendConfig("registry.yml", "toy:\n  champion: toy-logit@1\n")
			.appendConfig("requirements.yml", "toy:\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.6}\n")
			.months("toy", YearMonth.of(2024, 1), months, rows);
	}

	private void startBroker() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.brokerUrl = "tcp://127.0.0.1:" + port;
		this.broker = EmbeddedBroker.start(brokerProperties());
	}

	private BrokerProperties brokerProperties() {
		return new BrokerProperties(this.brokerUrl, "ratchet", PASSWORD, this.brokerUrl, this.root.resolve("broker"));
	}

	/**
	 * A new migrated schema; the logs of its processes go to
	 * target/remote-partitioning/SCHEMA.
	 */
	private String schema() throws Exception {
		String schema = PostgresTestDatabase.newSchema();
		Map<String, Object> database = PostgresTestDatabase.properties(schema);
		try (Connection connection = DriverManager.getConnection((String) database.get("spring.datasource.url"),
				(String) database.get("spring.datasource.username"),
				(String) database.get("spring.datasource.password"));
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		// migrated once here, so that the processes do not race to create the tables
		Flyway.configure()
			.dataSource(dataSource(schema))
			.schemas(schema)
			.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
			.load()
			.migrate();
		return schema;
	}

	private SingleConnectionDataSource dataSource(String schema) {
		Map<String, Object> database = PostgresTestDatabase.properties(schema);
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				(String) database.get("spring.datasource.url"), (String) database.get("spring.datasource.username"),
				(String) database.get("spring.datasource.password"), true);
		this.dataSources.add(dataSource);
		return dataSource;
	}

	private JdbcClient jdbc(String schema) {
		return JdbcClient.create(dataSource(schema));
	}

	/**
	 * Every row of the figure tables, as text, without the columns that differ between
	 * two runs of the same data (times, durations).
	 */
	private List<String> figures(String schema) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Connection connection = dataSource(schema).getConnection()) {
			for (String table : FIGURES) {
				try (Statement statement = connection.createStatement();
						var result = statement.executeQuery("SELECT * FROM " + table)) {
					ResultSetMetaData meta = result.getMetaData();
					while (result.next()) {
						StringBuilder row = new StringBuilder(table);
						for (int i = 1; i <= meta.getColumnCount(); i++) {
							String column = meta.getColumnName(i).toLowerCase();
							if (column.equals("millis") || column.endsWith("_at")) {
								continue;
							}
							Object value = result.getObject(i);
							row.append(' ')
								.append(column)
								.append('=')
								.append((value instanceof byte[] bytes) ? HexFormat.of().formatHex(bytes) : value);
						}
						rows.add(row.toString());
					}
				}
			}
		}
		rows.sort(null);
		return rows;
	}

	private Node worker(String schema, String name, String... settings) throws IOException {
		List<String> command = new ArrayList<>(List.of("worker", "--ratchet.backtest.threads=1", "--server.port=0"));
		command.addAll(List.of(settings));
		return start(schema, name, command);
	}

	/** Runs a command to its end. */
	private Node run(String schema, String name, List<String> command) throws Exception {
		Node node = start(schema, name, command);
		node.exitCode();
		return node;
	}

	private Node start(String schema, String name, List<String> command) throws IOException {
		if (this.logs == null) {
			this.logs = Files.createDirectories(Path.of("target", "remote-partitioning", schema));
		}
		Path dir = Files.createDirectories(this.root.resolve("node-" + name));
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				RatchetApplication.class.getName()));
		line.addAll(command);
		PostgresTestDatabase.properties(schema).forEach((key, value) -> line.add("--" + key + "=" + value));
		line.add("--spring.profiles.active=postgresql");
		line.add("--ratchet.paths.config=" + this.root.resolve("config"));
		line.add("--ratchet.paths.data=" + this.root.resolve("historical-data"));
		line.add("--ratchet.paths.reports=" + this.root.resolve("reports-" + name));
		line.add("--ratchet.backtest.remote.poll-interval=200ms");
		if (!name.equals("local")) {
			line.add("--ratchet.backtest.workers=remote");
		}
		line.add("--ratchet.broker.url=" + this.brokerUrl);
		line.add("--logging.file.name=" + this.logs.resolve(name + "-ratchet.log"));
		Path out = this.logs.resolve(name + "-console.log");
		ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(out.toFile());
		builder.environment().put("RATCHET_BROKER_PASSWORD", PASSWORD);
		Node node = new Node(name, builder.start(), out);
		this.nodes.add(node);
		return node;
	}

	private ConditionFactory patiently() {
		return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).failFast(() -> {
			for (Node node : this.nodes) {
				if (node.name().startsWith("worker") && !node.process().isAlive()
						&& !node.log().contains("Worker stopped")) {
					throw new AssertionError(node.name() + " exited (logs in " + this.logs + "):\n" + node.log());
				}
			}
		});
	}

	/** A Ratchet JVM, its console output in a file. */
	private record Node(String name, Process process, Path out) {

		int exitCode() throws InterruptedException {
			if (!this.process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(this.name + " did not end within " + PATIENCE + ":\n" + log());
			}
			return this.process.exitValue();
		}

		boolean logged(String text) {
			return log().contains(text);
		}

		long count(String text) {
			return log().lines().filter((line) -> line.contains(text)).count();
		}

		String log() {
			try {
				return Files.readString(this.out, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "";
			}
		}

		/** SIGKILL on Linux. */
		void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
