package io.ratchet.schedule;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.spi.OperableTrigger;

/**
 * A schedule entry that passed every check: its job is known, its dataset exists, its
 * cron expression and zone are valid, and the trigger Quartz would store for it has a
 * next fire time.
 */
record CheckedEntry(String name, SchedulableJob job, String dataset, String cron, ZoneId zone) {

	/** The key of the entry's Quartz job: its name in the schedule's group. */
	JobKey jobKey() {
		return JobKey.jobKey(this.name, RatchetScheduler.GROUP);
	}

	/** The key of the entry's Quartz trigger: its name in the schedule's group. */
	TriggerKey triggerKey() {
		return TriggerKey.triggerKey(this.name, RatchetScheduler.GROUP);
	}

	/**
	 * The cron trigger the daemon stores for this entry, starting now. The same object is
	 * what {@code --check} asks for the next fire time, so the check refuses exactly what
	 * Quartz would refuse when scheduling it.
	 */
	CronTrigger trigger() {
		return TriggerBuilder.newTrigger()
			.withIdentity(triggerKey())
			.forJob(jobKey())
			.withDescription(this.cron + " " + this.zone)
			.withSchedule(CronScheduleBuilder.cronSchedule(this.cron)
				.inTimeZone(TimeZone.getTimeZone(this.zone))
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

	/**
	 * When {@link #trigger()} would fire first, computed as {@code Scheduler.scheduleJob}
	 * computes it before storing a trigger (which it refuses, "will never fire", when
	 * there is none).
	 * @return the first fire time in the entry's zone, or {@code null} when no date from
	 * now on matches the cron
	 */
	ZonedDateTime firstFire() {
		Date first = ((OperableTrigger) trigger()).computeFirstFireTime(null);
		return (first != null) ? ZonedDateTime.ofInstant(first.toInstant(), this.zone) : null;
	}

}
