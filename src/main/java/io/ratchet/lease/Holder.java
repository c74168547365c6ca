package io.ratchet.lease;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Who holds (or last held) a lease.
 *
 * @param process {@code pid@host}
 * @param daemon the Quartz instance of the scheduler daemon that holds it, if a daemon
 * does
 * @param label what the holder does with it (a schedule entry), if it said
 * @param since when it was claimed (the claiming host's local time)
 * @param expires when it lapses unless renewed
 * @param released whether the holder gave it up (the row stays as the record of its last
 * holder)
 */
public record Holder(String process, Optional<String> daemon, Optional<String> label, LocalDateTime since,
		Instant expires, boolean released) {

	/** The host part of {@link #process()}. */
	public String host() {
		return this.process.substring(this.process.indexOf('@') + 1);
	}

	/** The pid part of {@link #process()}. */
	public String pid() {
		int at = this.process.indexOf('@');
		return (at < 0) ? this.process : this.process.substring(0, at);
	}

	/**
	 * A daemon as {@code instance (host h, pid p)}, a command's process as
	 * {@code pid@host}.
	 */
	@Override
	public String toString() {
		return this.daemon.map((instance) -> instance + " (host " + host() + ", pid " + pid() + ")")
			.orElse(this.process);
	}

}
