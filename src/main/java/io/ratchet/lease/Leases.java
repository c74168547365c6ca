package io.ratchet.lease;

import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The {@code lease} table (V18): claims, renews, releases and takes over leases, for the
 * commands' jobs and the scheduler's runs alike. A claim is an insert under a primary
 * key, atomic on every database; taking a released or stale lease over is an update
 * conditional on the row's {@code generation}, so of two claimants at the same moment one
 * wins and the other finds the winner alive.
 *
 * <p>
 * A lease carries an expiry ({@code expires_at}, epoch milliseconds: free of time zones,
 * as hosts may differ), renewed by a heartbeat every quarter of {@link #EXPIRY} while it
 * is held. A lease left by a holder that died (kill -9, power cut, a host lost) is taken
 * over, with a message saying whose it was and why: on this host as soon as its process
 * is gone (its pid runs nothing, or a younger process), on another host once its expiry
 * has passed with no heartbeat (the hosts' clocks must agree, as Quartz's clustering
 * already asks), or as soon as a {@link Liveness} says the holder is dead (a scheduler
 * daemon that Quartz declared failed). A lease of a live process on this host is never
 * taken over, whatever its expiry. A released lease keeps its row as the record of its
 * last holder.
 */
@Component
public class Leases implements AutoCloseable {

	/** How long a lease lives without a heartbeat; renewed every quarter of it. */
	public static final Duration EXPIRY = Duration.ofMinutes(2);

	private static final Logger log = LoggerFactory.getLogger(Leases.class);

	private static final String ROW = " WHERE kind = ? AND job_name = ? AND lease_key = ?";

	private final JdbcClient jdbc;

	private final Duration expiry;

	private final Clock clock;

	private final String me = ThisProcess.id();

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "lease-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * The leases this process holds: the generation it holds each at, and its heartbeat.
	 */
	private final Map<LeaseId, Held> held = new ConcurrentHashMap<>();

	private record Held(long generation, ScheduledFuture<?> beat) {
	}

	/** A row as read: its holder, and the generation a take-over must find unchanged. */
	private record Row(Holder holder, long generation) {
	}

	@Autowired
	public Leases(JdbcClient jdbc) {
		this(jdbc, EXPIRY, Clock.systemUTC());
	}

	/** With another expiry (tests: a quick heartbeat) or clock. */
	public Leases(JdbcClient jdbc, Duration expiry, Clock clock) {
		this.jdbc = jdbc;
		this.expiry = expiry;
		this.clock = clock;
	}

	/** A command's claim: as below, judged by the lease alone. */
	public Claim claim(LeaseId id) {
		return claim(id, null, null, Liveness.LEASE_ONLY);
	}

	/**
	 * Claims {@code id} and keeps it alive until {@link #release}; refused while another
	 * live holder has it.
	 * @param daemon this scheduler daemon's Quartz instance, or {@code null} for a
	 * command
	 * @param label what the lease is taken for (a schedule entry), or {@code null}
	 * @param liveness evidence of a holder's death beyond its lease
	 */
	public Claim claim(LeaseId id, String daemon, String label, Liveness liveness) {
		for (int attempt = 0; attempt < 3; attempt++) {
			Optional<Row> row = row(id);
			if (row.isEmpty()) {
				try {
					this.jdbc
						.sql("INSERT INTO lease (kind, job_name, lease_key, holder, daemon, label, claimed_at, "
								+ "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
						.params(id.kind().column(), id.job(), id.key(), this.me, daemon, label, now(), expiresAt())
						.update();
					return granted(id, 0, null);
				}
				catch (DuplicateKeyException ex) {
					continue; // claimed in between: read it again
				}
			}
			Holder holder = row.get().holder();
			String stale = holder.released() ? null : staleBecause(holder, liveness).orElse(null);
			if (!holder.released() && stale == null) {
				return new Claim(Optional.of(holder), Optional.empty());
			}
			long generation = row.get().generation() + 1;
			// only the row as read: a claim made meanwhile by someone else stays
			int updated = this.jdbc
				.sql("UPDATE lease SET holder = ?, daemon = ?, label = ?, claimed_at = ?, "
						+ "expires_at = ?, released_at = NULL, generation = ?" + ROW + " AND generation = ?")
				.params(this.me, daemon, label, now(), expiresAt(), generation, id.kind().column(), id.job(), id.key(),
						row.get().generation())
				.update();
			if (updated == 1) {
				Claim.TakeOver takenOver = (stale != null) ? new Claim.TakeOver(holder, stale) : null;
				if (takenOver != null) {
					log.warn("{} {}: {}", id.job(), id.key(), takenOver.message());
				}
				return granted(id, generation, takenOver);
			}
		}
		Holder other = row(id).map(Row::holder)
			.orElseGet(() -> new Holder("another process (the claim changed hands)", Optional.empty(), Optional.empty(),
					now().toLocalDateTime(), this.clock.instant().plus(this.expiry), false));
		return new Claim(Optional.of(other), Optional.empty());
	}

	/**
	 * Stops the heartbeat and gives the lease up; its row stays, naming this process as
	 * its last holder.
	 */
	public void release(LeaseId id) {
		Held lease = this.held.remove(id);
		if (lease == null) {
			return; // not held here, or taken over by another
		}
		lease.beat().cancel(false);
		long now = this.clock.instant().toEpochMilli();
		this.jdbc.sql("UPDATE lease SET released_at = ?, expires_at = ?" + ROW + " AND generation = ?")
			.params(now, now, id.kind().column(), id.job(), id.key(), lease.generation())
			.update();
	}

	/** Who holds {@code id}, or held it last (then {@link Holder#released()}). */
	public Optional<Holder> holder(LeaseId id) {
		return row(id).map(Row::holder);
	}

	/**
	 * Stops every heartbeat (the context closes); the leases themselves lapse at their
	 * expiry.
	 */
	@Override
	public void close() {
		this.heartbeat.shutdownNow();
	}

	private Claim granted(LeaseId id, long generation, Claim.TakeOver takenOver) {
		long period = Math.max(1, this.expiry.toMillis() / 4);
		this.held.put(id, new Held(generation,
				this.heartbeat.scheduleAtFixedRate(() -> renew(id), period, period, TimeUnit.MILLISECONDS)));
		return new Claim(Optional.empty(), Optional.ofNullable(takenOver));
	}

	/**
	 * Pushes the expiry on; a lease found in another's hands (taken for dead) is no
	 * longer renewed.
	 */
	private void renew(LeaseId id) {
		Held lease = this.held.get(id);
		if (lease == null) {
			return;
		}
		try {
			int renewed = this.jdbc.sql("UPDATE lease SET expires_at = ?" + ROW + " AND generation = ?")
				.params(expiresAt(), id.kind().column(), id.job(), id.key(), lease.generation())
				.update();
			if (renewed == 0 && this.held.remove(id, lease)) {
				lease.beat().cancel(false);
				log.warn("{} {}: this process's claim was taken over by another (its heartbeat was late by more "
						+ "than {}); the other may run the same job", id.job(), id.key(), this.expiry);
			}
		}
		catch (RuntimeException ex) {
			// the database out of reach for a moment: the next beat tries again (the
			// lease lapses only after EXPIRY)
			log.warn("{} {}: claim not renewed: {}", id.job(), id.key(), Failures.describe(ex));
		}
	}

	/**
	 * Why {@code holder}'s lease may be taken over, or empty while it is alive: its
	 * process on this host has ended, or (on another host) its lease lapsed, or
	 * {@code liveness} says it is dead.
	 */
	public Optional<String> staleBecause(Holder holder, Liveness liveness) {
		if (ThisProcess.endedOnThisHost(holder.process(), holder.since().atZone(zone()).toInstant())) {
			return Optional.of("that process, on this host, has ended");
		}
		Instant now = this.clock.instant();
		if (ThisProcess.onAnotherHost(holder.process()) && holder.expires().isBefore(now)) {
			return Optional.of("on another host, it was not renewed after "
					+ holder.expires().atZone(zone()).toLocalDateTime().withNano(0) + " (its heartbeat stopped "
					+ Duration.between(holder.expires(), now).toSeconds()
					+ " s ago), so that process is taken for dead");
		}
		return liveness.deadBecause(holder);
	}

	private Optional<Row> row(LeaseId id) {
		return this.jdbc
			.sql("SELECT holder, daemon, label, claimed_at, expires_at, released_at, generation FROM lease" + ROW)
			.params(id.kind().column(), id.job(), id.key())
			.query((rs, i) -> new Row(holder(rs), rs.getLong(7)))
			.optional();
	}

	private Holder holder(ResultSet rs) throws SQLException {
		LocalDateTime since = rs.getTimestamp(4).toLocalDateTime();
		long expiresAt = rs.getLong(5);
		// a claim made before claims expired (no expires_at): its claim time plus the
		// expiry
		Instant expires = rs.wasNull() ? since.atZone(zone()).toInstant().plus(this.expiry)
				: Instant.ofEpochMilli(expiresAt);
		rs.getLong(6);
		boolean released = !rs.wasNull();
		return new Holder(rs.getString(1), Optional.ofNullable(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
				since, expires, released);
	}

	private Timestamp now() {
		return Timestamp.valueOf(LocalDateTime.now(this.clock.withZone(zone())));
	}

	private long expiresAt() {
		return this.clock.instant().plus(this.expiry).toEpochMilli();
	}

	private static ZoneId zone() {
		return ZoneId.systemDefault();
	}

}
