package io.ratchet.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.ratchet.PostgresIntegrationTest;
import io.ratchet.PostgresTestDatabase;
import io.ratchet.RatchetApplication;
import org.awaitility.core.ConditionFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real scheduler daemons ({@code jobs/scheduler}: separate JVMs, main class
 * {@link RatchetApplication}, the test's class path) on one PostgreSQL schema, as a
 * cluster: a trigger every 3 seconds fires each time exactly once across both, and when
 * the daemon running a long back-test is killed with SIGKILL
 * ({@link Process#destroyForcibly}), the other declares it dead, keeps firing the
 * triggers and restarts the interrupted run (same run, finished months kept). Prints the
 * numbers (fires, duplicates, take-over time). Runs where
 * {@code RATCHET_TEST_POSTGRES_URL} names a server.
 *
 * <p>
 * Nothing here depends on how fast the machine is: each step waits for a sign that the
 * previous one happened (a log line, a row), never for a number of seconds, and the
 * waits' upper bounds ({@link #PATIENCE}) only end a test that is stuck. The long
 * back-test's own cron never fires during the test: the test fires its entry once both
 * daemons have joined the cluster, so a slow start can neither miss it nor leave it to
 * one daemon alone. A wait ends at once when a daemon logs a fire it could not start or a
 * run that failed; the daemons' logs stay in {@code target/scheduler-cluster/SCHEMA/}.
 */
@PostgresIntegrationTest
class SchedulerClusterPostgresIntegrationTests {

	private static final String TICK = "0/3 * * * * ?";

	/**
	 * The long back-test's cron: never during the test (the test fires the entry itself,
	 * see {@link #fireNow}).
	 */
	private static final String NEVER_BY_ITSELF = "0 0 3 1 1 ? 2099";

	/**
	 * How long a step may take on a loaded machine before the test is considered stuck.
	 */
	private static final Duration PATIENCE = Duration.ofMinutes(5);

	@TempDir
	Path root;

	private final List<Daemon> daemons = new ArrayList<>();

	/**
	 * Where the daemons' logs are kept after the test (target/scheduler-cluster/SCHEMA),
	 * for a failure's diagnosis.
	 */
	private Path logs;

	private SingleConnectionDataSource dataSource;

	@AfterEach
	void stop() {
		this.daemons.forEach(Daemon::kill);
		if (this.dataSource != null) {
			this.dataSource.destroy();
		}
	}

	@Test
	void everyFireRunsOnceAcrossTwoDaemonsAndTheSurvivorTakesOverAKilledDaemon() throws Exception {
		// given: a small dataset fired every 3 s, a long back-test fired by the test, a
		// migrated schema
		SchedulerTests.toyData(this.root, "toy", 2, 60);
		SchedulerTests.toyData(this.root, "big", 48, 6000);
		String schema = PostgresTestDatabase.newSchema();
		Map<String, Object> database = PostgresTestDatabase.properties(schema);
		JdbcClient jdbc = migrate(database);
		// Quartz's scheduler name: its own, so that this JVM's Quartz client (fireNow)
		// shares no name with the
		// schedulers of other test contexts
		String quartzName = "cluster-" + schema;
		List<String> settings = settings(database, quartzName);
		this.logs = Files.createDirectories(Path.of("target", "scheduler-cluster", schema));

		// when: two daemons start, and both have joined the cluster
		Daemon a = start("a", settings);
		Daemon b = start("b", settings);
		patiently().until(() -> a.started() && b.started());
		patiently().until(() -> count(jdbc, "SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE") == 2);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM run WHERE dataset = 'big'")).isZero();

		// when: the long back-test is fired now, once
		fireNow(database, quartzName, "slow");

		// then: it runs on one of them; kill that one with SIGKILL mid-run
		patiently().until(() -> count(jdbc, "SELECT COUNT(*) FROM run_partition p JOIN run r ON r.id = p.run_id "
				+ "WHERE r.dataset = 'big'") >= 2);
		long owner = leaseHolderPid(jdbc, "slow");
		Daemon victim = (a.pid() == owner) ? a : b;
		Daemon survivor = (victim == a) ? b : a;
		assertThat(victim.pid()).isEqualTo(owner);
		long bigRun = jdbc.sql("SELECT id FROM run WHERE dataset = 'big'").query(Long.class).single();
		victim.kill();
		Instant killed = Instant.now();

		// then: the survivor restarts the run (as jobs/restart would) and completes it;
		// every month once
		patiently().until(() -> statuses(jdbc, bigRun).contains("COMPLETED"));
		List<String> statuses = statuses(jdbc, bigRun);
		assertThat(statuses).hasSize(2).last().isEqualTo("COMPLETED");
		assertThat(statuses.get(0)).isIn("FAILED", "ABANDONED");
		assertThat(count(jdbc, "SELECT COUNT(*) FROM run_partition WHERE run_id = " + bigRun)).isEqualTo(48);
		assertThat(count(jdbc, "SELECT COUNT(DISTINCT period) FROM run_partition WHERE run_id = " + bigRun))
			.isEqualTo(48);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM run WHERE dataset = 'big'")).isEqualTo(1);
		Timestamp restarted = jdbc.sql("SELECT MAX(START_TIME) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?")
			.param(bigRun)
			.query(Timestamp.class)
			.single();
		Duration takeOver = Duration.between(killed, restarted.toLocalDateTime().atZone(ZoneId.systemDefault()));
		assertThat(survivor.log()).contains("which died; marking it failed and restarting it");
		assertThat(leaseHolderPid(jdbc, "slow")).isEqualTo(survivor.pid());

		// and: the survivor keeps firing the 3-second trigger (at least 5 fires in all)
		LocalDateTime afterTakeOver = restarted.toLocalDateTime();
		patiently().until(() -> jdbc
			.sql("SELECT COUNT(*) FROM run WHERE dataset = 'toy' AND status = 'COMPLETED' " + "AND started_at > ?")
			.param(Timestamp.valueOf(afterTakeOver))
			.query(Long.class)
			.single() >= 2 && count(jdbc, "SELECT COUNT(*) FROM run WHERE dataset = 'toy'") >= 5);
		survivor.stop();

		// then: every fire of the 3-second trigger ran exactly once, none was launched
		// twice
		List<Timestamp> fires = jdbc.sql("SELECT as_of FROM run WHERE dataset = 'toy' ORDER BY as_of")
			.query(Timestamp.class)
			.list();
		// each fire's executions in order: one, or two when the killed daemon was running
		// it (then taken over)
		List<String> histories = jdbc
			.sql("SELECT STRING_AGG(e.STATUS, ',' ORDER BY e.JOB_EXECUTION_ID) "
					+ "FROM BATCH_JOB_EXECUTION e JOIN run r ON r.id = e.JOB_INSTANCE_ID WHERE r.dataset = 'toy' "
					+ "GROUP BY r.id, r.as_of ORDER BY r.as_of")
			.query(String.class)
			.list();
		long duplicates = fires.size() - fires.stream().distinct().count();
		long takenOver = histories.stream().filter((history) -> history.contains(",")).count();
		long refused = a.log()
			.lines()
			.filter((line) -> line.contains("(backtest toy") && line.contains("skipped"))
			.count()
				+ b.log().lines().filter((line) -> line.contains("(backtest toy") && line.contains("skipped")).count();
		assertThat(duplicates).isZero();
		// (the last fire may have been running at the SIGTERM: then it stopped at a safe
		// point, to be resumed)
		assertThat(histories.subList(0, histories.size() - 1))
			.allSatisfy((history) -> assertThat(history).isIn("COMPLETED", "FAILED,COMPLETED", "ABANDONED,COMPLETED"));
		assertThat(takenOver).as("fires the killed daemon was running (one at a time)").isLessThanOrEqualTo(1);
		assertThat(fires).allSatisfy((fire) -> assertThat(fire.toLocalDateTime().getSecond() % 3).isZero());
		long onA = count(jdbc, "SELECT COUNT(*) FROM lease WHERE label = 'tick' AND holder LIKE '" + a.pid() + "@%'");
		System.out.printf("scheduler cluster: %d fires of the 3-second trigger (%d on daemon a, %d on b), %d run "
				+ "twice, %d duplicate launches refused, %d taken over from the killed daemon; kill -9 of the daemon "
				+ "running the long back-test: taken over and restarted after %.1f s; run %d completed with %d "
				+ "executions %s%n", fires.size(), onA, fires.size() - onA, duplicates, refused, takenOver,
				takeOver.toMillis() / 1000.0, bigRun, statuses.size(), statuses);
	}

	/**
	 * The pid of the daemon holding (or that last held) the lease of a scheduled run of
	 * {@code entry}.
	 */
	private static long leaseHolderPid(JdbcClient jdbc, String entry) {
		String holder = jdbc.sql("SELECT holder FROM lease WHERE kind = 'scheduled-run' AND label = ?")
			.param(entry)
			.query(String.class)
			.single();
		return Long.parseLong(holder.substring(0, holder.indexOf('@')));
	}

	private JdbcClient migrate(Map<String, Object> database) throws Exception {
		String url = (String) database.get("spring.datasource.url");
		String user = (String) database.get("spring.datasource.username");
		String password = (String) database.get("spring.datasource.password");
		String schema = (String) database.get("spring.flyway.schemas");
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		this.dataSource = new SingleConnectionDataSource(url, user, password, true);
		// Migrated here once, so that the two daemons start at the same moment without
		// racing to create the schema.
		Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(schema)
			.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
			.load()
			.migrate();
		return JdbcClient.create(this.dataSource);
	}

	/**
	 * Fires a schedule entry once, now, as {@link Scheduler#triggerJob} does, through a
	 * Quartz client of the cluster's store that is never started: it neither joins the
	 * cluster nor fires anything itself, so one of the daemons acquires the trigger and
	 * runs the entry (and, the job requesting recovery, another takes it over if that one
	 * dies).
	 */
	private static void fireNow(Map<String, Object> database, String quartzName, String entry) throws Exception {
		Properties quartz = new Properties();
		quartz.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, quartzName);
		quartz.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "test-client");
		quartz.setProperty("org.quartz.threadPool.threadCount", "1");
		quartz.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, JobStoreTX.class.getName());
		quartz.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
		// its writes take the cluster's row lock
		quartz.setProperty("org.quartz.jobStore.isClustered", "true");
		quartz.setProperty("org.quartz.jobStore.dataSource", "client");
		quartz.setProperty("org.quartz.dataSource.client.provider", "hikaricp");
		quartz.setProperty("org.quartz.dataSource.client.driver", "org.postgresql.Driver");
		quartz.setProperty("org.quartz.dataSource.client.URL", (String) database.get("spring.datasource.url"));
		quartz.setProperty("org.quartz.dataSource.client.user", (String) database.get("spring.datasource.username"));
		quartz.setProperty("org.quartz.dataSource.client.password",
				(String) database.get("spring.datasource.password"));
		quartz.setProperty("org.quartz.dataSource.client.maxConnections", "1");
		Scheduler client = new StdSchedulerFactory(quartz).getScheduler();
		try {
			client.triggerJob(JobKey.jobKey(entry, RatchetScheduler.GROUP));
		}
		finally {
			client.shutdown();
		}
	}

	private List<String> settings(Map<String, Object> database, String quartzName) {
		List<String> settings = new ArrayList<>();
		database.forEach((name, value) -> settings.add("--" + name + "=" + value));
		settings.add("--spring.quartz.scheduler-name=" + quartzName);
		// A fire delayed by a loaded machine keeps its scheduled time (on the 3-second
		// grid) instead of being moved
		// to "now" as a misfire (after the default 60 s).
		settings.add("--spring.quartz.properties[org.quartz.jobStore.misfireThreshold]=600000");
		settings.add("--ratchet.paths.config=" + this.root.resolve("config"));
		settings.add("--ratchet.paths.data=" + this.root.resolve("historical-data"));
		settings.add("--ratchet.paths.reports=" + this.root.resolve("reports"));
		settings.add("--ratchet.schedule.zone=UTC");
		settings.add("--ratchet.backtest.threads=1");
		// two daemons on one machine: each its own free port for the HTTP endpoint
		settings.add("--server.port=0");
		settings.add("--ratchet.schedule.jobs[0].name=tick");
		settings.add("--ratchet.schedule.jobs[0].job=backtest");
		settings.add("--ratchet.schedule.jobs[0].dataset=toy");
		settings.add("--ratchet.schedule.jobs[0].cron=" + TICK);
		settings.add("--ratchet.schedule.jobs[1].name=slow");
		settings.add("--ratchet.schedule.jobs[1].job=backtest");
		settings.add("--ratchet.schedule.jobs[1].dataset=big");
		settings.add("--ratchet.schedule.jobs[1].cron=" + NEVER_BY_ITSELF);
		settings.add("--spring.main.banner-mode=off");
		return settings;
	}

	private Daemon start(String name, List<String> settings) throws IOException {
		Path dir = Files.createDirectories(this.root.resolve("daemon-" + name));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
						"-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						RatchetApplication.class.getName(), "scheduler"));
		command.addAll(settings);
		command.add("--logging.file.name=" + this.logs.resolve(name + "-ratchet.log"));
		Path out = this.logs.resolve(name + "-console.log");
		// Its own working folder: no config/application.yml (and its sample schedule) is
		// read there.
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(out.toFile())
			.start();
		Daemon daemon = new Daemon(name, process, out);
		this.daemons.add(daemon);
		return daemon;
	}

	/** The statuses of the run's executions, oldest first. */
	private static List<String> statuses(JdbcClient jdbc, long run) {
		return jdbc.sql("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? ORDER BY JOB_EXECUTION_ID")
			.param(run)
			.query(String.class)
			.list();
	}

	/**
	 * Waits for a condition, failing at once (with the daemon's log entry) when a daemon
	 * could not start or restart a fire, or a run failed: the condition could not come
	 * true then.
	 */
	private ConditionFactory patiently() {
		return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).failFast(() -> {
			for (Daemon daemon : this.daemons) {
				List<String> lines = daemon.log().lines().toList();
				for (int i = 0; i < lines.size(); i++) {
					String line = lines.get(i);
					if (line.contains(": could not start") || line.contains(": could not restart")
							|| line.contains("; fix the cause, then: jobs/restart")) {
						// the entry may span lines (a failure message with line breaks)
						int first = i;
						while (first > 0 && !lines.get(first).matches("\\d\\d:\\d\\d:\\d\\d .*")) {
							first--;
						}
						throw new AssertionError("daemon " + daemon.name() + " (logs in " + this.logs + "):\n"
								+ String.join("\n", lines.subList(first, i + 1)));
					}
				}
			}
		});
	}

	private static long count(JdbcClient jdbc, String sql) {
		Long value = jdbc.sql(sql).query(Long.class).single();
		return (value != null) ? value : 0;
	}

	/** A scheduler daemon in its own JVM, its console output in a file. */
	private record Daemon(String name, Process process, Path out) {

		long pid() {
			return this.process.pid();
		}

		boolean started() {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"daemon " + this.name + " exited " + this.process.exitValue() + ":\n" + log());
			}
			return log().contains("Scheduler started");
		}

		String log() {
			try {
				return Files.readString(this.out, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "";
			}
		}

		/** SIGKILL on Linux: no shutdown hook, no graceful stop. */
		void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/**
		 * SIGTERM: the daemon's graceful stop (it gives a running job at most its
		 * stop-timeout, 60 s).
		 */
		void stop() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

}
