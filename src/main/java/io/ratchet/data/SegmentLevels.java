package io.ratchet.data;

import java.util.List;

/**
 * Reads a row's level of each segment column of a dataset: the cell of a categorical
 * column as written, the bucket label of a numeric one, {@link SegmentColumn#MISSING} for
 * a missing cell. A segment column is read where the row keeps it: among the features
 * when it is one, else among {@link Row#extras()}. Immutable and thread-safe.
 */
public final class SegmentLevels {

	private final List<SegmentColumn> columns;

	/** Per column, the feature index, or -1 when it is an extra column. */
	private final int[] features;

	/** Per column, the index in {@link Row#extras()}, or -1 when it is a feature. */
	private final int[] extras;

	/** Per numeric column, its bucket labels; {@code null} for a categorical one. */
	private final String[][] buckets;

	public SegmentLevels(DatasetConfig dataset) {
		this.columns = dataset.segments().columns();
		List<String> extraColumns = dataset.extraColumns();
		int n = this.columns.size();
		this.features = new int[n];
		this.extras = new int[n];
		this.buckets = new String[n][];
		for (int c = 0; c < n; c++) {
			SegmentColumn column = this.columns.get(c);
			this.features[c] = dataset.featureIndex(column.name());
			this.extras[c] = extraColumns.indexOf(column.name());
			this.buckets[c] = column.numeric() ? column.buckets().toArray(String[]::new) : null;
		}
	}

	/** The segment columns, in the dataset's order. */
	public List<SegmentColumn> columns() {
		return this.columns;
	}

	/** The row's level of the {@code c}-th segment column. */
	public String level(Row row, int c) {
		if (this.buckets[c] != null) {
			double value = number(row, c);
			return Double.isNaN(value) ? SegmentColumn.MISSING : this.buckets[c][this.columns.get(c).bucket(value)];
		}
		String level = (this.features[c] >= 0) ? row.levels()[this.features[c]] : row.extras()[this.extras[c]];
		return (level != null) ? level : SegmentColumn.MISSING;
	}

	private double number(Row row, int c) {
		if (this.features[c] >= 0) {
			return row.numbers()[this.features[c]];
		}
		String cell = row.extras()[this.extras[c]];
		// the reader has checked that a bucketed cell is a number
		return (cell != null) ? DecimalParser.parse(cell) : Double.NaN;
	}

}
