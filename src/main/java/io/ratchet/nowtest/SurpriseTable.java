package io.ratchet.nowtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ratchet.data.AtomicFiles;
import io.ratchet.report.ReportSection;
import io.ratchet.report.ReportTable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report's section "Surprising rows" (a table per kind, every model's rows in it) and
 * {@code surprising.csv} beside it: what {@code jobs/model-cases --add-from} offers to
 * make regression cases of.
 */
final class SurpriseTable {

	/** The CSV beside {@code index.html}. */
	static final String CSV = "surprising.csv";

	private static final List<String> HEADER = List.of("model", "rank", "measure", "file", "line", "key", "date",
			"score", "label", "detail");

	private SurpriseTable() {
	}

	/**
	 * The section.
	 * @param reference the drift reference the score range and known levels come from
	 */
	static ReportSection section(List<SurprisingRowStore.StoredSurprise> rows, String reference) {
		List<ReportTable> tables = new ArrayList<>();
		for (SurpriseKind kind : SurpriseKind.values()) {
			List<List<ReportTable.Cell>> cells = new ArrayList<>();
			rows.stream()
				.filter((stored) -> stored.row().kind() == kind)
				.forEach((stored) -> cells.add(cells(stored).stream().map(ReportTable.Cell::of).toList()));
			tables.add(new ReportTable(kind.title(), note(kind, cells.isEmpty()), HEADER, cells));
		}
		return ReportSection.ofTables("surprising-rows", "Surprising rows",
				"Per model, the window's " + SurprisingRows.LIMIT + " most surprising rows of each kind. The score"
						+ " range and the known levels are those of the drift reference (" + reference + "): models"
						+ " record no training range of their own. Make regression cases of them with jobs/model-cases"
						+ " <model@version> --add-from <run>.",
				tables);
	}

	private static String note(SurpriseKind kind, boolean none) {
		String measure = switch (kind) {
			case LOSS -> "Measure: log loss of the row (binary) or absolute error (regression), labelled rows only.";
			case RANGE -> "Measure: distance outside the reference's score range, in widths of that range.";
			case UNSEEN -> "Measure: how many of the row's levels the reference never had.";
		};
		return none ? measure + " None in this window." : measure;
	}

	/** Writes {@code surprising.csv} into a report directory, atomically. */
	static void writeCsv(long runId, List<SurprisingRowStore.StoredSurprise> rows, Path dir) throws IOException {
		Files.createDirectories(dir);
		AtomicFiles.write(dir.resolve(CSV), (out) -> {
			List<String> header = new ArrayList<>(List.of("run", "kind"));
			header.addAll(HEADER);
			CSVPrinter csv = new CSVPrinter(out,
					CSVFormat.DEFAULT.builder()
						.setRecordSeparator('\n')
						.setHeader(header.toArray(String[]::new))
						.get());
			for (SurprisingRowStore.StoredSurprise stored : rows) {
				List<Object> record = new ArrayList<>(List.of(runId, stored.row().kind().key()));
				Surprise row = stored.row();
				record.addAll(List.of(stored.model(), stored.rank(), row.measure(), row.file(), row.line(),
						(row.key() != null) ? row.key() : "", row.date(), row.score(),
						Double.isNaN(row.label()) ? "" : row.label(), row.detail()));
				csv.printRecord(record);
			}
			csv.flush();
		});
	}

	private static List<String> cells(SurprisingRowStore.StoredSurprise stored) {
		Surprise row = stored.row();
		return List.of(stored.model(), Integer.toString(stored.rank()), format(row.measure()),
				Path.of(row.file()).getFileName().toString(), Long.toString(row.line()),
				(row.key() != null) ? row.key() : "–", row.date().toString(), format(row.score()),
				Double.isNaN(row.label()) ? "–" : format(row.label()), row.detail());
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

}
