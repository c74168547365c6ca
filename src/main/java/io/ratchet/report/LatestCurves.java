package io.ratchet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.ScoreCurves;
import io.ratchet.report.Charts.Emphasis;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunSummary.ModelSummary;

/**
 * A binary task's "Latest month" section (a now-test's "The window"): the ROC and
 * precision–recall curves of the champion and the best other models, the champion's
 * reliability diagram, all from the stored accumulator state of the latest month (see
 * {@link ScoreCurves}). The confusion matrices are {@link ThresholdDecisions}'s.
 */
final class LatestCurves {

	private final ReportedRun reported;

	private final ResultsStore results;

	LatestCurves(ReportedRun reported, ResultsStore results) {
		this.reported = reported;
		this.results = results;
	}

	/** The section, or {@code null} without models or months. */
	ReportSection section() {
		if (this.reported.models().isEmpty()) {
			return null;
		}
		List<String> months = this.reported.months();
		boolean nowtest = this.reported.nowtest();
		String period = nowtest ? ResultsStore.ALL : (months.isEmpty() ? null : months.get(months.size() - 1));
		if (period == null) {
			return null;
		}
		String name = nowtest ? "the window" : period;
		Map<Long, Emphasis> emphasis = this.reported.emphasis(Metric.ROC_AUC);
		List<Charts.Curve> roc = new ArrayList<>();
		List<Charts.Curve> pr = new ArrayList<>();
		List<Charts.Curve> reliability = new ArrayList<>();
		for (ModelSummary model : this.reported.models()) {
			Emphasis style = emphasis.get(model.model().id());
			if (style == Emphasis.GREY) {
				continue;
			}
			byte[] state = this.results.partitionState(this.reported.run().id(), model.model().id(), period);
			if (state == null) {
				continue;
			}
			ScoreCurves curves = ScoreCurves.fromState(state);
			String label = ReportedRun.label(model);
			if (!curves.roc().isEmpty()) {
				roc.add(curve(label, curves.roc(), style));
				pr.add(curve(label, curves.precisionRecall(), style));
			}
			if (style == Emphasis.CHAMPION) {
				List<ScoreCurves.ReliabilityBin> bins = curves.reliability()
					.stream()
					.filter((b) -> b.rows() > 0)
					.toList();
				reliability.add(new Charts.Curve(label,
						bins.stream().mapToDouble(ScoreCurves.ReliabilityBin::meanScore).toArray(),
						bins.stream().mapToDouble(ScoreCurves.ReliabilityBin::positiveRate).toArray(), style));
			}
		}
		List<ReportChart> charts = new ArrayList<>();
		if (!roc.isEmpty()) {
			charts.add(new ReportChart("roc.png", "ROC curve, " + name, "", Charts.curves("ROC curve, " + name,
					"false positive rate", "true positive rate", roc, true, false, Charts.HALF)));
			charts.add(new ReportChart("precision-recall.png", "Precision–recall, " + name, "",
					Charts.curves("Precision–recall, " + name, "recall", "precision", pr, false, false, Charts.HALF)));
		}
		if (!reliability.isEmpty()) {
			charts.add(new ReportChart("reliability.png", "Reliability, " + name,
					"Champion: mean score against the share of positives in " + ScoreCurves.RELIABILITY_BINS
							+ " equal-width score bins (empty bins left out).",
					Charts.curves("Reliability (10 bins), " + name, "mean predicted probability",
							"observed positive rate", reliability, true, true, Charts.HALF)));
		}
		if (charts.isEmpty()) {
			return null;
		}
		return ReportSection.ofCharts("latest", nowtest ? "The window" : "Latest month, " + period,
				"Curves of the champion and the best candidates on " + name + ".", charts);
	}

	private static Charts.Curve curve(String name, List<ScoreCurves.Point> points, Emphasis style) {
		return new Charts.Curve(name, points.stream().mapToDouble(ScoreCurves.Point::x).toArray(),
				points.stream().mapToDouble(ScoreCurves.Point::y).toArray(), style);
	}

}
