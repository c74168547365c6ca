package io.ratchet.report;

import java.util.List;

/**
 * One section of a run's report page: a heading, a sentence, charts (shown side by side
 * when they fit) and tables. Every job's report is a list of sections in the same layout;
 * a job adds its own (see the package README).
 *
 * @param id an anchor for links ({@code #drift}); letters, digits and {@code -}
 * @param title the heading
 * @param note a sentence under the heading, or empty
 * @param charts the charts, in order
 * @param tables the tables, in order
 */
public record ReportSection(String id, String title, String note, List<ReportChart> charts, List<ReportTable> tables) {

	public ReportSection {
		charts = List.copyOf(charts);
		tables = List.copyOf(tables);
	}

	/** A section of tables only. */
	public static ReportSection ofTables(String id, String title, String note, List<ReportTable> tables) {
		return new ReportSection(id, title, note, List.of(), tables);
	}

	/** A section of charts only. */
	public static ReportSection ofCharts(String id, String title, String note, List<ReportChart> charts) {
		return new ReportSection(id, title, note, charts, List.of());
	}

}
