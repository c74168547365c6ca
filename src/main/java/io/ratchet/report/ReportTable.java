package io.ratchet.report;

import java.util.List;

/**
 * A table a job adds to its run's {@code summary.html} beyond the figures every run has, e.g. a now-test's drift.
 * @param title the heading
 * @param note a sentence under the heading (what the figures are measured against), or empty
 * @param header the column names
 * @param rows the rows, each as wide as the header
 */
public record ReportTable(String title, String note, List<String> header, List<List<Cell>> rows) {

	public ReportTable {
		header = List.copyOf(header);
		rows = rows.stream().map(List::copyOf).toList();
	}

	/**
	 * One cell.
	 * @param text what it shows
	 * @param breached whether it crossed a bound (shown like a breached metric)
	 */
	public record Cell(String text, boolean breached) {

		public static Cell of(String text) {
			return new Cell(text, false);
		}

	}

}
