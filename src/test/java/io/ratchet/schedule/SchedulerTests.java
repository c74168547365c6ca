package io.ratchet.schedule;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

import io.ratchet.ConsoleCapture;
import io.ratchet.RatchetApplication;
import io.ratchet.cli.CommandLine;
import io.ratchet.system.ThisProcess;
import io.ratchet.test.ToyWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler on H2 with a small made-up dataset: it fires; its triggers survive a
 * restart of the application context (same database file) without being duplicated; a
 * fire missed while it was down runs once; the same scheduled fire twice is one run; a
 * wrong schedule schedules nothing; a graceful stop ends the running back-test at a safe
 * point and the next start resumes it. Each test starts and closes its own contexts, as a
 * daemon restart would.
 */
class SchedulerTests {

	private static final String WEEKLY = "0 0 3 ? * SUN";

	private static final String NEVER_SOON = "0 0 3 1 1 ? 2099";

	/**
	 * How long a step may take on a loaded machine before the test is considered stuck
	 * (waits end at the event).
	 */
	private static final Duration PATIENCE = Duration.ofMinutes(3);

	@TempDir
	static Path root;

	private String database;

	private ConfigurableApplicationContext context;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@BeforeAll
	static void data() {
		toyData(root, "toy", 3, 100);
	}

