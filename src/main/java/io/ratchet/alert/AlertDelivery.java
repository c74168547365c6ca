package io.ratchet.alert;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ratchet.system.Failures;
import io.ratchet.system.RatchetPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: claims each pending row (or one whose sender is gone), sends it
 * through SMTP when {@code spring.mail.host} is set, else writes it as an {@code .eml}
 * file under {@code reports/outbox/}, records the outcome, and schedules a background
 * retry of what failed when its backoff expires. {@link Alerts} is its front.
 */
@Component
class AlertDelivery implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);

	/** The background retry never spins: at least this long between passes. */
	private static final Duration MIN_RETRY_DELAY = Duration.ofSeconds(1);

	private final Outbox outbox;

	private final AlertProperties properties;

	private final RatchetPaths paths;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final RetryTimer retries;

	private final Clock clock = Clock.systemDefaultZone();

	AlertDelivery(Outbox outbox, AlertProperties properties, RatchetPaths paths,
			ObjectProvider<JavaMailSender> mailSender, RetryTimer retries) {
		this.outbox = outbox;
		this.properties = properties;
		this.paths = paths;
		this.mailSender = mailSender;
		this.retries = retries;
	}

	/** See {@link Alerts#deliverPending()}. */
	DeliveryReport deliverPending() {
		return deliver(null);
	}

	/** See {@link Alerts#claimedElsewhere()}. */
	Optional<String> claimedElsewhere() {
		return this.outbox.oldestClaim()
			.map((claimed) -> "an alert is being sent by another process (claimed at " + claimed.withNano(0)
					+ "); if that process died, the next run or jobs/alerts --deliver after "
					+ claimed.plus(this.properties.retry().claimTimeout()).withNano(0)
					+ " sends it (ratchet.alerts.retry.claim-timeout), with the same Message-ID");
	}

	/** Delivers the alerts whose backoff has passed: what the background retry does. */
	DeliveryReport deliverDue() {
		return deliver(LocalDateTime.now(this.clock));
	}

	private synchronized DeliveryReport deliver(LocalDateTime dueBy) {
		Delivery delivery = delivery();
		LocalDateTime start = LocalDateTime.now(this.clock);
		LocalDateTime staleBefore = start.minus(this.properties.retry().claimTimeout());
		int sent = 0;
		int written = 0;
		int failed = 0;
		List<Long> claimed = new ArrayList<>();
		for (long id : this.outbox.deliverable(dueBy, staleBefore)) {
			if (this.outbox.claim(id, dueBy, staleBefore, LocalDateTime.now(this.clock))) {
				claimed.add(id);
			}
		}
		for (Outbox.Claim orphan : this.outbox.claimsOfGoneProcesses()) {
			if (this.outbox.takeOver(orphan, LocalDateTime.now(this.clock))) {
				log.info("alert {} was being sent by process {}, which is gone: sent again (same Message-ID)",
						orphan.id(), orphan.holder());
				claimed.add(orphan.id());
			}
		}
		for (long id : claimed) {
			Outbox.Entry entry = this.outbox.get(id);
			try {
				String where = delivery.deliver(entry,
						(accepted) -> this.outbox.sent(id, accepted, LocalDateTime.now(this.clock)));
				if (delivery instanceof Delivery.File) {
					written++;
					log.info("no SMTP host configured (spring.mail.host): alert written to {}", where);
				}
				else {
					sent++;
					log.info("alert sent to {} via {}: {}", entry.recipients(), where, entry.subject());
				}
			}
			catch (Exception ex) {
				failed++;
				failed(entry, ex);
			}
		}
		int pending = this.outbox.pendingCount();
		if (failed > 0 || pending > 0) {
			scheduleRetry();
		}
		return new DeliveryReport(sent, written, failed, pending);
	}

	private void failed(Outbox.Entry entry, Exception ex) {
		AlertProperties.Retry retry = this.properties.retry();
		boolean giveUp = retry.maxAttempts() > 0 && entry.attempts() >= retry.maxAttempts();
		LocalDateTime next = LocalDateTime.now(this.clock).plus(retry.backoff(entry.attempts()));
		String error = Failures.describe(ex).strip();
		this.outbox.failed(entry.id(), error, next, giveUp);
		if (giveUp) {
			log.error("alert {} not sent after {} attempts, given up (ratchet.alerts.retry.max-attempts): {}: {}",
					entry.id(), entry.attempts(), entry.subject(), error);
		}
		else {
			log.warn("alert {} not sent (attempt {}), retried after {} and at the next run: {}: {}", entry.id(),
					entry.attempts(), next.withNano(0), entry.subject(), error);
		}
	}

	/**
	 * Waits for a background send in progress before the database pool closes (see
	 * {@link RetryTimer#stop()}).
	 */
	@Override
	public void destroy() {
		this.retries.stop();
	}

	/**
	 * Delivers pending alerts soon on the background thread, without holding up the
	 * caller.
	 */
	void scheduleDelivery() {
		this.retries.schedule(Duration.ZERO, () -> {
			try {
				deliverPending();
			}
			catch (RuntimeException ex) {
				log.warn("background delivery of alerts failed: {}", Failures.describe(ex));
			}
		});
	}

	private void scheduleRetry() {
		this.outbox.nextDue().ifPresent((due) -> {
			Duration delay = Duration.between(LocalDateTime.now(this.clock), due);
			if (delay.compareTo(MIN_RETRY_DELAY) < 0) {
				delay = MIN_RETRY_DELAY;
			}
			this.retries.schedule(delay, () -> {
				try {
					deliverDue();
				}
				catch (RuntimeException ex) {
					log.warn("background retry of alerts failed: {}", Failures.describe(ex));
				}
			});
		});
	}

	private Delivery delivery() {
		JavaMailSender sender = this.mailSender.getIfAvailable();
		return (sender != null) ? new Delivery.Smtp(sender) : new Delivery.File(outboxDir());
	}

	/**
	 * Where alerts are written when no SMTP host is configured: {@code reports/outbox/}.
	 */
	Path outboxDir() {
		return this.paths.reports().resolve("outbox");
	}

}
