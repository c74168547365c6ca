package io.ratchet.schedule;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.ratchet.lease.Holder;
import io.ratchet.system.ThisProcess;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.JobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scheduler daemons sharing one database (a cluster of Quartz instances,
 * {@code QRTZ_SCHEDULER_STATE}), and the Quartz cluster's word on whether the daemon
 * holding a scheduled run's {@link io.ratchet.lease.Leases lease} is dead.
 *
 * <p>
 * A daemon is alive while Quartz's clustered store keeps its row in
 * {@code QRTZ_SCHEDULER_STATE}: a daemon killed with {@code kill -9} stops checking in,
 * and after {@code org.quartz.jobStore.clusterCheckinInterval} plus Quartz's 7.5 s grace
 * another daemon declares it failed, deletes its row and recovers its fires. A run left
 * {@code STARTED} is restarted by another daemon only when the daemon holding its lease
 * is dead (in that sense, or its process on this host gone, or its lease lapsed): never a
 * run a live daemon is running, nor one started by hand (those hold no scheduled-run
 * lease).
 */
@Component
@ConditionalOnProperty(name = "ratchet.schedule.quartz", havingValue = "true", matchIfMissing = true)
class SchedulerCluster {

	private static final JobKeyGenerator KEYS = new DefaultJobKeyGenerator();

	private final Scheduler scheduler;

	private final JdbcClient jdbc;

	private final boolean h2;

	SchedulerCluster(Scheduler scheduler, JdbcClient jdbc, DataSource dataSource) {
		this.scheduler = scheduler;
		this.jdbc = jdbc;
		this.h2 = QuartzStoreConfiguration.isH2(dataSource);
	}

	/**
	 * This daemon's Quartz instance ID (with {@code instanceId AUTO}: the host name and
	 * the start time).
	 */
	String instance() {
		try {
			return this.scheduler.getSchedulerInstanceId();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("cannot read Quartz's instance ID", ex);
		}
	}

	/**
	 * The instances Quartz counts as members of the cluster (checked in and not yet
	 * declared failed).
	 */
	List<String> members() {
		return this.jdbc
			.sql("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ? ORDER BY INSTANCE_NAME")
			.param(schedulerName())
			.query(String.class)
			.list();
	}

	/** Whether {@code instance} is a live member of the cluster (or this daemon). */
	boolean isAlive(String instance) {
		return instance.equals(instance()) || members().contains(instance);
	}

	/**
	 * On H2, refuses to start a second daemon on the same database: H2 file databases are
	 * single-process (a second process only reaches one through the first one's
	 * {@code AUTO_SERVER}), so Ratchet keeps one daemon there. An instance that checked
	 * in recently may be a daemon that just died (a restart after a crash): this waits
	 * until Quartz would declare it dead, and refuses only if it checks in again
	 * meanwhile.
	 * @throws IllegalStateException naming the other daemon, when one is running on this
	 * H2 database
	 */
	void checkSingleDaemonOnH2() {
		if (!this.h2) {
			return;
		}
		List<CheckIn> others = checkIns();
		long deadline = others.stream().mapToLong(CheckIn::failedAfter).max().orElse(0);
		while (!others.isEmpty() && System.currentTimeMillis() <= deadline) {
			for (CheckIn now : checkIns()) {
				if (others.stream()
					.anyMatch((before) -> before.instance().equals(now.instance())
							&& before.lastCheckIn() < now.lastCheckIn())) {
					throw new IllegalStateException("another scheduler daemon is running on this H2 database (Quartz "
							+ "instance " + now.instance() + ", last check-in "
							+ (System.currentTimeMillis() - now.lastCheckIn()) + " ms ago). H2 file databases are "
							+ "single-process, so Ratchet runs one scheduler daemon on H2: stop the other one, or run "
							+ "a cluster of daemons on PostgreSQL (README.md, section PostgreSQL)");
				}
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * After a graceful stop with no fire left running: removes this daemon from
	 * {@code QRTZ_SCHEDULER_STATE} at once, so that the others (and the next start on H2)
	 * need not wait until Quartz would declare it dead. With a fire still running the row
	 * stays: the fire is recovered like a crashed daemon's.
	 */
	void leave() {
		this.jdbc.sql("DELETE FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ? AND INSTANCE_NAME = ?")
			.params(schedulerName(), instance())
			.update();
	}

	/**
	 * One line for the start-up log: which daemon this is and who else is in the cluster.
	 */
	String describe() {
		if (this.h2) {
			return "single scheduler daemon on H2 (a cluster of daemons needs PostgreSQL), Quartz instance "
					+ instance();
		}
		List<String> others = members().stream().filter((member) -> !member.equals(instance())).toList();
		return "scheduler cluster: this daemon is Quartz instance " + instance() + " (host " + ThisProcess.host()
				+ ", pid " + ThisProcess.pid() + "); other live daemons: "
				+ (others.isEmpty() ? "none" : String.join(", ", others));
	}

	/**
	 * Another instance's last check-in, and when Quartz declares it dead without a new
	 * one (its own rule).
	 */
	private record CheckIn(String instance, long lastCheckIn, long interval) {

		long failedAfter() {
			return this.lastCheckIn + this.interval + 7500;
		}

	}

	private List<CheckIn> checkIns() {
		return this.jdbc
			.sql("SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE "
					+ "WHERE SCHED_NAME = ? AND INSTANCE_NAME <> ?")
			.params(schedulerName(), instance())
			.query((rs, row) -> new CheckIn(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	/** Spring Batch's key of the job instance that {@code parameters} name. */
	static String jobKey(JobParameters parameters) {
		return KEYS.generateKey(parameters);
	}

	/**
	 * The Quartz cluster's word on a scheduler daemon holding a lease: dead once Quartz
	 * has declared its instance failed (its row gone from {@code QRTZ_SCHEDULER_STATE}),
	 * which on another host comes long before its lease lapses.
	 */
	Optional<String> deadBecause(Holder holder) {
		return holder.daemon()
			.filter((daemon) -> !isAlive(daemon))
			.map((daemon) -> "its scheduler daemon, Quartz instance " + daemon
					+ ", was declared dead by the Quartz cluster (it stopped checking in)");
	}

	private String schedulerName() {
		try {
			return this.scheduler.getSchedulerName();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("cannot read Quartz's scheduler name", ex);
		}
	}

}
