package io.ratchet.schedule;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.system.Failures;
import org.quartz.CronExpression;

/**
 * Checks every entry of the schedule before anything is scheduled and reports all
 * problems at once, each naming the setting ({@code ratchet.schedule.jobs[2].cron}) and
 * the cause.
 */
final class ScheduleValidator {

	private static final int MAX_NAME = 200;

	private ScheduleValidator() {
	}

	/**
	 * @return the entries, checked and with their zones resolved
	 * @throws ScheduleConfigException listing every problem found
	 */
	static List<CheckedEntry> check(ScheduleProperties properties, SchedulableJobs jobs) {
		List<String> problems = new ArrayList<>();
		ZoneId defaultZone = zone(properties.zone(), "ratchet.schedule.zone", ZoneId.systemDefault(), problems);
		Map<String, Integer> names = new HashMap<>();
		List<CheckedEntry> checked = new ArrayList<>();
		List<ScheduleProperties.Entry> entries = properties.jobs();
		for (int i = 0; i < entries.size(); i++) {
			ScheduleProperties.Entry entry = entries.get(i);
			String at = "ratchet.schedule.jobs[" + i + "].";
			int before = problems.size();
			String name = entry.name();
			if (isBlank(name)) {
				problems.add(at + "name: missing (a unique name for the entry, e.g. nightly-nowtest-sales)");
			}
			else if (name.length() > MAX_NAME) {
				problems.add(at + "name: longer than " + MAX_NAME + " characters");
			}
			else if (names.containsKey(name)) {
				problems.add(at + "name: '" + name + "' is already the name of ratchet.schedule.jobs[" + names.get(name)
						+ "]; names must be unique");
			}
			else {
				names.put(name, i);
			}
			SchedulableJob job = null;
			if (isBlank(entry.job())) {
				problems.add(at + "job: missing (one of " + known(jobs) + ")");
			}
			else {
				job = jobs.find(entry.job()).orElse(null);
				if (job == null) {
					problems.add(at + "job: unknown job '" + entry.job() + "' (known: " + known(jobs) + ")");
				}
			}
			if (isBlank(entry.dataset())) {
				problems.add(at + "dataset: missing");
			}
			else if (job != null) {
				try {
					job.validate(entry.dataset());
				}
				catch (RuntimeException ex) {
					problems.add(at + "dataset: " + Failures.describe(ex));
				}
			}
			if (isBlank(entry.cron())) {
				problems.add(at + "cron: missing (a Quartz cron expression with seconds, e.g. '0 0 2 * * ?')");
			}
			else {
				try {
					CronExpression.validateExpression(entry.cron());
				}
				catch (ParseException ex) {
					problems
						.add(at + "cron: '" + entry.cron() + "' is not a valid cron expression: " + ex.getMessage());
				}
			}
			ZoneId zone = isBlank(entry.zone()) ? defaultZone : zone(entry.zone(), at + "zone", defaultZone, problems);
			if (problems.size() == before) {
				CheckedEntry candidate = new CheckedEntry(name, job, entry.dataset(), entry.cron().trim(), zone);
				if (candidate.firstFire() == null) {
					// Quartz refuses such a trigger when it is scheduled ("will never
					// fire"): refuse it here, so that
					// --check and the daemon's start agree
					problems.add(at + "cron: '" + entry.cron() + "' of entry '" + name + "' never fires: no date "
							+ "from now on matches it in " + zone + " (e.g. a 31 February, or a year gone by), so "
							+ "Quartz would refuse its trigger");
				}
				else {
					checked.add(candidate);
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new ScheduleConfigException(problems);
		}
		return checked;
	}

	private static ZoneId zone(String text, String setting, ZoneId fallback, List<String> problems) {
		if (isBlank(text)) {
			return fallback;
		}
		try {
			return ZoneId.of(text.trim());
		}
		catch (DateTimeException ex) {
			problems
				.add(setting + ": '" + text + "' is not a time zone (use a region ID such as Europe/Paris, or UTC)");
			return fallback;
		}
	}

	private static String known(SchedulableJobs jobs) {
		return jobs.names().isEmpty() ? "none" : String.join(", ", jobs.names());
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

}
