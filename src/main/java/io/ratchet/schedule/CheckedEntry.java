package io.ratchet.schedule;

import java.time.ZoneId;

/**
 * A schedule entry that passed every check: its job is known, its dataset exists, its cron expression and zone are
 * valid.
 */
record CheckedEntry(String name, SchedulableJob job, String dataset, String cron, ZoneId zone) {
}
