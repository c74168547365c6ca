package io.ratchet.requirement;

import java.util.List;

import io.ratchet.data.Segment;

/**
 * Bounds on the figures of a segment column's levels ({@code segments:} of a dataset in
 * {@code requirements.yml}), checked for every month and for the whole period: under a
 * column's name ({@code region: {roc_auc: {min: 0.7}}}) they apply to each of its levels;
 * under {@code column=level} ({@code region=north: ...}) to that level only, replacing
 * the column's bound metric by metric.
 *
 * @param column the segment column
 * @param level the level, or {@code null} for every level of the column
 * @param bounds the bounds, at most one per metric
 * @param line the key's line in the requirements file (for messages)
 */
public record SegmentBounds(String column, String level, List<Bound> bounds, int line) {

	public SegmentBounds {
		bounds = DatasetRequirements.checked(bounds, "segment");
	}

	/** Whether the bounds apply to the segment. */
	public boolean appliesTo(Segment segment) {
		return this.column.equals(segment.column()) && (this.level == null || this.level.equals(segment.level()));
	}

	/** {@code column} or {@code column=level}, as written. */
	public String key() {
		return (this.level != null) ? this.column + "=" + this.level : this.column;
	}

}
