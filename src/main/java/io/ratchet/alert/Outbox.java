package io.ratchet.alert;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.ratchet.system.ThisProcess;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code alert_outbox} table. An alert is written once per idempotency key; a process
 * sends a row only after claiming it with a conditional update (PENDING, or SENDING by a
 * process that never reported back, to SENDING), so two processes never send the same row
 * at once. Each state change is its own statement (auto-committed outside a transaction):
 * "sent" is recorded right after the server accepted the message.
 */
@Repository
class Outbox {

	static final String PENDING = "PENDING";

	static final String SENDING = "SENDING";

	static final String SENT = "SENT";

	static final String FAILED = "FAILED";

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One alert in the outbox. */
	record Entry(long id, String idempotencyKey, long runId, String kind, String dataset, String subject,
			String recipients, String messageId, byte[] message, String status, int attempts,
			LocalDateTime nextAttemptAt, String lastError, String deliveredTo) {
	}

	boolean contains(String idempotencyKey) {
		return this.jdbc.sql("SELECT COUNT(*) FROM alert_outbox WHERE idempotency_key = ?")
			.param(idempotencyKey)
			.query(Long.class)
			.single() > 0;
	}

	void add(String idempotencyKey, long runId, AlertKind kind, String dataset, String subject, List<String> recipients,
			String messageId, byte[] message, LocalDateTime now) {
		add(idempotencyKey, runId, kind.slug(), dataset, subject, recipients, messageId, message, now);
	}

