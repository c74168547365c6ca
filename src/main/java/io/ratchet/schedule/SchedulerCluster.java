package io.ratchet.schedule;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.JobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scheduler daemons sharing one database (a cluster of Quartz instances, {@code QRTZ_SCHEDULER_STATE}) and which
 * of them launched each scheduled run (table {@code scheduled_run}, {@code V10}).
 *
 * <p>
 * A daemon is alive while Quartz's clustered store keeps its row in {@code QRTZ_SCHEDULER_STATE}: a daemon killed
 * with {@code kill -9} stops checking in, and after {@code org.quartz.jobStore.clusterCheckinInterval} plus Quartz's
 * 7.5 s grace another daemon declares it failed, deletes its row and recovers its fires. A run left {@code STARTED}
 * is restarted by another daemon only when its owner is dead in that sense: never a run a live daemon is running,
 * nor one started by hand (those have no owner here).
 */
@Component
@ConditionalOnProperty(name = "ratchet.schedule.quartz", havingValue = "true", matchIfMissing = true)
class SchedulerCluster {

	private static final JobKeyGenerator KEYS = new DefaultJobKeyGenerator();

	/** The daemon that launched a run. */
	record Owner(String instance, String host, long pid, Instant claimedAt) {

		@Override
		public String toString() {
			return this.instance + " (host " + this.host + ", pid " + this.pid + ")";
		}

	}

	private final Scheduler scheduler;

	private final JdbcClient jdbc;

	private final String host;

	private final long pid;

	SchedulerCluster(Scheduler scheduler, JdbcClient jdbc) {
		this.scheduler = scheduler;
		this.jdbc = jdbc;
		this.host = hostName();
		this.pid = ProcessHandle.current().pid();
	}

	/** This daemon's Quartz instance ID (with {@code instanceId AUTO}: the host name and the start time). */
	String instance() {
		try {
			return this.scheduler.getSchedulerInstanceId();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("cannot read Quartz's instance ID", ex);
		}
	}

	/** This daemon as an owner. */
	Owner self() {
		return new Owner(instance(), this.host, this.pid, Instant.now());
	}

	/** The instances Quartz counts as members of the cluster (checked in and not yet declared failed). */
	List<String> members() {
		return this.jdbc.sql("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ? ORDER BY INSTANCE_NAME")
			.param(schedulerName())
			.query(String.class)
			.list();
	}

	/** Whether {@code instance} is a live member of the cluster (or this daemon). */
	boolean isAlive(String instance) {
		return instance.equals(instance()) || members().contains(instance);
	}

	/** Spring Batch's key of the job instance that {@code parameters} name. */
	static String jobKey(JobParameters parameters) {
		return KEYS.generateKey(parameters);
	}

	/** The daemon that launched the run of {@code jobName} with {@code jobKey}, if a daemon did. */
	Optional<Owner> owner(String jobName, String jobKey) {
		return this.jdbc.sql("SELECT scheduler_instance, host, pid, claimed_at FROM scheduled_run "
				+ "WHERE job_name = ? AND job_key = ?")
			.params(jobName, jobKey)
			.query((rs, row) -> new Owner(rs.getString(1), rs.getString(2), rs.getLong(3),
					rs.getTimestamp(4).toInstant()))
			.optional();
	}

	/** Records this daemon as the one that launches (or relaunches) the run of {@code jobName} with {@code jobKey}. */
	void claim(String jobName, String jobKey, String entry, Instant fireTime) {
		Owner self = self();
		Timestamp now = Timestamp.from(self.claimedAt());
		int updated = this.jdbc.sql("UPDATE scheduled_run SET entry_name = ?, fire_time = ?, scheduler_instance = ?, "
				+ "host = ?, pid = ?, claimed_at = ? WHERE job_name = ? AND job_key = ?")
			.params(entry, Timestamp.from(fireTime), self.instance(), self.host(), self.pid(), now, jobName, jobKey)
			.update();
		if (updated == 0) {
			try {
				this.jdbc.sql("INSERT INTO scheduled_run (job_name, job_key, entry_name, fire_time, "
						+ "scheduler_instance, host, pid, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
					.params(jobName, jobKey, entry, Timestamp.from(fireTime), self.instance(), self.host(), self.pid(),
							now)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// Another daemon recorded the same fire at the same moment: it launches it, this one finds it running.
			}
		}
	}

	private String schedulerName() {
		try {
			return this.scheduler.getSchedulerName();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("cannot read Quartz's scheduler name", ex);
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			String name = ManagementFactory.getRuntimeMXBean().getName();
			return name.substring(name.indexOf('@') + 1);
		}
	}

}
