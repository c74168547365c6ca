package io.ratchet.remote;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health/worker} of {@code jobs/worker}: up while it listens for
 * partitions, with how many run now and how many it ran.
 */
class WorkerHealth implements HealthIndicator {

	private final WorkerListener listener;

	WorkerHealth(WorkerListener listener) {
		this.listener = listener;
	}

	@Override
	public Health health() {
		Health.Builder health = this.listener.listening() ? Health.up() : Health.outOfService();
		return health.withDetail("running", this.listener.running()).withDetail("done", this.listener.done()).build();
	}

}
