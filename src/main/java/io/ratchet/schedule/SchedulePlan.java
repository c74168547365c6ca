package io.ratchet.schedule;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The configured schedule with each entry's next fire time from now, computed from the
 * cron trigger the daemon stores for it, without Quartz running or its tables being read:
 * {@code jobs/scheduler --check} and the console's schedule page (which also serves
 * {@code jobs/console}, where Quartz is off) show the same thing.
 */
@Component
public class SchedulePlan {

	private final ScheduleProperties properties;

	private final SchedulableJobs jobs;

	SchedulePlan(ScheduleProperties properties, SchedulableJobs jobs) {
		this.properties = properties;
		this.jobs = jobs;
	}

	/**
	 * The entries with their next fire times from now.
	 * @throws ScheduleConfigException listing every problem of the configuration
	 */
	public List<PlannedFire> planned() {
		List<PlannedFire> planned = new ArrayList<>();
		for (CheckedEntry entry : ScheduleValidator.check(this.properties, this.jobs)) {
			// the first fire of the trigger the daemon would store (the validator refused
			// one without)
			planned.add(new PlannedFire(entry.name(), entry.job().name(), entry.dataset(), entry.cron(), entry.zone(),
					entry.firstFire()));
		}
		return planned;
	}

}
