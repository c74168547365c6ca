package io.ratchet.schedule;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** Every {@link SchedulableJob} bean of the application, by name. */
@Component
class SchedulableJobs {

	private final Map<String, SchedulableJob> byName = new TreeMap<>();

	SchedulableJobs(List<SchedulableJob> jobs) {
		for (SchedulableJob job : jobs) {
			SchedulableJob previous = this.byName.put(job.name(), job);
			if (previous != null) {
				throw new IllegalStateException("two schedulable jobs are named '" + job.name() + "': "
						+ previous.getClass().getName() + " and " + job.getClass().getName());
			}
		}
	}

	Optional<SchedulableJob> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/** The known names, sorted. */
	List<String> names() {
		return List.copyOf(this.byName.keySet());
	}

}
