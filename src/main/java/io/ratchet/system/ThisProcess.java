package io.ratchet.system;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * This process as the rows it leaves in the database name it ({@code pid@host}: a
 * command's job claim, a scheduler daemon's scheduled run), and whether a process so
 * named on this host has ended. Only a process on this host can be looked up; another
 * host's is judged by other means (an expired claim, Quartz's check-ins).
 */
public final class ThisProcess {

	/**
	 * This host's name, resolved once: {@link InetAddress#getLocalHost()} may ask the
	 * resolver.
	 */
	private static final String HOST = resolveHost();

	private ThisProcess() {
	}

	public static String host() {
		return HOST;
	}

	public static long pid() {
		return ProcessHandle.current().pid();
	}

	/** {@code pid@host}. */
	public static String id() {
		return pid() + "@" + HOST;
	}

	/**
	 * Whether the process {@code holder} ({@code pid@host}), which held something since
	 * {@code since}, has ended: it is on this host and either no such process runs, or
	 * the pid now belongs to a process started after {@code since} (reused).
	 * {@code false} for another host's process, or a holder not of the form
	 * {@code pid@host}.
	 */
	public static boolean endedOnThisHost(String holder, Instant since) {
		int at = holder.indexOf('@');
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
		return started.isPresent() && started.get().isAfter(since.plusSeconds(1));
	}

	/** Whether {@code holder} ({@code pid@host}) names a process on another host. */
	public static boolean onAnotherHost(String holder) {
		int at = holder.indexOf('@');
		return at >= 0 && !holder.substring(at + 1).equals(HOST);
	}

	private static String resolveHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			String name = ManagementFactory.getRuntimeMXBean().getName();
			return name.substring(name.indexOf('@') + 1);
		}
	}

}
