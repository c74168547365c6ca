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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ratchet.PostgresIntegrationTest;
import io.ratchet.PostgresTestDatabase;
import io.ratchet.RatchetApplication;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real scheduler daemons ({@code jobs/scheduler}: separate JVMs, main class {@link RatchetApplication}, the test's
 * class path) on one PostgreSQL schema, as a cluster: a trigger every 3 seconds fires each time exactly once across
 * both, and when the daemon running a long back-test is killed with SIGKILL ({@link Process#destroyForcibly}), the
 * other declares it dead, keeps firing the triggers and restarts the interrupted run (same run, finished months kept).
 * Prints the numbers (fires, duplicates, take-over time). Runs where {@code RATCHET_TEST_POSTGRES_URL} names a server.
 */
@PostgresIntegrationTest
class SchedulerClusterPostgresIntegrationTests {

	private static final String TICK = "0/3 * * * * ?";

	@TempDir
	Path root;

	private final List<Daemon> daemons = new ArrayList<>();

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
		// given: a small dataset fired every 3 s, a long back-test fired once ~15 s from now, a migrated schema
		ToyData.create(this.root, "toy", 2, 60);
		ToyData.create(this.root, "big", 48, 6000);
		Map<String, Object> database = PostgresTestDatabase.properties(PostgresTestDatabase.newSchema());
		JdbcClient jdbc = migrate(database);
		ZonedDateTime slowFire = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
		List<String> settings = settings(database, slowFire);

		// when: two daemons start
		Daemon a = start("a", settings);
		Daemon b = start("b", settings);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
			.until(() -> a.started() && b.started());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE").query(Long.class).single()).isEqualTo(2);

		// then: the long back-test runs on one of them; kill that one with SIGKILL mid-run
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
			.until(() -> count(jdbc, "SELECT COUNT(*) FROM run_partition p JOIN run r ON r.id = p.run_id "
					+ "WHERE r.dataset = 'big'") >= 2);
		long owner = jdbc.sql("SELECT pid FROM scheduled_run WHERE entry_name = 'slow'").query(Long.class).single();
		Daemon victim = (a.pid() == owner) ? a : b;
		Daemon survivor = (victim == a) ? b : a;
		assertThat(victim.pid()).isEqualTo(owner);
		long bigRun = jdbc.sql("SELECT id FROM run WHERE dataset = 'big'").query(Long.class).single();
		victim.kill();
		Instant killed = Instant.now();

		// then: the survivor restarts the run (as jobs/restart would) and completes it; every month once
		await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(200))
			.until(() -> count(jdbc, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = " + bigRun
					+ " AND STATUS = 'COMPLETED'") == 1);
		List<String> statuses = jdbc.sql("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? "
				+ "ORDER BY JOB_EXECUTION_ID").param(bigRun).query(String.class).list();
		assertThat(statuses).hasSize(2).last().isEqualTo("COMPLETED");
		assertThat(statuses.get(0)).isIn("FAILED", "ABANDONED");
		assertThat(count(jdbc, "SELECT COUNT(*) FROM run_partition WHERE run_id = " + bigRun)).isEqualTo(48);
		assertThat(count(jdbc, "SELECT COUNT(DISTINCT period) FROM run_partition WHERE run_id = " + bigRun))
			.isEqualTo(48);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM run WHERE dataset = 'big'")).isEqualTo(1);
		Timestamp restarted = jdbc.sql("SELECT MAX(START_TIME) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?")
			.param(bigRun).query(Timestamp.class).single();
		Duration takeOver = Duration.between(killed, restarted.toLocalDateTime().atZone(ZoneId.systemDefault()));
		assertThat(survivor.log()).contains("which died; marking it failed and restarting it");
		assertThat(jdbc.sql("SELECT pid FROM scheduled_run WHERE entry_name = 'slow'").query(Long.class).single())
			.isEqualTo(survivor.pid());

		// and: the survivor keeps firing the 3-second trigger
		LocalDateTime afterTakeOver = restarted.toLocalDateTime();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> jdbc.sql("SELECT COUNT(*) FROM run WHERE dataset = 'toy' AND status = 'COMPLETED' "
					+ "AND started_at > ?").param(Timestamp.valueOf(afterTakeOver)).query(Long.class).single() >= 2);
		survivor.stop();

		// then: every fire of the 3-second trigger ran exactly once, none was launched twice
		List<Timestamp> fires = jdbc.sql("SELECT as_of FROM run WHERE dataset = 'toy' ORDER BY as_of")
			.query(Timestamp.class).list();
		long executions = count(jdbc, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN run r "
				+ "ON r.id = e.JOB_INSTANCE_ID WHERE r.dataset = 'toy'");
		long duplicates = fires.size() - fires.stream().distinct().count();
		long refused = a.log().lines().filter((line) -> line.contains("(backtest toy") && line.contains("skipped"))
			.count() + b.log().lines().filter((line) -> line.contains("(backtest toy") && line.contains("skipped"))
				.count();
		assertThat(duplicates).isZero();
		assertThat(executions).isEqualTo(fires.size());
		// (the last fire may have been running at the SIGTERM: then it stopped at a safe point, to be resumed)
		assertThat(jdbc.sql("SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN run r ON r.id = e.JOB_INSTANCE_ID "
				+ "WHERE r.dataset = 'toy' AND r.as_of < ?").param(fires.get(fires.size() - 1)).query(String.class).list())
			.containsOnly("COMPLETED");
		assertThat(fires).allSatisfy((fire) -> assertThat(fire.toLocalDateTime().getSecond() % 3).isZero());
		assertThat(fires.size()).isGreaterThanOrEqualTo(5);
		long onA = count(jdbc, "SELECT COUNT(*) FROM scheduled_run WHERE entry_name = 'tick' AND pid = " + a.pid());
		System.out.printf("scheduler cluster: %d fires of the 3-second trigger (%d on daemon a, %d on b), %d run "
				+ "twice, %d duplicate launches refused; kill -9 of the daemon running the long back-test: taken over "
				+ "and restarted after %.1f s; run %d completed with %d executions %s%n", fires.size(), onA,
				fires.size() - onA, duplicates, refused, takeOver.toMillis() / 1000.0, bigRun, statuses.size(),
				statuses);
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
		// Migrated here once, so that the two daemons start at the same moment without racing to create the schema.
		Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(schema)
			.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
			.load()
			.migrate();
		return JdbcClient.create(this.dataSource);
	}

	private List<String> settings(Map<String, Object> database, ZonedDateTime slowFire) {
		List<String> settings = new ArrayList<>();
		database.forEach((name, value) -> settings.add("--" + name + "=" + value));
		settings.add("--ratchet.paths.config=" + this.root.resolve("config"));
		settings.add("--ratchet.paths.data=" + this.root.resolve("historical-data"));
		settings.add("--ratchet.paths.reports=" + this.root.resolve("reports"));
		settings.add("--ratchet.schedule.zone=UTC");
		settings.add("--ratchet.backtest.threads=1");
		settings.add("--server.port=0"); // two daemons on one machine: each its own free port for the HTTP endpoint
		settings.add("--ratchet.schedule.jobs[0].name=tick");
		settings.add("--ratchet.schedule.jobs[0].job=backtest");
		settings.add("--ratchet.schedule.jobs[0].dataset=toy");
		settings.add("--ratchet.schedule.jobs[0].cron=" + TICK);
		settings.add("--ratchet.schedule.jobs[1].name=slow");
		settings.add("--ratchet.schedule.jobs[1].job=backtest");
		settings.add("--ratchet.schedule.jobs[1].dataset=big");
		settings.add("--ratchet.schedule.jobs[1].cron=" + slowFire.getSecond() + " " + slowFire.getMinute() + " "
				+ slowFire.getHour() + " " + slowFire.getDayOfMonth() + " " + slowFire.getMonthValue() + " ? "
				+ slowFire.getYear());
		settings.add("--spring.main.banner-mode=off");
		return settings;
	}

	private Daemon start(String name, List<String> settings) throws IOException {
		Path dir = Files.createDirectories(this.root.resolve("daemon-" + name));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), RatchetApplication.class.getName(), "scheduler"));
		command.addAll(settings);
		command.add("--logging.file.name=" + dir.resolve("ratchet.log"));
		Path out = dir.resolve("console.log");
		// Its own working folder: no config/application.yml (and its sample schedule) is read there.
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(out.toFile())
			.start();
		Daemon daemon = new Daemon(name, process, out);
		this.daemons.add(daemon);
		return daemon;
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
				throw new IllegalStateException("daemon " + this.name + " exited " + this.process.exitValue() + ":\n"
						+ log());
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

		/** SIGTERM: the daemon's graceful stop. */
		void stop() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

}
