package io.ratchet.drift;

import java.util.Map;
import java.util.TreeMap;

/**
 * How often each level of one categorical column occurs in a reference or a window, and
 * how often it is missing.
 */
public final class LevelCounts {

	private final Map<String, Long> levels = new TreeMap<>();

	private long count;

	private long missing;

	/** Adds one value; {@code null} is a missing value. */
	public void add(String level) {
		this.count++;
		if (level == null) {
			this.missing++;
		}
		else {
			this.levels.merge(level, 1L, Long::sum);
		}
	}

	public long count() {
		return this.count;
	}

	public long missing() {
		return this.missing;
	}

	/** The share of missing values, {@link Double#NaN} when nothing was added. */
	public double missingRate() {
		return (this.count == 0) ? Double.NaN : (double) this.missing / this.count;
	}

	/** The count of each level seen, by level. */
	public Map<String, Long> levels() {
		return java.util.Collections.unmodifiableMap(this.levels);
	}

}
