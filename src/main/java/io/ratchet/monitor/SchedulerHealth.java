package io.ratchet.monitor;

import io.ratchet.schedule.RatchetScheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health/scheduler}: whether this process fires its triggers, and how
 * many alerts wait. The process answering is alive, so the status is UP while it starts
 * or stops too; the detail {@code state} tells which.
 */
class SchedulerHealth implements HealthIndicator {

	private final ObjectProvider<RatchetScheduler> scheduler;

	private final MonitorReads reads;

	SchedulerHealth(ObjectProvider<RatchetScheduler> scheduler, MonitorReads reads) {
		this.scheduler = scheduler;
		this.reads = reads;
	}

	@Override
	public Health health() {
		RatchetScheduler scheduler = this.scheduler.getIfAvailable();
		if (scheduler == null) {
			return Health.unknown().withDetail("state", "no scheduler in this process").build();
		}
		return Health.up()
			.withDetail("state", scheduler.isFiring() ? "firing" : "not firing (starting or stopping)")
			.withDetail("alertsPending", this.reads.pendingAlerts())
			.build();
	}

}
