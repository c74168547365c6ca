package io.ratchet.alert;

import io.ratchet.run.RunFinished;
import io.ratchet.system.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts alerts when a run of any job has finished ({@link RunFinished}, published once
 * its {@code run} row is final), and at start-up catches up runs whose alerts were never
 * decided. An alert problem is logged, never turned into a failure of the run: the run's
 * results are already stored, and its alerts stay queued for the next attempt.
 */
@Component
class AlertListener {

	private static final Logger log = LoggerFactory.getLogger(AlertListener.class);

	private final Alerts alerts;

	private final boolean daemon;

	/**
	 * @param daemon whether this process is the scheduler (Quartz on): it delivers
	 * caught-up alerts in the background; every other command does it in the foreground,
	 * before its own work, with the pool open
	 */
	AlertListener(Alerts alerts, @Value("${ratchet.schedule.quartz:true}") boolean daemon) {
		this.alerts = alerts;
		this.daemon = daemon;
	}

	@EventListener
	void runFinished(RunFinished event) {
		try {
			if (event.completed()) {
				this.alerts.afterRun(event.runId());
			}
			else {
				this.alerts.catchUp();
				this.alerts.deliverPending();
			}
		}
		catch (RuntimeException ex) {
			log.warn("alerts after run {} ({} of {}) not completed, they are retried at the next run: {}",
					event.runId(), event.jobName(), event.dataset(), Failures.describe(ex));
		}
	}

	/**
	 * Decides the alerts of runs that finished while no process was left to do it
	 * (stopped or killed), and delivers them. A command does so in the foreground, before
	 * its own work: it never ends (and closes the database) while a send is under way,
	 * which would leave the alert claimed and sent again later. The daemon delivers in
	 * the background, so its start is not held up by a mail server.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void started() {
		try {
			int caughtUp = this.alerts.catchUp();
			if (caughtUp > 0) {
				log.info("alerts of {} earlier run(s) decided at start-up", caughtUp);
			}
			if (this.daemon) {
				if (caughtUp > 0) {
					this.alerts.scheduleDelivery();
				}
			}
			else if (caughtUp > 0) {
				this.alerts.deliverPending();
			}
		}
		catch (RuntimeException ex) {
			log.warn("alerts of earlier runs not caught up at start-up: {}", Failures.describe(ex));
		}
	}

}
