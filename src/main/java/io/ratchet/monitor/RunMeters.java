package io.ratchet.monitor;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ratchet.run.RunStatus;
import io.ratchet.schedule.RatchetScheduler;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Ratchet's meters, read from the database on each request
 * ({@code /actuator/metrics/<name>}):
 * <ul>
 * <li>{@code ratchet.runs} (tags {@code job}, {@code status}): runs recorded;</li>
 * <li>{@code ratchet.runs.last.status} (tag {@code job}): the latest run, 1 completed, 0
 * failed, 2 running, NaN never ran;</li>
 * <li>{@code ratchet.alerts.pending}: alerts waiting in the outbox (pending or being
 * sent);</li>
 * <li>{@code ratchet.scheduler.firing}: 1 while the scheduler fires its triggers, else
 * 0.</li>
 * </ul>
 */
class RunMeters implements MeterBinder {

	private final MonitorReads reads;

	private final List<String> jobs;

	private final ObjectProvider<RatchetScheduler> scheduler;

	RunMeters(MonitorReads reads, List<String> jobs, ObjectProvider<RatchetScheduler> scheduler) {
		this.reads = reads;
		this.jobs = List.copyOf(jobs);
		this.scheduler = scheduler;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String job : this.jobs) {
			for (RunStatus status : RunStatus.values()) {
				Gauge.builder("ratchet.runs", () -> this.reads.runs(job, status))
					.description("runs recorded, by job and status")
					.tag("job", job)
					.tag("status", status.name())
					.register(registry);
			}
			Gauge.builder("ratchet.runs.last.status", () -> lastStatus(job))
				.description("the job's latest run: 1 completed, 0 failed, 2 running, NaN never ran")
				.tag("job", job)
				.register(registry);
		}
		Gauge.builder("ratchet.alerts.pending", this.reads::pendingAlerts)
			.description("alerts waiting in the outbox (pending or being sent)")
			.register(registry);
		Gauge.builder("ratchet.scheduler.firing", () -> isFiring() ? 1 : 0)
			.description("1 while the scheduler fires its triggers")
			.register(registry);
	}

	private double lastStatus(String job) {
		return this.reads.lastStatus(job).map((status) -> switch (status) {
			case COMPLETED -> 1.0;
			case FAILED -> 0.0;
			case STARTED -> 2.0;
		}).orElse(Double.NaN);
	}

	private boolean isFiring() {
		RatchetScheduler scheduler = this.scheduler.getIfAvailable();
		return scheduler != null && scheduler.isFiring();
	}

}
