package io.ratchet.model;

import java.util.List;
import java.util.Map;

/**
 * A small open-addressing table from level to weight, for scoring without
 * {@link java.util.HashMap} lookups or boxing: probing uses the string's cached hash code
 * and two primitive-friendly arrays. Immutable once built.
 */
final class LevelTable {

	private final String[] keys;

	private final double[] values;

	private final int mask;

	private LevelTable(int size) {
		int capacity = Integer.highestOneBit(Math.max(2, size * 2)) << 1;
		this.keys = new String[capacity];
		this.values = new double[capacity];
		this.mask = capacity - 1;
	}

	/** A table of levels and their weights. */
	static LevelTable of(Map<String, Double> weights) {
		LevelTable table = new LevelTable(weights.size());
		weights.forEach(table::put);
		return table;
	}

	/** A membership table: every level maps to 1. */
	static LevelTable of(List<String> levels) {
		LevelTable table = new LevelTable(levels.size());
		levels.forEach((level) -> table.put(level, 1.0));
		return table;
	}

	/** Whether the level is in the table; {@code level} must not be {@code null}. */
	boolean contains(String level) {
		return slot(level) >= 0;
	}

	/**
	 * The level's value, or {@code fallback} when the level is absent or {@code null}.
	 */
	double valueOr(String level, double fallback) {
		if (level == null) {
			return fallback;
		}
		int slot = slot(level);
		return (slot >= 0) ? this.values[slot] : fallback;
	}

	private void put(String level, double value) {
		int slot = start(level);
		while (this.keys[slot] != null) {
			slot = (slot + 1) & this.mask;
		}
		this.keys[slot] = level;
		this.values[slot] = value;
	}

	private int slot(String level) {
		int slot = start(level);
		String key;
		while ((key = this.keys[slot]) != null) {
			if (key.equals(level)) {
				return slot;
			}
			slot = (slot + 1) & this.mask;
		}
		return -1;
	}

	private int start(String level) {
		int hash = level.hashCode();
		return (hash ^ (hash >>> 16)) & this.mask;
	}

}
