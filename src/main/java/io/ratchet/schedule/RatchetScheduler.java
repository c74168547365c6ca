package io.ratchet.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.ratchet.system.Failures;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The unattended schedule: brings Quartz's persisted jobs and triggers in line with
 * {@code ratchet.schedule}, starts firing, and stops gracefully.
 *
 * <p>
 * Quartz never starts by itself ({@code spring.quartz.auto-startup=false}): only
 * {@code jobs/scheduler} calls {@link #startFiring()}, so the other commands never fire
 * anything. On start every entry is checked first (all problems reported at once, nothing
 * scheduled); then each entry's durable job and cron trigger are created, updated (a
 * changed cron expression or zone reschedules it) or kept as they are (so their next fire
 * time survives a restart), and jobs no longer in the configuration are removed. Triggers
 * misfire with "fire once now": a fire missed while the machine was off runs once at
 * start-up, not once per missed period.
 *
 * <p>
 * Graceful stop (SIGTERM, or the context closing): Spring stops Quartz's
 * {@code SchedulerFactoryBean} first (it goes to standby: no new fires), then this
 * lifecycle (a lower phase) asks Spring Batch to stop the runs this scheduler started
 * ({@link JobOperator#stop}: the running month finishes, the run ends STOPPED), waits for
 * them at most {@code ratchet.schedule.stop-timeout}, then shuts Quartz down.
 */
@Component
@ConditionalOnProperty(name = "ratchet.schedule.quartz", havingValue = "true", matchIfMissing = true)
public class RatchetScheduler implements SmartLifecycle {

	/** The Quartz group of the schedule's jobs and triggers. */
	public static final String GROUP = "ratchet";

	private static final int SYNCHRONIZE_ATTEMPTS = 3;

	private static final Logger log = LoggerFactory.getLogger(RatchetScheduler.class);

	private final Scheduler scheduler;

	private final ScheduleProperties properties;

	private final SchedulableJobs jobs;

	private final ScheduledRuns runs;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final SchedulerCluster cluster;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean firing;

	private volatile boolean lifecycleRunning;

	RatchetScheduler(Scheduler scheduler, ScheduleProperties properties, SchedulableJobs jobs, ScheduledRuns runs,
			JobOperator jobOperator, JobRepository jobRepository, SchedulerCluster cluster) {
		this.scheduler = scheduler;
		this.properties = properties;
		this.jobs = jobs;
		this.runs = runs;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.cluster = cluster;
	}

	/**
	 * Checks the schedule, stores it in Quartz's tables and starts firing.
	 * @return the entries with their next fire times
	 * @throws ScheduleConfigException listing every problem of the configuration; nothing
	 * is scheduled then
	 */
	public synchronized List<PlannedFire> startFiring() {
		List<CheckedEntry> entries = ScheduleValidator.check(this.properties, this.jobs);
		this.cluster.checkSingleDaemonOnH2();
		try {
			List<PlannedFire> planned = synchronizeBesideOthers(entries);
			reportUnfinished(entries);
			this.scheduler.start();
			this.firing = true;
			log.info("Started as {}", this.cluster.describe());
			resumeInterrupted(entries);
			return planned;
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("cannot start the scheduler: " + Failures.describe(ex), ex);
		}
	}

	/**
	 * Checks the schedule and stores it in Quartz's tables without firing anything.
	 * @return the entries with their next fire times
	 * @throws ScheduleConfigException listing every problem of the configuration; nothing
	 * is scheduled then
	 */
	public synchronized List<PlannedFire> synchronize() {
		List<CheckedEntry> entries = ScheduleValidator.check(this.properties, this.jobs);
		try {
			return synchronizeBesideOthers(entries);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("cannot store the schedule: " + Failures.describe(ex), ex);
		}
	}

	/**
	 * Checks the schedule and tells when each entry would fire next, without touching
	 * Quartz's tables (a running daemon is not affected).
	 * @return the entries with their next fire times from now
	 * @throws ScheduleConfigException listing every problem of the configuration
	 */
	public List<PlannedFire> check() {
		return new SchedulePlan(this.properties, this.jobs).planned();
	}

	/** Whether the scheduler is firing (started and not stopped). */
	public boolean isFiring() {
		return this.firing;
	}

	/**
	 * Blocks until the scheduler has stopped (gracefully, see {@link #stopGracefully()}).
	 */
	public void awaitStop() throws InterruptedException {
		this.stopped.await();
	}

	/**
	 * Stops firing, asks the runs this scheduler started to stop at a safe point, waits
	 * for them (at most {@code ratchet.schedule.stop-timeout}) and shuts Quartz down.
	 * Does nothing when the scheduler is not firing.
	 */
	public synchronized void stopGracefully() {
		if (!this.firing) {
			this.stopped.countDown();
			return;
		}
		this.firing = false;
		try {
			this.scheduler.standby();
			Instant deadline = Instant.now().plus(this.properties.stopTimeout());
			Set<String> asked = new HashSet<>();
			if (!this.runs.isEmpty()) {
				log.info(
						"Stopping: no new fires; asking {} running job(s) to stop at a safe point (waiting at most {})",
						this.runs.current().size(), this.properties.stopTimeout());
			}
			while (!this.runs.isEmpty() && Instant.now().isBefore(deadline)) {
				for (ScheduledRuns.Running run : this.runs.current()) {
					askToStop(run, asked);
				}
				Thread.sleep(100);
			}
			boolean idle = this.runs.isEmpty();
			if (!idle) {
				log.warn(
						"Stopping: {} job(s) still running after {}; shutting down anyway. The next start of the "
								+ "scheduler marks them failed and restarts them.",
						this.runs.current().size(), this.properties.stopTimeout());
			}
			this.scheduler.shutdown(idle);
			if (idle) {
				this.cluster.leave();
			}
			log.info("Scheduler stopped");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (SchedulerException ex) {
			log.error("Stopping the scheduler failed: {}", Failures.describe(ex), ex);
		}
		finally {
			this.stopped.countDown();
		}
	}

	private void askToStop(ScheduledRuns.Running run, Set<String> asked) {
		JobExecution execution = this.jobRepository.getLastJobExecution(run.job().getName(), run.parameters());
		if (execution == null || !execution.getStatus().isRunning() || !asked.add(Long.toString(execution.getId()))) {
			return;
		}
		try {
			this.jobOperator.stop(execution);
			log.info("{}: asked run {} to stop at a safe point", run.entry(),
					execution.getJobInstance().getInstanceId());
		}
		catch (JobExecutionNotRunningException ex) {
			log.debug("{}: run {} ended before it could be stopped", run.entry(),
					execution.getJobInstance().getInstanceId());
		}
	}

	/**
	 * {@link #synchronize(List)}, again when another daemon of the cluster stored the
	 * same job or trigger at the same moment: Quartz checks for a row and then inserts
	 * it, so two daemons starting together can both find none, and the database's unique
	 * key refuses the second insert once the first has committed. The next attempt reads
	 * what the other stored. Any other failure, or the same race three times, is thrown.
	 */
	private List<PlannedFire> synchronizeBesideOthers(List<CheckedEntry> entries) throws SchedulerException {
		for (int attempt = 1;; attempt++) {
			try {
				return synchronize(entries);
			}
			catch (SchedulerException ex) {
				if (attempt == SYNCHRONIZE_ATTEMPTS || !StoreRace.isRace(ex)) {
					throw ex;
				}
				log.info("Another scheduler stored the schedule at the same moment ({}); reading it again",
						Failures.describe(ex));
			}
		}
	}

	private List<PlannedFire> synchronize(List<CheckedEntry> entries) throws SchedulerException {
		Set<JobKey> wanted = new HashSet<>();
		List<PlannedFire> planned = new ArrayList<>();
		for (CheckedEntry entry : entries) {
			JobKey jobKey = entry.jobKey();
			TriggerKey triggerKey = entry.triggerKey();
			wanted.add(jobKey);
			storeJob(entry, jobKey);
			Trigger trigger = this.scheduler.getTrigger(triggerKey);
			if (!isCurrent(trigger, entry)) {
				CronTrigger replacement = entry.trigger();
				if (trigger == null) {
					try {
						this.scheduler.scheduleJob(replacement);
						log.info("{}: scheduled ({} in {})", entry.name(), entry.cron(), entry.zone());
					}
					catch (ObjectAlreadyExistsException ex) {
						// Another daemon of the cluster, starting at the same moment,
						// stored it first.
						trigger = this.scheduler.getTrigger(triggerKey);
						if (!isCurrent(trigger, entry)) {
							this.scheduler.rescheduleJob(triggerKey, replacement);
						}
						else {
							replacement = (CronTrigger) trigger;
						}
					}
				}
				else {
					this.scheduler.rescheduleJob(triggerKey, replacement);
					log.info("{}: rescheduled ({} in {})", entry.name(), entry.cron(), entry.zone());
				}
				trigger = replacement;
			}
			Instant next = (trigger.getNextFireTime() != null) ? trigger.getNextFireTime().toInstant() : null;
			planned.add(new PlannedFire(entry.name(), entry.job().name(), entry.dataset(), entry.cron(), entry.zone(),
					(next != null) ? ZonedDateTime.ofInstant(next, entry.zone()) : null));
		}
		for (JobKey key : this.scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
			if (!wanted.contains(key)) {
				this.scheduler.deleteJob(key);
				log.info("{}: no longer in the schedule, removed", key.getName());
			}
		}
		return planned;
	}

	private void storeJob(CheckedEntry entry, JobKey jobKey) throws SchedulerException {
		JobDataMap data = new JobDataMap(Map.of(ScheduledFire.JOB, entry.job().name(), ScheduledFire.DATASET,
				entry.dataset(), ScheduledFire.ZONE, entry.zone().getId()));
		JobDetail existing = this.scheduler.getJobDetail(jobKey);
		if (existing != null && existing.getJobClass() == ScheduledFire.class && existing.isDurable()
				&& existing.requestsRecovery()
				&& data.keySet()
					.stream()
					.allMatch((key) -> Objects.equals(data.get(key), existing.getJobDataMap().get(key)))) {
			return;
		}
		if (existing != null && existing.getJobDataMap().containsKey(ScheduledFire.INTERRUPTED)) {
			data.put(ScheduledFire.INTERRUPTED, existing.getJobDataMap().getString(ScheduledFire.INTERRUPTED));
		}
		JobDetail detail = JobBuilder.newJob(ScheduledFire.class)
			.withIdentity(jobKey)
			.withDescription(entry.job().name() + " " + entry.dataset())
			.usingJobData(data)
			.storeDurably()
			.requestRecovery()
			.build();
		this.scheduler.addJob(detail, true);
	}

	private static boolean isCurrent(Trigger trigger, CheckedEntry entry) {
		return trigger instanceof CronTrigger cron && cron.getCronExpression().equals(entry.cron())
				&& cron.getTimeZone().toZoneId().equals(entry.zone())
				&& cron.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW;
	}

	/**
	 * Logs runs of the scheduled jobs that the database shows as running, with the
	 * command that restarts them.
	 */
	private void reportUnfinished(List<CheckedEntry> entries) {
		entries.stream().map((entry) -> entry.job().job().getName()).distinct().forEach((jobName) -> {
			for (JobExecution execution : this.jobRepository.findRunningJobExecutions(jobName)) {
				long runId = execution.getJobInstance().getInstanceId();
				log.warn("Run {} ({}) is marked {} since {}: either another process runs it, or its process died. "
						+ "A run of this scheduler that died is restarted by it shortly; otherwise, once sure no "
						+ "process runs it: jobs/restart {}", runId, jobName, execution.getStatus(),
						execution.getStartTime(), runId);
			}
		});
	}

	/**
	 * Fires again, once, each entry whose last run was stopped at a safe point by a
	 * graceful stop.
	 */
	private void resumeInterrupted(List<CheckedEntry> entries) throws SchedulerException {
		for (CheckedEntry entry : entries) {
			JobKey key = JobKey.jobKey(entry.name(), GROUP);
			JobDetail detail = this.scheduler.getJobDetail(key);
			String fireTime = (detail != null) ? detail.getJobDataMap().getString(ScheduledFire.INTERRUPTED) : null;
			if (fireTime != null) {
				log.info("{}: resuming the run stopped by the last shutdown (fire of {})", entry.name(),
						Instant.ofEpochMilli(Long.parseLong(fireTime)).atZone(entry.zone()).toOffsetDateTime());
				this.scheduler.triggerJob(key, new JobDataMap(Map.of(ScheduledFire.FIRE_TIME, fireTime)));
			}
		}
	}

	@Override
	public void start() {
		this.lifecycleRunning = true;
	}

	@Override
	public void stop() {
		stopGracefully();
		this.lifecycleRunning = false;
	}

	@Override
	public boolean isRunning() {
		return this.lifecycleRunning;
	}

	/**
	 * Just after Quartz's SchedulerFactoryBean (phase {@code Integer.MAX_VALUE}), which
	 * goes to standby first.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

	/** The longest a graceful stop may take, for callers that bound their wait. */
	public Duration stopTimeout() {
		return this.properties.stopTimeout();
	}

}
