package io.ratchet.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code job_claim} table: a command claims "job + parameters" before it starts the job and releases the claim when
 * the job ends, so that the same job launched twice at once by hand runs once and the second launch is refused with a
 * message naming the first. The claim is an insert under a primary key, atomic on every database. A claim left by a
 * process that died (kill -9, power cut) is taken over when its holder, on this host, is no longer running.
 */
@Component
class JobClaims {

	/** Who holds a claim: {@code pid@host}, since when. */
	record Holder(String holder, LocalDateTime since) {
	}

	private final JdbcClient jdbc;

	/** This host's name, resolved once: {@link InetAddress#getLocalHost()} may ask the resolver. */
	private final String host;

	private final String me;

	JobClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.host = host();
		this.me = ProcessHandle.current().pid() + "@" + this.host;
	}

	/** Claims {@code key} of {@code job}; the current holder when another process has it. */
	Optional<Holder> claim(String job, String key) {
		for (int attempt = 0; attempt < 2; attempt++) {
			try {
				this.jdbc.sql("INSERT INTO job_claim (job_name, claim_key, holder, claimed_at) VALUES (?, ?, ?, ?)")
					.params(job, key, this.me, Timestamp.valueOf(LocalDateTime.now()))
					.update();
				return Optional.empty();
			}
			catch (DuplicateKeyException ex) {
				Optional<Holder> holder = holder(job, key);
				if (holder.isEmpty()) {
					continue; // released in between
				}
				if (!gone(holder.get())) {
					return holder;
				}
				this.jdbc.sql("DELETE FROM job_claim WHERE job_name = ? AND claim_key = ? AND holder = ?")
					.params(job, key, holder.get().holder())
					.update();
			}
		}
		return holder(job, key);
	}

	void release(String job, String key) {
		this.jdbc.sql("DELETE FROM job_claim WHERE job_name = ? AND claim_key = ? AND holder = ?")
			.params(job, key, this.me)
			.update();
	}

	private Optional<Holder> holder(String job, String key) {
		return this.jdbc.sql("SELECT holder, claimed_at FROM job_claim WHERE job_name = ? AND claim_key = ?")
			.params(job, key)
			.query((rs, i) -> new Holder(rs.getString(1), rs.getTimestamp(2).toLocalDateTime()))
			.optional();
	}

	/** A holder on this host whose process ended (or whose pid now belongs to a younger process). */
	private boolean gone(Holder holder) {
		int at = holder.holder().indexOf('@');
		if (at < 0 || !holder.holder().substring(at + 1).equals(this.host)) {
			return false;
		}
		long pid;
		try {
			pid = Long.parseLong(holder.holder().substring(0, at));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(pid);
		if (process.isEmpty() || !process.get().isAlive()) {
			return true;
		}
		Optional<Instant> started = process.get().info().startInstant();
		return started.isPresent()
				&& started.get().isAfter(holder.since().atZone(ZoneId.systemDefault()).toInstant().plusSeconds(1));
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
