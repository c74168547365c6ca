package io.ratchet.data;

import java.io.IOException;

/**
 * Row numbers by the hash of their key (a row's text, or its id), for {@link MonthMerge}:
 * what it keeps in memory per row instead of the row itself.
 * <p>
 * Open addressing over one {@code long[]}: a slot holds the upper 32 bits of the key's
 * 64-bit hash (which also choose the slot) and the row number plus one (0: empty); linear
 * probing; the table doubles when half full, so an indexed row costs 8 to 16 bytes.
 * Several rows may share a hash (equal keys, or two keys that collide): {@link #find}
 * hands every candidate to the caller, which compares the real keys, so a collision costs
 * one comparison and can never merge two different rows.
 */
final class KeyIndex {

	private long[] slots = new long[64];

	private int size;

	/** Tells whether a candidate row has the key looked for. */
	@FunctionalInterface
	interface Match {

		boolean test(int row) throws IOException;

	}

	/**
	 * A well-mixed 64-bit hash of a key: FNV-1a over its characters, then the final mix
	 * of MurmurHash3 (so that the upper bits depend on every character).
	 */
	static long hash(String key) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < key.length(); i++) {
			hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
		}
		return mix(hash);
	}

	/** {@link #hash(String)} over bytes (a row's UTF-8 text) instead of characters. */
	static long hash(byte[] key) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : key) {
			hash = (hash ^ (b & 0xFF)) * 0x100000001b3L;
		}
		return mix(hash);
	}

	private static long mix(long fnv) {
		long hash = fnv ^ (fnv >>> 33);
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		return hash ^ (hash >>> 33);
	}

	/** Adds a row under a hash (a hash may hold several rows). */
	void add(long hash, int row) {
		if (2 * (this.size + 1) > this.slots.length) {
			long[] old = this.slots;
			this.slots = new long[2 * old.length];
			for (long slot : old) {
				if (slot != 0) {
					insert(slot);
				}
			}
		}
		insert((hash & 0xFFFFFFFF00000000L) | (row + 1L));
		this.size++;
	}

	private void insert(long slot) {
		int mask = this.slots.length - 1;
		int i = (int) (slot >>> 32) & mask;
		while (this.slots[i] != 0) {
			i = (i + 1) & mask;
		}
		this.slots[i] = slot;
	}

	/** Whether no row was added (so that a key need not even be hashed). */
	boolean isEmpty() {
		return this.size == 0;
	}

	/**
	 * The first row under this hash that {@code match} accepts, or -1.
	 */
	int find(long hash, Match match) throws IOException {
		int mask = this.slots.length - 1;
		long tag = hash >>> 32;
		for (int i = (int) tag & mask; this.slots[i] != 0; i = (i + 1) & mask) {
			long slot = this.slots[i];
			if ((slot >>> 32) == tag && match.test((int) slot - 1)) {
				return (int) slot - 1;
			}
		}
		return -1;
	}

}
