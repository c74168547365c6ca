package io.ratchet.cli;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.ratchet.system.Failures;
import io.ratchet.system.ThisProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code job_claim} table: a command claims "job + parameters" before it starts the job and releases the claim when
 * the job ends, so that the same job launched twice at once by hand runs once and the second launch is refused with a
 * message naming the first. The claim is an insert under a primary key, atomic on every database.
 *
 * <p>
 * A claim carries an expiry ({@code expires_at}, epoch milliseconds: free of time zones, as hosts may differ; V16),
 * renewed by a heartbeat every quarter of {@link #EXPIRY} while the job runs. A claim left by a process that died
 * (kill -9, power cut, a host lost) is taken over, with a message saying whose it was and why: on this host as soon
 * as its process is gone (its pid runs nothing, or a younger process), on another host once its expiry has passed
 * with no heartbeat (the hosts' clocks must agree, as Quartz's clustering already asks). A claim of a live process on
 * this host is never taken over, whatever its expiry.
 */
@Component
class JobClaims implements AutoCloseable {

	/** How long a claim lives without a heartbeat; renewed every quarter of it. */
	static final Duration EXPIRY = Duration.ofMinutes(2);

	private static final Logger log = LoggerFactory.getLogger(JobClaims.class);

	/**
	 * Who holds a claim.
	 * @param holder {@code pid@host}
	 * @param since when it was claimed (the claiming host's local time)
	 * @param expires when it lapses unless renewed
	 */
	record Holder(String holder, LocalDateTime since, Instant expires) {
	}

	/**
	 * The outcome of a claim.
	 * @param refusedBy the live holder, when refused
	 * @param takenOver when granted by taking over a stale claim: whose it was and why it was stale
	 */
	record Claim(Optional<Holder> refusedBy, Optional<String> takenOver) {

		boolean granted() {
			return this.refusedBy.isEmpty();
		}

	}

	private final JdbcClient jdbc;

	private final Duration expiry;

	private final Clock clock;

	private final String me = ThisProcess.id();

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "job-claim-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, ScheduledFuture<?>> beating = new ConcurrentHashMap<>();

	@Autowired
	JobClaims(JdbcClient jdbc) {
		this(jdbc, EXPIRY, Clock.systemUTC());
	}

	JobClaims(JdbcClient jdbc, Duration expiry, Clock clock) {
		this.jdbc = jdbc;
		this.expiry = expiry;
		this.clock = clock;
	}

	/**
	 * Claims {@code key} of {@code job} and keeps it alive until {@link #release}; refused while another live process
	 * holds it.
	 */
	Claim claim(String job, String key) {
		String takenOver = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				this.jdbc.sql("INSERT INTO job_claim (job_name, claim_key, holder, claimed_at, expires_at) "
						+ "VALUES (?, ?, ?, ?, ?)")
					.params(job, key, this.me, Timestamp.valueOf(LocalDateTime.now(this.clock.withZone(zone()))),
							expiresAt())
					.update();
				startHeartbeat(job, key);
				return new Claim(Optional.empty(), Optional.ofNullable(takenOver));
			}
			catch (DuplicateKeyException ex) {
				Optional<Holder> holder = holder(job, key);
				if (holder.isEmpty()) {
					continue; // released in between
				}
				String stale = stale(holder.get());
				if (stale == null) {
					return new Claim(holder, Optional.empty());
				}
				// only that holder's row: a claim made meanwhile by someone else stays
				this.jdbc.sql("DELETE FROM job_claim WHERE job_name = ? AND claim_key = ? AND holder = ?")
					.params(job, key, holder.get().holder())
					.update();
				takenOver = "Took over the claim of process " + holder.get().holder() + " (since "
						+ holder.get().since().withNano(0) + "): " + stale + ".";
				log.warn("{} {}: {}", job, key, takenOver);
			}
		}
		Holder other = holder(job, key).orElseGet(() -> new Holder("another process (the claim changed hands)",
				LocalDateTime.now(this.clock.withZone(zone())), this.clock.instant().plus(this.expiry)));
		return new Claim(Optional.of(other), Optional.empty());
	}

	/** Stops the heartbeat and gives the claim up. */
	void release(String job, String key) {
		ScheduledFuture<?> beat = this.beating.remove(id(job, key));
		if (beat != null) {
			beat.cancel(false);
		}
		this.jdbc.sql("DELETE FROM job_claim WHERE job_name = ? AND claim_key = ? AND holder = ?")
			.params(job, key, this.me)
			.update();
	}

	/** Stops every heartbeat (the context closes); the claims themselves lapse at their expiry. */
	@Override
	public void close() {
		this.heartbeat.shutdownNow();
	}

	private void startHeartbeat(String job, String key) {
		long period = Math.max(1, this.expiry.toMillis() / 4);
		this.beating.put(id(job, key),
				this.heartbeat.scheduleAtFixedRate(() -> renew(job, key), period, period, TimeUnit.MILLISECONDS));
	}

	/** Pushes the expiry on; a claim found in another's hands (taken for dead) is no longer renewed. */
	private void renew(String job, String key) {
		try {
			int renewed = this.jdbc
				.sql("UPDATE job_claim SET expires_at = ? WHERE job_name = ? AND claim_key = ? AND holder = ?")
				.params(expiresAt(), job, key, this.me)
				.update();
			if (renewed == 0) {
				ScheduledFuture<?> beat = this.beating.remove(id(job, key));
				if (beat != null) {
					beat.cancel(false);
					log.warn("{} {}: this process's claim was taken over by another (its heartbeat was late by more "
							+ "than {}); the other may run the same job", job, key, this.expiry);
				}
			}
		}
		catch (RuntimeException ex) {
			// the database out of reach for a moment: the next beat tries again (the claim lapses only after EXPIRY)
			log.warn("{} {}: claim not renewed: {}", job, key, Failures.describe(ex));
		}
	}

	/** Why a holder's claim may be taken over, or {@code null} while it is alive. */
	private String stale(Holder holder) {
		if (ThisProcess.endedOnThisHost(holder.holder(), holder.since().atZone(zone()).toInstant())) {
			return "that process, on this host, has ended";
		}
		Instant now = this.clock.instant();
		if (ThisProcess.onAnotherHost(holder.holder()) && holder.expires().isBefore(now)) {
			return "on another host, it was not renewed after " + holder.expires().atZone(zone()).toLocalDateTime()
				.withNano(0) + " (its heartbeat stopped " + Duration.between(holder.expires(), now).toSeconds()
					+ " s ago), so that process is taken for dead";
		}
		return null;
	}

	private Optional<Holder> holder(String job, String key) {
		return this.jdbc.sql("SELECT holder, claimed_at, expires_at FROM job_claim WHERE job_name = ? AND claim_key = ?")
			.params(job, key)
			.query((rs, i) -> {
				LocalDateTime since = rs.getTimestamp(2).toLocalDateTime();
				long expiresAt = rs.getLong(3);
				// a claim made before claims expired (no expires_at): its claim time plus the expiry
				Instant expires = rs.wasNull() ? since.atZone(zone()).toInstant().plus(this.expiry)
						: Instant.ofEpochMilli(expiresAt);
				return new Holder(rs.getString(1), since, expires);
			})
			.optional();
	}

	private long expiresAt() {
		return this.clock.instant().plus(this.expiry).toEpochMilli();
	}

	private static ZoneId zone() {
		return ZoneId.systemDefault();
	}

	private static String id(String job, String key) {
		return job + "\n" + key;
	}

}
