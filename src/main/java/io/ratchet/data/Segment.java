package io.ratchet.data;

import java.util.Objects;

/**
 * One level of one segment column, e.g. {@code region=north} or
 * {@code tenure_months=[12,24)}.
 *
 * @param column the segment column
 * @param level the level (a bucket label for a numeric column)
 */
public record Segment(String column, String level) implements Comparable<Segment> {

	public Segment {
		Objects.requireNonNull(column, "column");
		Objects.requireNonNull(level, "level");
	}

	/** {@code column=level}. */
	@Override
	public String toString() {
		return this.column + "=" + this.level;
	}

	@Override
	public int compareTo(Segment other) {
		int byColumn = this.column.compareTo(other.column);
		return (byColumn != 0) ? byColumn : this.level.compareTo(other.level);
	}

}