	@BeforeEach
	void freshDatabase(TestInfo test) {
		this.database = test.getTestMethod().orElseThrow().getName();
		FileSystemUtils.deleteRecursively(Path.of("target/test-db/schedule").resolve(this.database).toFile());
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aFastCronFiresTheBacktest() {
		// given
		this.context = startWith(entry("fast", "backtest", "toy", "0/2 * * * * ?"));

		// when
		scheduler().startFiring();

		// then
		await().atMost(PATIENCE)
			.until(() -> count("SELECT COUNT(*) FROM run WHERE status = 'COMPLETED' AND dataset = 'toy'") >= 1);
		assertThat(count("SELECT COUNT(*) FROM run WHERE job_name = 'backtest' AND status = 'FAILED'")).isZero();
	}

	@Test
	void triggersSurviveARestartWithoutDuplicatesAndFollowTheConfiguration() throws Exception {
		// given
		this.context = startWith(entry("weekly", "backtest", "toy", WEEKLY),
				entry("other", "backtest", "toy", NEVER_SOON));
		scheduler().synchronize();
		long nextFire = nextFireTime("weekly");
		long startTime = startTime("weekly");
		this.context.close();

		// when: the same configuration in a new context on the same database
		this.context = startWith(entry("weekly", "backtest", "toy", WEEKLY),
				entry("other", "backtest", "toy", NEVER_SOON));
		List<PlannedFire> planned = scheduler().synchronize();

		// then: the stored trigger was kept, not recreated
		assertThat(count("SELECT COUNT(*) FROM QRTZ_TRIGGERS")).isEqualTo(2);
		assertThat(count("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS")).isEqualTo(2);
		assertThat(startTime("weekly")).isEqualTo(startTime);
		assertThat(nextFireTime("weekly")).isEqualTo(nextFire);
		assertThat(planned).extracting(PlannedFire::name).containsExactly("weekly", "other");
		assertThat(planned.get(0).nextFire().getDayOfWeek()).hasToString("SUNDAY");
		this.context.close();

		// when: the cron expression changes and an entry goes
		this.context = startWith(entry("weekly", "backtest", "toy", "0 30 4 ? * MON"));
		scheduler().synchronize();

		// then
		assertThat(this.jdbc().sql("SELECT CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS").query(String.class).list())
			.containsExactly("0 30 4 ? * MON");
		assertThat(count("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS")).isEqualTo(1);
	}

	@Test
	void aFireMissedWhileStoppedRunsOnceAtStartUp() throws Exception {
		// given: a weekly trigger whose next fire time passed three weeks ago, as if the
		// machine had been off
		this.context = startWith(entry("weekly", "backtest", "toy", WEEKLY));
		scheduler().synchronize();
		Date longAgo = Date.from(Instant.now().minus(Duration.ofDays(22)));
		quartz().rescheduleJob(TriggerKey.triggerKey("weekly", RatchetScheduler.GROUP),
				TriggerBuilder.newTrigger()
					.withIdentity("weekly", RatchetScheduler.GROUP)
					.forJob("weekly", RatchetScheduler.GROUP)
					.startAt(longAgo)
					.withSchedule(CronScheduleBuilder.cronSchedule(WEEKLY)
						.inTimeZone(TimeZone.getTimeZone("UTC"))
						.withMisfireHandlingInstructionFireAndProceed())
					.build());
		assertThat(nextFireTime("weekly")).isLessThan(Instant.now().minus(Duration.ofDays(7)).toEpochMilli());
		this.context.close();

		// when
		this.context = startWith(entry("weekly", "backtest", "toy", WEEKLY));
		scheduler().startFiring();

		// then: one run, not one per missed Sunday, and the next fire is in the future
		await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM run WHERE status = 'COMPLETED'") == 1);
		// (once the trigger's next fire is in the future and no fire is in flight, every
		// missed Sunday that was
		// going to fire has fired: each would have a job instance)
		await().atMost(PATIENCE)
			.until(() -> nextFireTime("weekly") > System.currentTimeMillis()
					&& count("SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS") == 0);
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'backtest'")).isEqualTo(1);
	}

	@Test
	void theSameScheduledFireTwiceIsOneRun() throws Exception {
		// given
		this.context = startWith(entry("weekly", "backtest", "toy", NEVER_SOON));
		scheduler().startFiring();
		AtomicInteger executed = new AtomicInteger();
		quartz().getListenerManager().addJobListener(new Executed(executed));
		String fireTime = Long
			.toString(ZonedDateTime.of(2026, 11, 1, 3, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli());
		JobKey key = JobKey.jobKey("weekly", RatchetScheduler.GROUP);

		// when
		quartz().triggerJob(key, new JobDataMap(Map.of(ScheduledFire.FIRE_TIME, fireTime)));
		quartz().triggerJob(key, new JobDataMap(Map.of(ScheduledFire.FIRE_TIME, fireTime)));

		// then
		await().atMost(PATIENCE).until(() -> executed.get() == 2);
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'backtest'")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(1);
		assertThat(this.jdbc().sql("SELECT as_of FROM run").query(java.sql.Timestamp.class).single().toLocalDateTime())
			.hasToString("2026-11-01T03:00");
	}

	@Test
	void aWrongScheduleIsReportedAtStartUpAndNothingIsScheduled() {
		// given
		this.context = startWith(entry("nightly", "backtest", "toy", "0 0 25 * * ?"),
				entry("x", "nowtset", "toy", WEEKLY), entry("y", "backtest", "nope", WEEKLY),
				entry("x", "backtest", "toy", WEEKLY));

		// when / then
		assertThatExceptionOfType(ScheduleConfigException.class).isThrownBy(() -> scheduler().startFiring())
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(4)
				.anySatisfy((problem) -> assertThat(problem).startsWith("ratchet.schedule.jobs[2].dataset: ")
					.contains("unknown dataset 'nope' (known: toy)")));
		assertThat(count("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS")).isZero();
		assertThat(scheduler().isFiring()).isFalse();

		// and the command says so and exits 2
		this.console.resetErr();
		int exit = this.context.getBean(CommandLine.class).run("scheduler");
		assertThat(exit).isEqualTo(CommandLine.USAGE);
		assertThat(count("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS")).isZero();
		assertThat(this.console.err()).contains("4 problems")
			.contains("ratchet.schedule.jobs[0].cron: '0 0 25 * * ?' is not a valid cron expression")
			.contains("ratchet.schedule.jobs[1].job: unknown job 'nowtset' (known: backtest")
			.contains("ratchet.schedule.jobs[3].name: 'x' is already the name of ratchet.schedule.jobs[1]")
			.contains("Nothing was scheduled.");
	}

	@Test
	void theCheckPrintsTheNextFiresWithoutStoringAnything() {
		// given
		this.context = startWith(entry("weekly", "backtest", "toy", WEEKLY));
		this.console.resetOut();

		// when
		int exit = this.context.getBean(CommandLine.class).run("scheduler", "--check");

		// then
		assertThat(exit).isEqualTo(CommandLine.OK);
		assertThat(this.console.out()).contains("weekly").contains(WEEKLY).contains("next: Sun ");
		assertThat(count("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS")).isZero();
		assertThat(scheduler().isFiring()).isFalse();
	}

	@Test
	void aScheduledDatasetWithoutRequirementsIsRefusedAtStartUpNotJudgedAtNight() throws Exception {
		// given: a workspace whose requirements misspell the dataset's key
		Path typo = root.resolve("typo");
		toyData(typo, "toy", 2, 50);
		java.nio.file.Files.writeString(typo.resolve("config/requirements.yml"),
				"tyo:\n  monthly:\n    roc_auc: {min: 0.6}\n");
		Map<String, Object> settings = jobs(entry("weekly", "backtest", "toy", WEEKLY),
				entry("nightly", "nowtest", "toy", WEEKLY));
		settings.put("ratchet.paths.config", typo.resolve("config").toString());
		settings.put("ratchet.paths.data", typo.resolve("historical-data").toString());
		this.context = start(settings);

		// when / then: both entries are refused, naming the file and the key found;
		// nothing is scheduled
		assertThatExceptionOfType(ScheduleConfigException.class).isThrownBy(() -> scheduler().startFiring())
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(2)
				.allSatisfy((problem) -> assertThat(problem)
					.contains("requirements.yml has no requirements for dataset \"toy\"")
					.contains("\"tyo\" (line 1)")));
		assertThat(count("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS")).isZero();
	}