	/**
	 * As above, for a message that is not an {@link AlertKind} alert, e.g.
	 * {@code challenge} news.
	 */
	void add(String idempotencyKey, long runId, String kind, String dataset, String subject, List<String> recipients,
			String messageId, byte[] message, LocalDateTime now) {
		this.jdbc.sql("""
				INSERT INTO alert_outbox (idempotency_key, run_id, kind, dataset, subject, recipients, message_id,
					message, status, attempts, next_attempt_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
			.params(idempotencyKey, runId, kind, dataset, cut(subject, 1000), cut(String.join(", ", recipients), 4000),
					messageId, message, PENDING, ts(now), ts(now))
			.update();
	}

	/**
	 * Ids of the rows a delivery may claim: pending (due by {@code dueBy}, or all when it
	 * is {@code null}) and rows claimed before {@code staleBefore} whose sender never
	 * reported back.
	 */
	List<Long> deliverable(LocalDateTime dueBy, LocalDateTime staleBefore) {
		return this.jdbc.sql("""
				SELECT id FROM alert_outbox
				WHERE (status = 'PENDING' AND next_attempt_at <= ?)
					OR (status = 'SENDING' AND claimed_at < ?)
				ORDER BY id""").params(ts(due(dueBy)), ts(staleBefore)).query(Long.class).list();
	}

	/**
	 * Claims a row for sending; {@code false} when another process got it first or it is
	 * no longer deliverable.
	 */
	boolean claim(long id, LocalDateTime dueBy, LocalDateTime staleBefore, LocalDateTime now) {
		return this.jdbc.sql("""
				UPDATE alert_outbox SET status = 'SENDING', claimed_at = ?, claimed_by = ?, attempts = attempts + 1
				WHERE id = ? AND ((status = 'PENDING' AND next_attempt_at <= ?)
					OR (status = 'SENDING' AND claimed_at < ?))""")
			.params(ts(now), ThisProcess.id(), id, ts(due(dueBy)), ts(staleBefore))
			.update() == 1;
	}

	/**
	 * Rows claimed for sending by a process of this host that is gone (killed while
	 * sending): they are sent again at once rather than after the claim timeout. The
	 * message may have reached the server in the instant between its reply and the
	 * {@code SENT} record; the retry carries the same Message-ID.
	 */
	List<Claim> claimsOfGoneProcesses() {
		return this.jdbc.sql("SELECT id, claimed_by, claimed_at FROM alert_outbox WHERE status = 'SENDING' ORDER BY id")
			.query((rs, i) -> new Claim(rs.getLong(1), rs.getString(2),
					(rs.getTimestamp(3) != null) ? rs.getTimestamp(3).toLocalDateTime() : null))
			.list()
			.stream()
			.filter((claim) -> claim.holder() != null && claim.at() != null
					&& ThisProcess.endedOnThisHost(claim.holder(),
							claim.at().atZone(ZoneId.systemDefault()).toInstant()))
			.toList();
	}

	/**
	 * Takes a gone process's claim over; {@code false} when another process took it
	 * first.
	 */
	boolean takeOver(Claim claim, LocalDateTime now) {
		return this.jdbc.sql("""
				UPDATE alert_outbox SET claimed_at = ?, claimed_by = ?, attempts = attempts + 1
				WHERE id = ? AND status = 'SENDING' AND claimed_by = ? AND claimed_at = ?""")
			.params(ts(now), ThisProcess.id(), claim.id(), claim.holder(), ts(claim.at()))
			.update() == 1;
	}

	/** A row claimed for sending: by whom ({@code <pid>@<host>}) and when. */
	record Claim(long id, String holder, LocalDateTime at) {
	}

	Entry get(long id) {
		return this.jdbc.sql("""
				SELECT id, idempotency_key, run_id, kind, dataset, subject, recipients, message_id, message, status,
					attempts, next_attempt_at, last_error, delivered_to
				FROM alert_outbox WHERE id = ?""")
			.param(id)
			.query((rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getString(10), rs.getInt(11),
					rs.getTimestamp(12).toLocalDateTime(), rs.getString(13), rs.getString(14)))
			.single();
	}

	void sent(long id, String deliveredTo, LocalDateTime now) {
		this.jdbc.sql("""
				UPDATE alert_outbox SET status = 'SENT', sent_at = ?, delivered_to = ?, last_error = NULL
				WHERE id = ?""").params(ts(now), cut(deliveredTo, 1000), id).update();
	}

	/** Puts a row back for a later attempt, or marks it FAILED for good. */
	void failed(long id, String error, LocalDateTime nextAttempt, boolean giveUp) {
		this.jdbc.sql("UPDATE alert_outbox SET status = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
			.params(giveUp ? FAILED : PENDING, ts(nextAttempt), cut(error, 4000), id)
			.update();
	}

	/** The newest alerts, newest first, without their message bytes. */
	List<AlertListing> recent(int limit) {
		return this.jdbc
			.sql("""
					SELECT id, run_id, kind, dataset, status, attempts, created_at, sent_at, subject, delivered_to, last_error
					FROM alert_outbox ORDER BY id DESC FETCH FIRST ? ROWS ONLY""")
			.param(limit)
			.query((rs, i) -> new AlertListing(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toLocalDateTime(),
					(rs.getTimestamp(8) != null) ? rs.getTimestamp(8).toLocalDateTime() : null, rs.getString(9),
					rs.getString(10), rs.getString(11)))
			.list();
	}

	int pendingCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM alert_outbox WHERE status IN ('PENDING', 'SENDING')")
			.query(Long.class)
			.single()
			.intValue();
	}

	/**
	 * When the oldest row claimed for sending (by this or another process, maybe one that
	 * died) was claimed.
	 */
	Optional<LocalDateTime> oldestClaim() {
		Timestamp oldest = this.jdbc.sql("SELECT MIN(claimed_at) FROM alert_outbox WHERE status = 'SENDING'")
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		return Optional.ofNullable(oldest).map(Timestamp::toLocalDateTime);
	}

	/** When the next pending row is due, if any. */
	Optional<LocalDateTime> nextDue() {
		Timestamp next = this.jdbc.sql("SELECT MIN(next_attempt_at) FROM alert_outbox WHERE status = 'PENDING'")
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		return Optional.ofNullable(next).map(Timestamp::toLocalDateTime);
	}

	/** Rows of a run, oldest first. */
	List<Entry> ofRun(long runId) {
		return this.jdbc.sql("SELECT id FROM alert_outbox WHERE run_id = ? ORDER BY id")
			.param(runId)
			.query(Long.class)
			.list()
			.stream()
			.map(this::get)
			.toList();
	}

	/** Every pending row when {@code dueBy} is {@code null}. */
	private static LocalDateTime due(LocalDateTime dueBy) {
		return (dueBy != null) ? dueBy : LocalDateTime.of(9999, 12, 31, 0, 0);
	}

	private static Timestamp ts(LocalDateTime time) {
		return (time != null) ? Timestamp.valueOf(time) : null;
	}

	private static String cut(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 2) + " …";
	}

}
