package io.ratchet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.metrics.Metric;
import io.ratchet.report.Charts.Emphasis;
import io.ratchet.run.RunSummary.ModelSummary;

/**
 * A regression task's "Predicted and actual" section (in place of the binary task's
 * curves): mean prediction against mean label by month, and the mean residual (bias) by
 * month, from the stored monthly figures (rows are not kept).
 */
final class PredictedAndActual {

	private final ReportedRun reported;

	PredictedAndActual(ReportedRun reported) {
		this.reported = reported;
	}

	/** The section, or {@code null} with fewer than two months. */
	ReportSection section() {
		List<String> months = this.reported.months();
		if (months.size() < 2) {
			return null;
		}
		Periods periods = Periods.of(months, Periods.LIMIT);
		Map<Long, Emphasis> emphasis = this.reported.emphasis(Metric.RMSE);
		ModelSummary champion = this.reported.champion();
		List<Charts.Series> means = new ArrayList<>();
		means.add(new Charts.Series("actual (mean label)",
				periods.aggregate(ReportedRun.monthly(champion, Metric.MEAN_LABEL, months)), Emphasis.HIGHLIGHT));
		List<Charts.Series> residuals = new ArrayList<>();
		for (ModelSummary model : this.reported.models()) {
			Emphasis style = emphasis.get(model.model().id());
			if (style == Emphasis.GREY) {
				continue;
			}
			means.add(new Charts.Series(ReportedRun.label(model) + " predicted",
					periods.aggregate(ReportedRun.monthly(model, Metric.MEAN_PREDICTION, months)), style));
			residuals.add(new Charts.Series(ReportedRun.label(model),
					periods.aggregate(ReportedRun.monthly(model, Metric.BIAS, months)), style));
		}
		List<ReportChart> charts = List.of(
				new ReportChart("predicted-vs-actual.png", "Predicted against actual by " + periods.unit(), "",
						Charts.byPeriod("Mean predicted against mean actual by " + periods.unit(), "mean",
								periods.labels(), means, null, null, Set.of(), Charts.WIDE)),
				new ReportChart("residuals.png", "Residuals by " + periods.unit(),
						"Mean residual (prediction minus " + "label); the red line is no bias.",
						Charts.byPeriod("Mean residual by " + periods.unit(), "prediction − label", periods.labels(),
								residuals, 0.0, "no bias", Set.of(), Charts.WIDE)));
		return ReportSection.ofCharts("latest", "Predicted and actual",
				"Means per " + periods.unit() + " of the stored figures (rows are not kept).", charts);
	}

}
