package io.ratchet.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.ratchet.schedule.PlannedFire;
import io.ratchet.schedule.RatchetScheduler;
import io.ratchet.schedule.ScheduleConfigException;
import picocli.CommandLine.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/scheduler}: runs Ratchet as a long-lived daemon that fires the jobs of
 * {@code ratchet.schedule}, until SIGTERM or SIGINT; then the running job stops at a safe
 * point and the process exits. {@code --check} checks the schedule and prints when each
 * entry would fire next, without storing or firing anything.
 */
@Component
class SchedulerCommand implements Command<SchedulerCommand.Arguments> {

	private static final Logger log = LoggerFactory.getLogger(SchedulerCommand.class);

	private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss xxx");

	private final ObjectProvider<RatchetScheduler> scheduler;

	/**
	 * Quartz, and so the scheduler, is on only in the process {@code jobs/scheduler}
	 * starts (see RatchetApplication).
	 */
	SchedulerCommand(ObjectProvider<RatchetScheduler> scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		boolean check = arguments.check();
		RatchetScheduler scheduler = this.scheduler.getIfAvailable();
		if (scheduler == null) {
			throw new IllegalStateException("Quartz is off in this process (ratchet.schedule.quartz=false)");
		}
		List<PlannedFire> planned;
		try {
			planned = check ? scheduler.check() : scheduler.startFiring();
		}
		catch (ScheduleConfigException ex) {
			System.err.println("ratchet scheduler: " + ex.getMessage());
			System.err.println("Nothing was scheduled.");
			return CommandLine.USAGE;
		}
		out.println(check ? "Schedule checked (nothing stored, nothing fired):" : "Schedule:");
		if (planned.isEmpty()) {
			out.println("  (empty: add entries under ratchet.schedule.jobs in config/application.yml)");
		}
		Instant now = Instant.now();
		for (PlannedFire fire : planned) {
			String next = (fire.nextFire() == null) ? "never again"
					: fire.nextFire().toInstant().isBefore(now)
							? "missed at " + NEXT.format(fire.nextFire()) + " while stopped: fires once now"
							: NEXT.format(fire.nextFire());
			out.printf("  %-24s %-9s %-12s %-16s %-14s next: %s%n", fire.name(), fire.job(), fire.dataset(),
					fire.cron(), fire.zone(), next);
		}
		if (check) {
			return CommandLine.OK;
		}
		StopSignals.handle(scheduler::stopGracefully, () -> {
			log.warn("Second stop signal: exiting now; an unfinished run is restarted at the next start");
			System.exit(CommandLine.FAILED);
		});
		long millis = System.currentTimeMillis() - processStart();
		out.println("Scheduler started in " + millis + " ms (since the process started). Stop it with SIGTERM or "
				+ "Ctrl-C: the running job stops at a safe point.");
		log.info("scheduler started in {} ms, {} entries", millis, planned.size());
		try {
			scheduler.awaitStop();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return CommandLine.OK;
	}

	/**
	 * When the JVM started, to the millisecond (the process's own start time is only
	 * known to the second).
	 */
	private static long processStart() {
		return ManagementFactory.getRuntimeMXBean().getStartTime();
	}

	/** {@code jobs/scheduler}'s options. */
	@picocli.CommandLine.Command(name = "scheduler",
			description = "The unattended daemon: runs the schedule (ratchet.schedule.jobs: back-tests, "
					+ "now-tests, challenges), serves health and metrics, stops cleanly on SIGTERM.")
	interface Arguments {

		@Option(names = "--check", description = "check the schedule, print each entry's next fire times and exit")
		boolean check();

	}

}
