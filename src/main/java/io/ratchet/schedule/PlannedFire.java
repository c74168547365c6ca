package io.ratchet.schedule;

import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One entry of the running schedule and when it fires next.
 *
 * @param name the entry's name
 * @param job the schedulable job it fires
 * @param dataset the dataset
 * @param cron its Quartz cron expression
 * @param zone the zone the cron expression is read in
 * @param nextFire the next fire time in that zone; in the past for a fire missed while
 * the scheduler was stopped (it fires once, at start-up); {@code null} when the
 * expression never fires again
 */
public record PlannedFire(String name, String job, String dataset, String cron, ZoneId zone, ZonedDateTime nextFire) {
}
