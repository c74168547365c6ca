package io.ratchet.data;

import java.util.List;

/**
 * The segments of a dataset ({@code segments:} in its file): the columns whose levels get
 * figures of their own, the fewest labelled rows a segment's period needs to be judged,
 * and the most levels a column may have.
 *
 * @param columns the segment columns, in the file's order
 * @param minRows below this many labelled rows a segment's period is "insufficient data"
 * and never breaches
 * @param maxLevels a column with more levels than this in one month stops the month's
 * read (a column such as a customer id would otherwise make a segment of every row)
 */
public record Segments(List<SegmentColumn> columns, long minRows, int maxLevels) {

	/** Default {@link #minRows()}. */
	public static final long DEFAULT_MIN_ROWS = 100;

	/** Default {@link #maxLevels()}. */
	public static final int DEFAULT_MAX_LEVELS = 50;

	/** A dataset without segments. */
	public static final Segments NONE = new Segments(List.of(), DEFAULT_MIN_ROWS, DEFAULT_MAX_LEVELS);

	public Segments {
		columns = List.copyOf(columns);
	}

	/** Whether the dataset has no segment column. */
	public boolean isEmpty() {
		return this.columns.isEmpty();
	}

}