	@Test
	void theCheckRefusesACronForADateThatNeverComesAsTheDaemonDoesNamingTheEntry() throws Exception {
		// given: 31 February; Quartz parses the expression but refuses to schedule a
		// trigger that never fires
		String never = "0 0 2 31 2 ?";
		this.context = startWith(entry("weekly", "backtest", "toy", WEEKLY), entry("leap", "backtest", "toy", never));
		CheckedEntry leap = new CheckedEntry("leap", null, "toy", never, ZoneId.of("UTC"));
		assertThatExceptionOfType(org.quartz.SchedulerException.class).isThrownBy(() -> quartz().scheduleJob(
				org.quartz.JobBuilder.newJob(ScheduledFire.class).withIdentity(leap.jobKey()).build(), leap.trigger()))
			.withMessageContaining("will never fire");
		this.console.resetErr();

		// when
		int exit = this.context.getBean(CommandLine.class).run("scheduler", "--check");

		// then: --check refuses it, naming the entry, and so does the daemon, before
		// storing anything
		assertThat(exit).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err())
			.contains("ratchet.schedule.jobs[1].cron: '0 0 2 31 2 ?' of entry 'leap' never fires");
		assertThatExceptionOfType(ScheduleConfigException.class).isThrownBy(() -> scheduler().startFiring())
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.asString()
				.contains("of entry 'leap' never fires"));
		assertThat(count("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS")).isZero();
	}

	@Test
	void aGracefulStopEndsTheRunningBacktestAtASafePointAndTheNextStartResumesIt() throws Exception {
		// given: a back-test of 24 larger months, one at a time, fired now
		Path big = root.resolve("big");
		toyData(big, "toy", 36, 4000);
		Map<String, Object> settings = jobs(entry("weekly", "backtest", "toy", NEVER_SOON));
		settings.put("ratchet.paths.config", big.resolve("config").toString());
		settings.put("ratchet.paths.data", big.resolve("historical-data").toString());
		settings.put("ratchet.backtest.threads", 1);
		this.context = start(settings);
		scheduler().startFiring();
		quartz().triggerJob(JobKey.jobKey("weekly", RatchetScheduler.GROUP), new JobDataMap(Map
			.of(ScheduledFire.FIRE_TIME, Long.toString(Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli()))));
		await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM run_partition") > 0);

		// when: the context closes as on SIGTERM
		this.context.close();

		// then: the run ended at a safe point, or had completed first
		this.context = start(new LinkedHashMap<>());
		String status = this.jdbc().sql("SELECT STATUS FROM BATCH_JOB_EXECUTION").query(String.class).single();
		assertThat(status).isIn(BatchStatus.STOPPED.name(), BatchStatus.COMPLETED.name());
		this.context.close();

		// when: the scheduler starts again
		this.context = start(settings);
		scheduler().startFiring();

		// then: the same run is resumed and completes; nothing ran twice
		await().atMost(PATIENCE)
			.until(() -> count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'") == 1);
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM run_partition")).isEqualTo(36);
		assertThat(count("SELECT COUNT(*) FROM run WHERE status = 'COMPLETED'")).isEqualTo(1);
		if (BatchStatus.STOPPED.name().equals(status)) {
			assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(2);
		}
	}

	@Test
	void aRunLeftRunningIsTakenOverOnlyOnceItsOwnerIsDead() throws Exception {
		// given: a firing daemon, and the run of a fire marked STARTED by another daemon,
		// "other", alive
		this.context = startWith(entry("weekly", "backtest", "toy", NEVER_SOON));
		scheduler().startFiring();
		AtomicInteger executed = new AtomicInteger();
		quartz().getListenerManager().addJobListener(new Executed(executed));
		Instant fire = ZonedDateTime.of(2026, 10, 4, 3, 0, 0, 0, ZoneOffset.UTC).toInstant();
		JobParameters parameters = this.context.getBean(SchedulableJobs.class)
			.find("backtest")
			.orElseThrow()
			.parametersFor("toy", fire.atZone(ZoneId.of("UTC")));
		JobRepository repository = this.context.getBean(JobRepository.class);
		JobExecution left = repository.createJobExecution(repository.createJobInstance("backtest", parameters),
				parameters, new ExecutionContext());
		left.setStatus(BatchStatus.STARTED);
		left.setStartTime(LocalDateTime.now());
		repository.update(left);
		// "other" checks in hourly: Quartz's own check-in here declares a daemon dead
		// (and deletes its row) once it is silent for its interval plus 7.5 s, so with
		// the daemons' 5 s it would die by itself about 12.5 s after this insert, and on
		// a loaded machine before the first fire below has run. Alive for as long as the
		// test can take, it dies only when the test says so (the DELETE below).
		jdbc()
			.sql("INSERT INTO QRTZ_SCHEDULER_STATE (SCHED_NAME, INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL) "
					+ "VALUES (?, 'other', ?, ?)")
			.params(quartz().getSchedulerName(), System.currentTimeMillis(), Duration.ofHours(1).toMillis())
			.update();
		// its lease far from its expiry: only Quartz's word can tell that daemon dead
		jdbc()
			.sql("INSERT INTO lease (kind, job_name, lease_key, holder, daemon, label, claimed_at, expires_at) "
					+ "VALUES ('scheduled-run', 'backtest', ?, '4242@elsewhere', 'other', 'weekly', ?, ?)")
			.params(SchedulerCluster.jobKey(parameters), Timestamp.from(Instant.now()),
					Instant.now().plusSeconds(3600).toEpochMilli())
			.update();
		JobKey key = JobKey.jobKey("weekly", RatchetScheduler.GROUP);
		JobDataMap data = new JobDataMap(Map.of(ScheduledFire.FIRE_TIME, Long.toString(fire.toEpochMilli())));

		// when: the same fire comes here while its owner is alive
		quartz().triggerJob(key, data);
		await().atMost(PATIENCE).until(() -> executed.get() == 1);

		// then: a no-op: the run is left to its owner
		assertThat(jdbc().sql("SELECT STATUS FROM BATCH_JOB_EXECUTION").query(String.class).list())
			.containsExactly("STARTED");
		assertThat(leaseHolder()).isEqualTo("4242@elsewhere");

		// when: Quartz has declared the owner dead (its row is gone) and the fire comes
		// again
		jdbc().sql("DELETE FROM QRTZ_SCHEDULER_STATE WHERE INSTANCE_NAME = 'other'").update();
		quartz().triggerJob(key, data);
		await().atMost(PATIENCE).until(() -> executed.get() == 2);

		// then: marked failed and restarted here, as jobs/restart does: the same run
		// completes, owned by this daemon
		assertThat(jdbc().sql("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID")
			.query(String.class)
			.list()).containsExactly("FAILED", "COMPLETED");
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM run WHERE status = 'COMPLETED'")).isEqualTo(1);
		assertThat(leaseHolder()).isEqualTo(ThisProcess.id());
	}

	@Test
	void aSecondDaemonIsRefusedOnH2AndJoinsTheClusterOnPostgresql() {
		// given: a daemon firing
		this.context = startWith(entry("weekly", "backtest", "toy", NEVER_SOON));
		scheduler().startFiring();
		boolean h2 = String.valueOf(database(this.database).get("spring.datasource.url")).startsWith("jdbc:h2:");

		// when: a second daemon starts on the same database
		try (ConfigurableApplicationContext second = startWith(entry("weekly", "backtest", "toy", NEVER_SOON))) {
			RatchetScheduler other = second.getBean(RatchetScheduler.class);

			// then: H2 is single-process, so it is refused, saying why; PostgreSQL has
			// two live members
			if (h2) {
				assertThatExceptionOfType(IllegalStateException.class).isThrownBy(other::startFiring)
					.withMessageContaining("another scheduler daemon is running on this H2 database")
					.withMessageContaining("H2 file databases are single-process")
					.withMessageContaining("PostgreSQL");
				assertThat(other.isFiring()).isFalse();
			}
			else {
				other.startFiring();
				assertThat(count("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE")).isEqualTo(2);
				assertThat(count("SELECT COUNT(*) FROM QRTZ_TRIGGERS")).isEqualTo(1);
			}
		}
	}

	private ConfigurableApplicationContext start(Map<String, Object> settings) {
		Map<String, Object> properties = new LinkedHashMap<>(database(this.database));
		properties.put("spring.quartz.scheduler-name", "test-" + this.database);
		properties.put("ratchet.paths.config", root.resolve("config").toString());
		properties.put("ratchet.paths.data", root.resolve("historical-data").toString());
		properties.put("ratchet.paths.reports", root.resolve("reports").toString());
		properties.put("ratchet.schedule.zone", "UTC");
		properties.put("ratchet.schedule.stop-timeout", "20s");
		properties.putAll(settings);
		// As command-line arguments: they outrank config/application.yml (and its sample
		// schedule).
		String[] args = properties.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(RatchetApplication.class).profiles("test").run(args);
	}

	/**
	 * The settings of the test's database: the same for every context of one test (a
	 * daemon restarted on the same database), a new one per test.
	 */
	protected Map<String, Object> database(String test) {
		return Map.of("spring.datasource.url", "jdbc:h2:file:./target/test-db/schedule/" + test + "/ratchet");
	}

	@SafeVarargs
	private ConfigurableApplicationContext startWith(Map<String, Object>... entries) {
		return start(jobs(entries));
	}

	@SafeVarargs
	private static Map<String, Object> jobs(Map<String, Object>... entries) {
		Map<String, Object> settings = new LinkedHashMap<>();
		for (int i = 0; i < entries.length; i++) {
			for (Map.Entry<String, Object> setting : entries[i].entrySet()) {
				settings.put("ratchet.schedule.jobs[" + i + "]." + setting.getKey(), setting.getValue());
			}
		}
		return settings;
	}

	private static Map<String, Object> entry(String name, String job, String dataset, String cron) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("name", name);
		entry.put("job", job);
		entry.put("dataset", dataset);
		entry.put("cron", cron);
		return entry;
	}

	private RatchetScheduler scheduler() {
		return this.context.getBean(RatchetScheduler.class);
	}

	private Scheduler quartz() {
		return this.context.getBean(Scheduler.class);
	}

	private JdbcClient jdbc() {
		return this.context.getBean(JdbcClient.class);
	}

	private long count(String sql) {
		Long value = jdbc().sql(sql).query(Long.class).single();
		return (value != null) ? value : 0;
	}

	/** Who holds, or last held, the one scheduled run's lease. */
	private String leaseHolder() {
		return jdbc().sql("SELECT holder FROM lease WHERE kind = 'scheduled-run'").query(String.class).single();
	}

	private long nextFireTime(String trigger) throws Exception {
		return ((CronTrigger) quartz().getTrigger(TriggerKey.triggerKey(trigger, RatchetScheduler.GROUP)))
			.getNextFireTime()
			.getTime();
	}

	private long startTime(String trigger) throws Exception {
		return quartz().getTrigger(TriggerKey.triggerKey(trigger, RatchetScheduler.GROUP)).getStartTime().getTime();
	}

	/** Counts the fires Quartz has finished executing. */
	private record Executed(AtomicInteger count) implements JobListener {

		@Override
		public String getName() {
			return "executed";
		}

		@Override
		public void jobToBeExecuted(JobExecutionContext context) {
		}

		@Override
		public void jobExecutionVetoed(JobExecutionContext context) {
		}

		@Override
		public void jobWasExecuted(JobExecutionContext context, JobExecutionException jobException) {
			this.count.incrementAndGet();
		}

	}

	/**
	 * Adds dataset {@code name} to the workspace under {@code root}: numeric {@code x}
	 * only, a champion {@code name-logit@1} (appended to the registry and requirements),
	 * and {@code months} month files of {@code rows} rows from 2024-01.
	 */
	static void toyData(Path root, String name, int months, int rows) {
		new ToyWorkspace(root).seed(7)
			.xOnlyDataset(name)
			.logit(name + "-logit", name, 2.0)
			.appendConfig("registry.yml", name + ":\n  champion: " + name + "-logit@1\n")
			.appendConfig("requirements.yml", name + ":\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.6}\n")
			.months(name, YearMonth.of(2024, 1), months, rows);
	}

}
