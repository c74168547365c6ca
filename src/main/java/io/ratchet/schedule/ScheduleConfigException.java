package io.ratchet.schedule;

import java.util.List;

/**
 * A schedule that cannot run as configured; the message lists every problem found, one
 * per line.
 */
public class ScheduleConfigException extends RuntimeException {

	private final List<String> problems;

	public ScheduleConfigException(List<String> problems) {
		super("the schedule (ratchet.schedule in config/application.yml, or --ratchet.schedule.* settings) has "
				+ ((problems.size() == 1) ? "a problem" : problems.size() + " problems") + ":\n  "
				+ String.join("\n  ", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Each problem, naming the setting, e.g. {@code ratchet.schedule.jobs[0].cron: ...}.
	 */
	public List<String> problems() {
		return this.problems;
	}

}
