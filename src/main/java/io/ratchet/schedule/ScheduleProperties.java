package io.ratchet.schedule;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The unattended schedule that {@code jobs/scheduler} keeps. Values are checked by
 * {@link ScheduleValidator} when the scheduler starts, all at once, so that a mistake is
 * reported at start-up rather than at 02:00; that is why the cron expressions and zones
 * are plain strings here.
 *
 * @param zone the time zone of every entry without its own, e.g. {@code Europe/Paris};
 * empty for the system's zone
 * @param jobs the entries, each a job to fire on a cron schedule
 * @param stopTimeout on SIGTERM, how long to wait for running jobs to reach a safe point
 * and stop (keep systemd's {@code TimeoutStopSec} longer)
 */
@ConfigurationProperties("ratchet.schedule")
public record ScheduleProperties(@DefaultValue("") String zone, @DefaultValue List<Entry> jobs,
		@DefaultValue("60s") Duration stopTimeout) {

	public ScheduleProperties {
		jobs = (jobs != null) ? List.copyOf(jobs) : List.of();
	}

	/**
	 * One entry of the schedule.
	 *
	 * @param name a unique name: the key of the entry's Quartz job and trigger, so
	 * renaming an entry replaces it
	 * @param job what to run: the name of a {@link SchedulableJob}, e.g. {@code backtest}
	 * or {@code nowtest}
	 * @param dataset the dataset the job runs on
	 * @param cron a Quartz cron expression with seconds, e.g. {@code 0 0 2 * * ?} (every
	 * day at 02:00:00)
	 * @param zone the entry's time zone; empty for {@link ScheduleProperties#zone()}
	 */
	public record Entry(String name, String job, String dataset, String cron, String zone) {
	}

}
