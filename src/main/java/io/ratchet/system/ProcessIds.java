package io.ratchet.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A process as {@code <pid>@<host>}, the way claims in the database name their holder, and whether a holder of this
 * host is gone (ended, or its pid reused by a process started after the claim). A holder on another host is never
 * judged gone here: only time can tell that.
 */
public final class ProcessIds {

	private static final String HOST = host();

	private static final String ME = ProcessHandle.current().pid() + "@" + HOST;

	private ProcessIds() {
	}

	/** This process. */
	public static String me() {
		return ME;
	}

	/** This host's name, resolved once. */
	public static String thisHost() {
		return HOST;
	}

	/**
	 * Whether {@code holder} is a process of this host that no longer runs.
	 * @param since when the holder made its claim (a process started after it is another one under a reused pid)
	 */
	public static boolean gone(String holder, LocalDateTime since) {
		int at = (holder != null) ? holder.indexOf('@') : -1;
		if (at < 0 || !holder.substring(at + 1).equals(HOST)) {
			return false;
		}
		long pid;
		try {
			pid = Long.parseLong(holder.substring(0, at));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(pid);
		if (process.isEmpty() || !process.get().isAlive()) {
			return true;
		}
		Optional<Instant> started = process.get().info().startInstant();
		return started.isPresent() && since != null
				&& started.get().isAfter(since.atZone(ZoneId.systemDefault()).toInstant().plusSeconds(1));
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
