package io.ratchet.nowtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ratchet.metrics.PerformanceEstimate;
import io.ratchet.report.ReportSection;
import io.ratchet.report.ReportTable;

/**
 * The report's section "Estimates before labels arrive": per model, each estimated figure
 * over the rows awaiting labels (an estimated breach marked as breaches are), its bound,
 * and the same estimate beside the realised figure over the labelled rows; the note says
 * whether the scores are calibrated well enough for the estimate to be trusted.
 */
final class EstimateTable {

	private EstimateTable() {
	}

	static ReportSection section(List<EstimateStore.StoredEstimate> estimates) {
		Map<String, List<EstimateStore.StoredEstimate>> byModel = new LinkedHashMap<>();
		estimates.forEach((e) -> byModel.computeIfAbsent(e.model(), (model) -> new ArrayList<>()).add(e));
		List<ReportTable> tables = new ArrayList<>();
		byModel.forEach((model, figures) -> tables.add(table(model, figures)));
		return ReportSection.ofTables("estimates", "Estimates before labels arrive",
				"Estimated from the scores alone (CBPE: each score read as the probability that its row is positive),"
						+ " for the window's rows still awaiting a label; beside it, the same estimate over the"
						+ " labelled rows and the figure their labels give. An estimate is not a measurement.",
				tables);
	}

	private static ReportTable table(String model, List<EstimateStore.StoredEstimate> figures) {
		List<List<ReportTable.Cell>> rows = new ArrayList<>();
		List<EstimateStore.StoredEstimate> ordered = new ArrayList<>(figures);
		ordered.sort((a, b) -> Integer.compare(order(a.metric()), order(b.metric())));
		for (EstimateStore.StoredEstimate e : ordered) {
			String bound = (e.bound() == null) ? "–"
					: ("MIN".equals(e.boundKind()) ? "min " : "max ") + format(e.bound());
			rows.add(List.of(ReportTable.Cell.of(e.metric()), new ReportTable.Cell(format(e.estimated()), e.breached()),
					ReportTable.Cell.of(bound), ReportTable.Cell.of(format(e.estimatedLabelled())),
					ReportTable.Cell.of(format(e.realised()))));
		}
		EstimateStore.StoredEstimate first = figures.get(0);
		String calibration = (first.calibrationError() == null)
				? "no labelled reference row to check the scores' calibration: the estimate cannot be trusted"
				: String.format(Locale.ROOT, "expected calibration error %.4f on %d labelled reference rows: %s",
						first.calibrationError(), first.calibrationRows(),
						first.calibrated() ? "calibrated well enough for the estimate to be trusted"
								: "the scores are NOT calibrated enough for the estimate to be trusted");
		return new ReportTable(model,
				first.rowsAwaiting() + " rows awaiting labels, " + first.rowsLabelled() + " labelled; " + calibration
						+ ".",
				List.of("metric", "estimated (awaiting labels)", "bound", "estimated (labelled rows)",
						"realised (labelled rows)"),
				rows);
	}

	private static int order(String metric) {
		for (int i = 0; i < PerformanceEstimate.METRICS.size(); i++) {
			if (PerformanceEstimate.METRICS.get(i).key().equals(metric)) {
				return i;
			}
		}
		return Integer.MAX_VALUE;
	}

	private static String format(Double value) {
		return (value == null) ? "–" : String.format(Locale.ROOT, "%.4f", value);
	}

}
