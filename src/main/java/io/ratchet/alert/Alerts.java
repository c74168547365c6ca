package io.ratchet.alert;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ratchet.alert.AlertPolicy.Decision;
import io.ratchet.alert.AlertReport.Recovered;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunStatus;
import io.ratchet.run.StoredBreach;
import io.ratchet.run.StoredVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts after runs. For a completed run the champion is judged: breaches (and
 * "insufficient data") are queued in the outbox as one e-mail to the dataset's
 * recipients, subject to the repeat policy; breaches that cleared give one "recovered"
 * e-mail. The decision, the policy state and the queued messages are committed together
 * with a marker for the run, so a run is decided once, and a run whose process ended
 * before its alerts were decided is caught up later. Then the outbox is delivered:
 * through SMTP when {@code spring.mail.host} is set, else as {@code .eml} files under
 * {@code reports/outbox/}. See this package's README.
 * <p>
 * This class decides and queues; {@link AlertReports} gathers what an alert says,
 * {@link AlertDelivery} delivers the outbox and retries in the background.
 */
@Component
public class Alerts {

	private static final Logger log = LoggerFactory.getLogger(Alerts.class);

	/** The figure key of "too few labelled rows". */
	private static final String INSUFFICIENT = "insufficient-data";

	private final RunFacts facts;

	private final AlertStates states;

	private final Outbox outbox;

	private final AlertProperties properties;

	private final AlertReports reports;

	private final AlertDelivery delivery;

	private final TransactionTemplate transaction;

	private final Clock clock = Clock.systemDefaultZone();

