package io.ratchet.report;

import java.util.List;

/**
 * A table of a report section. Rows past the first {@code visibleRows} are folded away (a
 * {@code <details>} the reader opens), so a long history keeps the page short.
 *
 * @param title the table's caption (may be empty when the section's heading says it)
 * @param note a sentence under the caption (what the figures are measured against), or
 * empty
 * @param header the column names
 * @param rows the rows, each as wide as the header
 * @param visibleRows rows shown before the fold
 * @param footnote a line under the table (e.g. where the omitted rows are), or empty
 */
public record ReportTable(String title, String note, List<String> header, List<List<Cell>> rows, int visibleRows,
		String footnote) {

	/** Rows shown when a table does not say. */
	public static final int DEFAULT_VISIBLE_ROWS = 60;

	public ReportTable {
		header = List.copyOf(header);
		rows = rows.stream().map(List::copyOf).toList();
	}

	public ReportTable(String title, String note, List<String> header, List<List<Cell>> rows) {
		this(title, note, header, rows, DEFAULT_VISIBLE_ROWS, "");
	}

	/** The rows before the fold. */
	public List<List<Cell>> shown() {
		return this.rows.subList(0, Math.min(this.visibleRows, this.rows.size()));
	}

	/** The rows after the fold. */
	public List<List<Cell>> folded() {
		return this.rows.subList(Math.min(this.visibleRows, this.rows.size()), this.rows.size());
	}

	/**
	 * One cell.
	 *
	 * @param text what it shows
	 * @param breached whether it crossed a bound (shown like a breached metric)
	 */
	public record Cell(String text, boolean breached) {

		public static Cell of(String text) {
			return new Cell(text, false);
		}

	}

}
