package io.ratchet.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import io.ratchet.lease.Claim;
import io.ratchet.lease.LeaseId;
import io.ratchet.lease.Leases;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;
import io.ratchet.system.Failures;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.PersistJobDataAfterExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job of every schedule entry: a thin adapter that turns a fire into
 * {@code jobOperator.start(job,
 * parameters)}. The parameters come from the fire's <em>scheduled</em> time only (in the
 * entry's zone, to the second), so a fire that happens twice (a replayed misfire, a
 * recovered crash, a second scheduler) names the same job instance and Spring Batch
 * refuses to run a completed one again: that fire is logged as skipped.
 *
 * <p>
 * {@link DisallowConcurrentExecution}: an entry never runs twice at once; a fire due
 * while the previous one still runs waits for it (and then usually finds its instance
 * complete, or is a new period). {@link PersistJobDataAfterExecution}: a run stopped at a
 * safe point by a graceful shutdown is remembered in the job's data so that the next
 * start of the scheduler resumes it. A crash (kill -9) leaves the fire in Quartz's table;
 * the job requests recovery, so the next start, or another daemon of the cluster once
 * Quartz has declared the dead one failed, fires it again with the same scheduled time
 * and this job marks the dead execution failed and restarts it.
 *
 * <p>
 * Before launching, the fire claims the run's {@link Leases lease} (kind
 * {@code scheduled-run}, keyed by the run's Spring Batch job key), renewed while the run
 * goes on and released when it ends: a duplicate fire of a run a live daemon holds is
 * skipped with a log line, never a failure; a run found running is taken over only when
 * the daemon that held its lease is dead (its process on this host gone, its lease
 * lapsed, or Quartz declared it failed: {@link SchedulerCluster#deadBecause}).
 */
@DisallowConcurrentExecution
@PersistJobDataAfterExecution
class ScheduledFire extends QuartzJobBean {

	/** Job data: the {@link SchedulableJob} name. */
	static final String JOB = "job";

	/** Job data: the dataset. */
	static final String DATASET = "dataset";

	/** Job data: the entry's time zone ID. */
	static final String ZONE = "zone";

	/**
	 * Job data: the scheduled time (epoch milliseconds) of a fire whose run was stopped
	 * at a safe point and is to be resumed.
	 */
	static final String INTERRUPTED = "interruptedFireTime";

	/**
	 * Trigger data: run for this scheduled time (epoch milliseconds) rather than the
	 * trigger's own.
	 */
	static final String FIRE_TIME = "fireTime";

	private static final Logger log = LoggerFactory.getLogger(ScheduledFire.class);

	private final SchedulableJobs jobs;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final ResultsStore results;

	private final ScheduledRuns runs;

	private final SchedulerCluster cluster;

	private final Leases leases;

	ScheduledFire(SchedulableJobs jobs, JobOperator jobOperator, JobRepository jobRepository, ResultsStore results,
			ScheduledRuns runs, SchedulerCluster cluster, Leases leases) {
		this.jobs = jobs;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.results = results;
		this.runs = runs;
		this.cluster = cluster;
		this.leases = leases;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		String entry = context.getJobDetail().getKey().getName();
		JobDataMap data = context.getMergedJobDataMap();
		SchedulableJob job = this.jobs.find(data.getString(JOB)).orElse(null);
		if (job == null) {
			log.error("{}: unknown job '{}' (known: {}); fire skipped", entry, data.getString(JOB), this.jobs.names());
			return;
		}
		String dataset = data.getString(DATASET);
		ZonedDateTime scheduled = scheduledTime(context, data).truncatedTo(ChronoUnit.SECONDS)
			.atZone(ZoneId.of(data.getString(ZONE)));
		JobParameters parameters = job.parametersFor(dataset, scheduled);
		String what = entry + " (" + job.name() + " " + dataset + ", fire of " + scheduled.toOffsetDateTime() + ")";
		String fireTime = Long.toString(scheduled.toInstant().toEpochMilli());
		if (fireTime.equals(context.getJobDetail().getJobDataMap().getString(INTERRUPTED))) {
			// Resuming it now: forget it, unless it is stopped again (see remember).
			context.getJobDetail().getJobDataMap().remove(INTERRUPTED);
		}
		LeaseId lease = LeaseId.scheduledRun(job.job().getName(), SchedulerCluster.jobKey(parameters));
		Claim claim = this.leases.claim(lease, this.cluster.instance(), entry, this.cluster::deadBecause);
		if (!claim.granted()) {
			log.info("{}: already running on scheduler {}, which is alive; skipped", what, claim.refusedBy().get());
			return;
		}
		this.runs.started(context.getFireInstanceId(), new ScheduledRuns.Running(entry, job.job(), parameters));
		try {
			JobExecution execution = launch(job, parameters, claim, context.isRecovering(), what);
			if (execution != null) {
				report(execution, what);
				if (execution.getStatus() == BatchStatus.STOPPED) {
					context.getJobDetail().getJobDataMap().put(INTERRUPTED, fireTime);
				}
			}
		}
		finally {
			this.runs.ended(context.getFireInstanceId());
			this.leases.release(lease);
		}
	}

	private static Instant scheduledTime(JobExecutionContext context, JobDataMap data) {
		if (data.containsKey(FIRE_TIME)) {
			return Instant.ofEpochMilli(Long.parseLong(data.getString(FIRE_TIME)));
		}
		return context.getScheduledFireTime().toInstant();
	}

	private JobExecution launch(SchedulableJob job, JobParameters parameters, Claim claim, boolean recovering,
			String what) {
		try {
			return this.jobOperator.start(job.job(), parameters);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			log.info("{}: already ran (run {}), skipped", what, runId(job, parameters));
			return null;
		}
		catch (JobExecutionAlreadyRunningException ex) {
			return takeOver(job, parameters, claim, recovering, what);
		}
		catch (DataIntegrityViolationException ex) {
			// Two daemons created the same job instance at the same moment: the
			// database's unique key let one win.
			log.info("{}: started at the same moment by another scheduler (run {}), skipped", what,
					runId(job, parameters));
			return null;
		}
		catch (Exception ex) {
			log.error("{}: could not start: {}", what, Failures.describe(ex), ex);
			return null;
		}
	}

	/**
	 * The run of this fire is marked running, yet this daemon holds its lease. It is
	 * restarted here (as {@code jobs/restart} would: marked failed with
	 * {@link JobOperator#recover}, then started again, finished months kept) only when no
	 * process can be running it: the lease was taken over from a dead daemon, or there
	 * was no live holder and Quartz recovers the fire (a run launched before leases were
	 * recorded, or whose daemon died).
	 */
	private JobExecution takeOver(SchedulableJob job, JobParameters parameters, Claim claim, boolean recovering,
			String what) {
		JobExecution last = this.jobRepository.getLastJobExecution(job.job().getName(), parameters);
		boolean noLiveHolder = claim.takenOver().isPresent() || recovering;
		if (last == null || !last.getStatus().isRunning() || !noLiveHolder) {
			log.info("{}: already running (run {}), skipped", what, runId(job, parameters));
			return null;
		}
		log.warn("{}: run {} was left {} by scheduler {}, which died; marking it failed and restarting it", what,
				last.getJobInstance().getInstanceId(), last.getStatus(),
				claim.takenOver().map((stale) -> stale.from() + " (" + stale.why() + ")").orElse("(unrecorded)"));
		this.jobOperator.recover(last);
		return restart(job, parameters, what);
	}

	private JobExecution restart(SchedulableJob job, JobParameters parameters, String what) {
		try {
			return this.jobOperator.start(job.job(), parameters);
		}
		catch (Exception ex) {
			log.error("{}: could not restart: {}", what, Failures.describe(ex), ex);
			return null;
		}
	}

	private void report(JobExecution execution, String what) {
		long runId = execution.getJobInstance().getInstanceId();
		BatchStatus status = execution.getStatus();
		String verdict = this.results.run(runId).map(RunRecord::verdict).orElse(null);
		if (status == BatchStatus.COMPLETED) {
			log.info("{}: run {} {}, verdict {}", what, runId, status, (verdict != null) ? verdict : "PASS");
		}
		else if (status == BatchStatus.STOPPED) {
			log.warn("{}: run {} STOPPED at a safe point; the scheduler resumes it when it starts again "
					+ "(or now: jobs/restart {})", what, runId, runId);
		}
		else {
			String failure = this.results.run(runId).map(RunRecord::failure).orElse(null);
			log.error("{}: run {} {}{}; fix the cause, then: jobs/restart {}", what, runId, status,
					(failure != null) ? ": " + failure : "", runId);
		}
	}

	private String runId(SchedulableJob job, JobParameters parameters) {
		var instance = this.jobRepository.getJobInstance(job.job().getName(), parameters);
		return (instance != null) ? Long.toString(instance.getInstanceId()) : "?";
	}

}
