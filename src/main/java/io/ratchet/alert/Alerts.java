package io.ratchet.alert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.ratchet.alert.AlertPolicy.Decision;
import io.ratchet.alert.AlertPolicy.State;
import io.ratchet.alert.AlertReport.BreachGroup;
import io.ratchet.alert.AlertReport.Period;
import io.ratchet.alert.AlertReport.Point;
import io.ratchet.alert.AlertReport.Recovered;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.JobKind;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunStatus;
import io.ratchet.run.StoredBreach;
import io.ratchet.run.StoredVerdict;
import io.ratchet.system.Failures;
import io.ratchet.system.RatchetPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts after runs. For a completed run the champion is judged: breaches (and "insufficient data") are queued in the
 * outbox as one e-mail to the dataset's recipients, subject to the repeat policy; breaches that cleared give one
 * "recovered" e-mail. The decision, the policy state and the queued messages are committed together with a marker
 * for the run, so a run is decided once, and a run whose process ended before its alerts were decided is caught up
 * later. Then the outbox is delivered: through SMTP when {@code spring.mail.host} is set, else as {@code .eml} files
 * under {@code reports/outbox/}. See this package's README.
 */
@Component
public class Alerts implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Alerts.class);

	/** The background retry never spins: at least this long between passes. */
	private static final Duration MIN_RETRY_DELAY = Duration.ofSeconds(1);

	private final RunFacts facts;

	private final AlertStates states;

	private final Outbox outbox;

	private final AlertProperties properties;

	private final RatchetPaths paths;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final RetryTimer retries;

	private final TransactionTemplate transaction;

	private final Clock clock = Clock.systemDefaultZone();

	/** The figure key of "too few labelled rows". */
	private static final String INSUFFICIENT = "insufficient-data";

	Alerts(RunFacts facts, AlertStates states, Outbox outbox, AlertProperties properties, RatchetPaths paths,
			ObjectProvider<JavaMailSender> mailSender, RetryTimer retries, PlatformTransactionManager transactions) {
		this.facts = facts;
		this.states = states;
		this.outbox = outbox;
		this.properties = properties;
		this.paths = paths;
		this.mailSender = mailSender;
		this.retries = retries;
		this.transaction = new TransactionTemplate(transactions);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * What follows a run: catches up earlier runs whose alerts were never decided, decides this run's alerts, and
	 * delivers everything pending.
	 * @param runId the run that finished
	 */
	public DeliveryReport afterRun(long runId) {
		catchUp();
		evaluate(runId);
		return deliverPending();
	}

	/**
	 * Decides the alerts of completed runs of the last {@code ratchet.alerts.catch-up-days} days that have none
	 * decided yet (their process ended in between), oldest first.
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
	 * Decides one run's alerts and queues them, once: a second call for the same run queues nothing.
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

	/** The newest {@code limit} alerts of the outbox, newest first: what {@code jobs/alerts} lists. */
	public List<AlertListing> recent(int limit) {
		return this.outbox.recent(limit);
	}

	/**
	 * Delivers every pending alert now, whatever its backoff (a run is the "next attempt" of everything pending), and
	 * any alert whose sender died while sending.
	 */
	public DeliveryReport deliverPending() {
		return deliver(null);
	}

	/**
	 * Why a delivery found nothing to do although alerts are not all sent: a row claimed by a process that is sending
	 * it, or died while sending it, is left to it until the claim times out. Empty when nothing is claimed.
	 */
	public Optional<String> claimedElsewhere() {
		return this.outbox.oldestClaim().map((claimed) -> "an alert is being sent by another process (claimed at "
				+ claimed.withNano(0) + "); if that process died, the next run or jobs/alerts --deliver after "
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

	/** Waits for a background send in progress before the database pool closes (see {@link RetryTimer#stop()}). */
	@Override
	public void destroy() {
		this.retries.stop();
	}

	/** Delivers pending alerts soon on the background thread, without holding up the caller. */
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

	/** Where alerts are written when no SMTP host is configured: {@code reports/outbox/}. */
	public Path outboxDir() {
		return this.paths.reports().resolve("outbox");
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
		boolean insufficient = Verdict.INSUFFICIENT_DATA.name().equals(run.verdict()) || verdicts.stream()
			.anyMatch((v) -> v.isWholePeriod() && v.is(Verdict.INSUFFICIENT_DATA));
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
			reports.add(report(kind, run, model, day, breaches, verdicts, decision.failing(), List.of(),
					decision.failingSince()));
		}
		if (!decision.recovered().isEmpty()) {
			List<Recovered> recovered = decision.recovered()
				.stream()
				.map((state) -> new Recovered(figureOf(state.key()), state.failingSince()))
				.toList();
			LocalDate since = recovered.stream().map(Recovered::failingSince).min(Comparator.naturalOrder()).orElse(day);
			reports.add(report(AlertKind.RECOVERED, run, model, day, List.of(), verdicts, Map.of(), recovered, since));
		}
		List<String> recipients = this.properties.recipientsOf(dataset);
		if (!reports.isEmpty() && recipients.isEmpty()) {
			log.warn("no recipients for alerts of dataset {} (set ratchet.alerts.recipients.{} or "
					+ "ratchet.alerts.default-recipients): {} alert(s) of run {} not queued", dataset, dataset,
					reports.size(), run.id());
			return List.of();
		}
		List<Queued> queued = new ArrayList<>();
		for (AlertReport report : reports) {
			queued.add(enqueue(report, recipients, now));
		}
		return queued;
	}

	private Queued enqueue(AlertReport report, List<String> recipients, LocalDateTime now) {
		String audience = hash(String.join(",", new TreeSet<>(recipients))).substring(0, 12);
		String key = "run " + report.runId() + " " + report.kind().slug() + " " + audience;
		String subject = new AlertText(report).subject();
		if (!this.outbox.contains(key)) {
			String messageId = "<ratchet." + report.runId() + "." + report.kind().slug() + "." + audience + "@"
					+ domainOf(this.properties.from()) + ">";
			byte[] message = AlertMessage.build(report, this.properties.from(), recipients, messageId,
					now.atZone(this.clock.getZone()).toInstant());
			this.outbox.add(key, report.runId(), report.kind(), report.dataset(), subject, recipients, messageId,
					message, now);
		}
		return new Queued(subject, recipients);
	}

	private AlertReport report(AlertKind kind, RunRecord run, RunModel model, LocalDate day,
			List<StoredBreach> breaches, List<StoredVerdict> verdicts, Map<String, State> failing,
			List<Recovered> recovered, LocalDate failingSince) {
		Map<String, List<StoredBreach>> byMetric = new LinkedHashMap<>();
		breaches.forEach((breach) -> byMetric.computeIfAbsent(breach.metric(), (m) -> new ArrayList<>()).add(breach));
		List<BreachGroup> metrics = new ArrayList<>();
		List<BreachGroup> drift = new ArrayList<>();
		byMetric.forEach((metric, periods) -> {
			State state = failing.get(key(run.jobName(), metric));
			List<Point> monthly = this.facts.monthly(run.id(), model.id(), metric);
			String label;
			List<Point> trend;
			if (monthly.size() > 1) {
				label = "month by month";
				trend = monthly;
			}
			else {
				trend = this.facts.acrossRuns(run, model.id(), metric, this.properties.trendRuns());
				label = "last " + trend.size() + " " + AlertReport.jobLabel(run.jobName()) + ((trend.size() == 1) ? "" : "s");
			}
			BreachGroup group = new BreachGroup(metric, List.copyOf(periods),
					this.facts.figure(run.id(), model.id(), ResultsStore.ALL, metric),
					(state != null) ? state.failingSince() : null, label, trend);
			(Shortfall.isDrift(metric) ? drift : metrics).add(group);
		});
		List<Period> insufficient = verdicts.stream()
			.filter((v) -> v.is(Verdict.INSUFFICIENT_DATA))
			.map((v) -> new Period(ResultsStore.ALL.equals(v.period()) ? "whole window" : v.period(), v.rowCount()))
			.toList();
		List<String> candidates = new ArrayList<>();
		for (RunModel other : this.facts.models(run.id())) {
			if (other.id() == model.id()) {
				continue;
			}
			List<StoredBreach> own = new ArrayList<>(this.facts.breaches(run.id(), other.id()));
			own.sort(Shortfall.WORST_FIRST);
			candidates.add(other.key() + " (" + other.role() + "): " + this.facts.verdictOf(run.id(), other.id())
					+ (own.isEmpty() ? "" : ", " + own.size() + " breach" + ((own.size() == 1) ? "" : "es")
							+ ", worst " + periodName(run.jobName(), own.get(0).period()) + " "
							+ own.get(0).describe()));
		}
		return new AlertReport(kind, run.dataset(), run.jobName(), run.id(), day, model,
				(run.verdict() != null) ? run.verdict() : "", metrics, drift, insufficient, recovered, candidates,
				failingSince, link(run), RunFacts.metricsCsv(run));
	}

	private String link(RunRecord run) {
		Path page = RunFacts.reportPage(run);
		if (page == null) {
			return null;
		}
		if (this.properties.reportBaseUrl() != null) {
			Path reports = this.paths.reports().toAbsolutePath().normalize();
			Path absolute = page.toAbsolutePath().normalize();
			String relative = absolute.startsWith(reports) ? reports.relativize(absolute).toString().replace('\\', '/')
					: page.getFileName().toString();
			String base = this.properties.reportBaseUrl();
			return base.endsWith("/") ? base + relative : base + "/" + relative;
		}
		return page.toAbsolutePath().normalize().toUri().toString();
	}

	/** The day a run speaks for: its as-of date, else the day it finished in the configured zone. */
	private LocalDate dayOf(RunRecord run) {
		if (run.asOf() != null) {
			return run.asOf().toLocalDate();
		}
		LocalDateTime finished = (run.finishedAt() != null) ? run.finishedAt() : run.startedAt();
		return finished.atZone(this.clock.getZone()).withZoneSameInstant(this.properties.zone()).toLocalDate();
	}

	private static String key(String job, String figure) {
		return job + " " + figure;
	}

	private static String figureOf(String key) {
		String figure = key.substring(key.indexOf(' ') + 1);
		return INSUFFICIENT.equals(figure) ? "insufficient data" : figure;
	}

	/** The domain of a From address, for Message-IDs ({@code localhost} when it has none). */
	static String domainOf(String address) {
		int at = address.lastIndexOf('@');
		String domain = (at >= 0) ? address.substring(at + 1).replace(">", "").trim() : "";
		return domain.isEmpty() ? "localhost" : domain;
	}

	/** SHA-256 of a text, lower-case hex. */
	static String hash(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Queued(String subject, List<String> recipients) {
	}

	private static String periodName(String jobName, String period) {
		if (!ResultsStore.ALL.equals(period)) {
			return period;
		}
		return JobKind.NOWTEST.is(jobName) ? "window" : "whole period";
	}

}
