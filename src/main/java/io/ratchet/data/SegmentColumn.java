package io.ratchet.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A column whose levels get figures of their own ({@code segments:} in the dataset's
 * file). Categorical: every level as written is a segment. Numeric: {@code edges} cut the
 * values into buckets, e.g. edges {@code [12, 24]} give {@code <12}, {@code [12,24)} and
 * {@code >=24} (a bucket holds its lower edge, never its upper one). A missing cell is
 * the level {@value #MISSING}.
 *
 * @param name the column
 * @param edges increasing bucket edges of a numeric column; empty for a categorical one
 */
public record SegmentColumn(String name, double[] edges) {

	/** The level of a row whose cell is missing. */
	public static final String MISSING = "(missing)";

	public SegmentColumn {
		edges = edges.clone();
		for (int i = 1; i < edges.length; i++) {
			if (!(edges[i] > edges[i - 1])) {
				throw new IllegalArgumentException("edges " + Arrays.toString(edges) + " are not increasing");
			}
		}
	}

	/** A categorical segment column. */
	public static SegmentColumn categorical(String name) {
		return new SegmentColumn(name, new double[0]);
	}

	/** Whether the column is cut into buckets by its edges. */
	public boolean numeric() {
		return this.edges.length > 0;
	}

	/** The labels of the buckets, lowest first ({@code <12}, {@code [12,24)}, ...). */
	public List<String> buckets() {
		List<String> labels = new ArrayList<>();
		labels.add("<" + plain(this.edges[0]));
		for (int i = 1; i < this.edges.length; i++) {
			labels.add("[" + plain(this.edges[i - 1]) + "," + plain(this.edges[i]) + ")");
		}
		labels.add(">=" + plain(this.edges[this.edges.length - 1]));
		return labels;
	}

	/**
	 * The bucket a value falls in: 0 below the first edge, edges.length at or above the
	 * last.
	 */
	public int bucket(double value) {
		// compared as numbers (-0.0 is 0, unlike Arrays.binarySearch); a few edges
		int bucket = 0;
		while (bucket < this.edges.length && value >= this.edges[bucket]) {
			bucket++;
		}
		return bucket;
	}

	private static String plain(double edge) {
		return BigDecimal.valueOf(edge).stripTrailingZeros().toPlainString();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SegmentColumn column && column.name.equals(this.name)
				&& Arrays.equals(column.edges, this.edges);
	}

	@Override
	public int hashCode() {
		return this.name.hashCode() * 31 + Arrays.hashCode(this.edges);
	}

	@Override
	public String toString() {
		return numeric() ? this.name + Arrays.toString(this.edges) : this.name;
	}

}