	Alerts(RunFacts facts, AlertStates states, Outbox outbox, AlertProperties properties, AlertReports reports,
			AlertDelivery delivery, PlatformTransactionManager transactions) {
		this.facts = facts;
		this.states = states;
		this.outbox = outbox;
		this.properties = properties;
		this.reports = reports;
		this.delivery = delivery;
		this.transaction = new TransactionTemplate(transactions);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * What follows a run: catches up earlier runs whose alerts were never decided,
	 * decides this run's alerts, and delivers everything pending.
	 * @param runId the run that finished
	 */
	public DeliveryReport afterRun(long runId) {
		catchUp();
		evaluate(runId);
		return deliverPending();
	}

	/**
	 * Decides the alerts of completed runs of the last
	 * {@code ratchet.alerts.catch-up-days} days that have none decided yet (their process
	 * ended in between), oldest first.
	 * @return the number of runs caught up
	 */
	public int catchUp() {
		LocalDateTime since = LocalDateTime.now(this.clock).minusDays(this.properties.catchUpDays());
		List<Long> runs = this.facts.unevaluated(since);
		for (long runId : runs) {
			evaluate(runId);
		}
		return runs.size();
	}

	/**
	 * Decides one run's alerts and queues them, once: a second call for the same run
	 * queues nothing.
	 * @return the number of alerts queued
	 */
	public int evaluate(long runId) {
		RunRecord run = this.facts.run(runId).orElse(null);
		if (run == null || !RunStatus.COMPLETED.name().equals(run.status()) || this.facts.evaluated(runId)) {
			return 0;
		}
		LocalDateTime now = LocalDateTime.now(this.clock);
		List<Queued> queued;
		try {
			queued = this.transaction.execute((status) -> {
				if (this.facts.evaluated(runId)) {
					return List.<Queued>of();
				}
				List<Queued> alerts = decide(run, now);
				this.facts.markEvaluated(runId, alerts.size(), now);
				return alerts;
			});
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			log.debug("alerts of run {} were decided by another process", runId);
			return 0;
		}
		for (Queued alert : queued) {
			log.info("alert queued for {}: {}", String.join(", ", alert.recipients()), alert.subject());
		}
		return queued.size();
	}

	/**
	 * The newest {@code limit} alerts of the outbox, newest first: what
	 * {@code jobs/alerts} lists.
	 */
	public List<AlertListing> recent(int limit) {
		return this.outbox.recent(limit);
	}

	/**
	 * Delivers every pending alert now, whatever its backoff (a run is the "next attempt"
	 * of everything pending), and any alert whose sender died while sending.
	 */
	public DeliveryReport deliverPending() {
		return this.delivery.deliverPending();
	}

	/**
	 * Why a delivery found nothing to do although alerts are not all sent: a row claimed
	 * by a process that is sending it, or died while sending it, is left to it until the
	 * claim times out. Empty when nothing is claimed.
	 */
	public Optional<String> claimedElsewhere() {
		return this.delivery.claimedElsewhere();
	}

	/**
	 * Delivers pending alerts soon on the background thread, without holding up the
	 * caller.
	 */
	void scheduleDelivery() {
		this.delivery.scheduleDelivery();
	}

	/**
	 * Where alerts are written when no SMTP host is configured: {@code reports/outbox/}.
	 */
	public Path outboxDir() {
		return this.delivery.outboxDir();
	}

	private List<Queued> decide(RunRecord run, LocalDateTime now) {
		RunModel model = this.facts.judged(run.id()).orElse(null);
		if (model == null) {
			return List.of();
		}
		String job = run.jobName();
		String dataset = run.dataset();
		LocalDate day = dayOf(run);
		List<StoredBreach> breaches = new ArrayList<>(this.facts.breaches(run.id(), model.id()));
		breaches.sort(Shortfall.WORST_FIRST);
		List<StoredVerdict> verdicts = this.facts.verdicts(run.id(), model.id());
		boolean insufficient = Verdict.INSUFFICIENT_DATA.name().equals(run.verdict())
				|| verdicts.stream().anyMatch((v) -> v.isWholePeriod() && v.is(Verdict.INSUFFICIENT_DATA));
		Set<String> failing = new LinkedHashSet<>();
		breaches.forEach((breach) -> failing.add(key(job, breach.metric())));
		if (insufficient) {
			failing.add(key(job, INSUFFICIENT));
		}
		for (String other : this.states.otherModels(dataset, model.name(), job)) {
			log.info("{} is no longer judged on {} ({} is): its open breaches are closed without a recovered alert",
					other, dataset, model.key());
			this.states.removeModel(dataset, other, job);
		}
		Decision decision = AlertPolicy.decide(this.properties.repeat(), day, failing,
				this.states.of(dataset, model.name(), job));
		decision.failing().values().forEach((state) -> this.states.save(dataset, model.name(), state, run.id()));
		decision.recovered().forEach((state) -> this.states.remove(dataset, model.name(), state.key()));

		List<AlertReport> reports = new ArrayList<>();
		if (decision.tell() && !failing.isEmpty()) {
			AlertKind kind = breaches.isEmpty() ? AlertKind.INSUFFICIENT_DATA : AlertKind.BREACH;
			reports.add(this.reports.report(kind, run, model, day, breaches, verdicts, decision.failing(), List.of(),
					decision.failingSince()));
		}
		if (!decision.recovered().isEmpty()) {
			List<Recovered> recovered = decision.recovered()
				.stream()
				.map((state) -> new Recovered(figureOf(state.key()), state.failingSince()))
				.toList();
			LocalDate since = recovered.stream()
				.map(Recovered::failingSince)
				.min(Comparator.naturalOrder())
				.orElse(day);
			reports.add(this.reports.report(AlertKind.RECOVERED, run, model, day, List.of(), verdicts, Map.of(),
					recovered, since));
		}
		List<String> recipients = this.properties.recipientsOf(dataset);
		if (!reports.isEmpty() && recipients.isEmpty()) {
			log.warn(
					"no recipients for alerts of dataset {} (set ratchet.alerts.recipients.{} or "
							+ "ratchet.alerts.default-recipients): {} alert(s) of run {} not queued",
					dataset, dataset, reports.size(), run.id());
			return List.of();
		}
		List<Queued> queued = new ArrayList<>();
		for (AlertReport report : reports) {
			queued.add(enqueue(report, recipients, now));
		}
		return queued;
	}

	private Queued enqueue(AlertReport report, List<String> recipients, LocalDateTime now) {
		OutboxAddress address = OutboxAddress.of(report.runId(), report.kind().slug(), recipients,
				this.properties.from());
		String subject = new AlertText(report).subject();
		if (!this.outbox.contains(address.key())) {
			byte[] message = AlertMessage.build(report, this.properties.from(), recipients, address.messageId(),
					now.atZone(this.clock.getZone()).toInstant());
			this.outbox.add(address.key(), report.runId(), report.kind(), report.dataset(), subject, recipients,
					address.messageId(), message, now);
		}
		return new Queued(subject, recipients);
	}

	/**
	 * The day a run speaks for: its as-of date, else the day it finished in the
	 * configured zone.
	 */
	private LocalDate dayOf(RunRecord run) {
		if (run.asOf() != null) {
			return run.asOf().toLocalDate();
		}
		LocalDateTime finished = (run.finishedAt() != null) ? run.finishedAt() : run.startedAt();
		return finished.atZone(this.clock.getZone()).withZoneSameInstant(this.properties.zone()).toLocalDate();
	}

	/** The key of a failing figure in {@code alert_state}: per job and figure. */
	static String key(String job, String figure) {
		return job + " " + figure;
	}

	private static String figureOf(String key) {
		String figure = key.substring(key.indexOf(' ') + 1);
		return INSUFFICIENT.equals(figure) ? "insufficient data" : figure;
	}

	private record Queued(String subject, List<String> recipients) {
	}

}
