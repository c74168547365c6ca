package io.ratchet.test;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Dataset names and run ids that no other test of this JVM uses: slice tests share a
 * database with the other tests of their context, and what one commits (model versions
 * are registered in a transaction of their own) must never count for another.
 */
public final class Unique {

	private static final AtomicLong next = new AtomicLong();

	private static final long START = System.nanoTime() % 1_000_000;

	private Unique() {
	}

	/** {@code <prefix>-<n>}, a new one on every call. */
	public static String name(String prefix) {
		return prefix + "-" + START + "-" + next.incrementAndGet();
	}

	/**
	 * The first of 100 run ids that no other call hands out (far above the ids the jobs
	 * take).
	 */
	public static long runIds() {
		return 1_000_000_000L + (START * 100_000 + next.incrementAndGet()) * 100;
	}

}
