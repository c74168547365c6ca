package io.ratchet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.ratchet.report.Charts.Emphasis;
import io.ratchet.requirement.DriftStatistic;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;

/**
 * The report's "Drift" section: a now-test's PSI per feature, largest first (red above
 * the maximum), then the mean of each drifting numeric feature by reference month and in
 * the window; a back-test's "Feature means" by month (the first {@value #FEATURE_CHARTS}
 * features). From {@code drift_value} and {@code feature_mean}.
 */
final class DriftCharts {

	/** Feature-mean small multiples at most. */
	static final int FEATURE_CHARTS = 12;

	private final ReportedRun reported;

	private final ReportReads reads;

	private final FeatureMeanStore featureMeans;

	DriftCharts(ReportedRun reported, ReportReads reads, FeatureMeanStore featureMeans) {
		this.reported = reported;
		this.reads = reads;
		this.featureMeans = featureMeans;
	}

	/**
	 * The section, or {@code null} when the run stored no drift (now-test) or no feature
	 * means (back-test).
	 */
	ReportSection section() {
		RunRecord run = this.reported.run();
		List<FeatureMeanStore.StoredMean> stored = this.featureMeans.means(run.id());
		Map<String, List<FeatureMeanStore.StoredMean>> byFeature = new LinkedHashMap<>();
		stored.forEach((mean) -> byFeature.computeIfAbsent(mean.feature(), (f) -> new ArrayList<>()).add(mean));
		if (this.reported.nowtest()) {
			return psi(run, byFeature);
		}
		if (byFeature.isEmpty()) {
			return null;
		}
		List<ReportChart> charts = new ArrayList<>();
		int count = 0;
		for (Map.Entry<String, List<FeatureMeanStore.StoredMean>> entry : byFeature.entrySet()) {
			if (count++ >= FEATURE_CHARTS) {
				break;
			}
			charts.add(featureChart(entry.getKey(), entry.getValue(), null));
		}
		return ReportSection.ofCharts("drift", "Feature means", "The mean of each numeric feature by month"
				+ ((byFeature.size() > FEATURE_CHARTS) ? " (the first " + FEATURE_CHARTS + " features)" : "")
				+ ": a moving feature is the first sign of drift. The now-test measures drift (PSI) against the "
				+ "champion's training window.", charts);
	}

	private ReportSection psi(RunRecord run, Map<String, List<FeatureMeanStore.StoredMean>> byFeature) {
		Map<String, Double> psi = this.reads.featurePsi(run.id());
		if (psi.isEmpty()) {
			return null;
		}
		List<Map.Entry<String, Double>> sorted = new ArrayList<>(psi.entrySet());
		sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
		Double limit = this.reported.requirements().drift().features().get(DriftStatistic.PSI);
		Charts.Size size = new Charts.Size(Charts.WIDE.width(), Math.min(900, 90 + 26 * sorted.size()));
		List<ReportChart> charts = new ArrayList<>();
		charts.add(new ReportChart("psi.png", "PSI per feature", "",
				Charts.bars(
						"PSI per feature, window against " + "the reference"
								+ ((limit != null) ? ", maximum " + limit : ""),
						"population stability index", sorted.stream().map(Map.Entry::getKey).toList(),
						sorted.stream().map(Map.Entry::getValue).toList(), limit, size)));
		List<String> drifting = new ArrayList<>();
		for (Map.Entry<String, Double> entry : sorted) {
			double max = this.reported.requirements()
				.drift()
				.max(entry.getKey(), DriftStatistic.PSI)
				.orElse(Double.NaN);
			if ((entry.getValue() > max || (Double.isNaN(max) && drifting.size() < 3))
					&& byFeature.containsKey(entry.getKey())) {
				drifting.add(entry.getKey());
			}
		}
		for (String feature : drifting.subList(0, Math.min(FEATURE_CHARTS, drifting.size()))) {
			charts.add(featureChart(feature, byFeature.get(feature), psi.get(feature)));
		}
		return ReportSection.ofCharts("drift", "Drift", "Population stability index of each feature, the window "
				+ "against the reference, largest first (red: above its maximum); then the mean of each drifting "
				+ "numeric feature by reference month and in the window.", charts);
	}

	private static ReportChart featureChart(String feature, List<FeatureMeanStore.StoredMean> means, Double psi) {
		List<String> periods = new ArrayList<>();
		List<Double> values = new ArrayList<>();
		for (FeatureMeanStore.StoredMean mean : means) {
			if (!ResultsStore.ALL.equals(mean.period())) {
				periods.add(mean.period());
				values.add(mean.mean());
			}
		}
		Periods buckets = Periods.of(periods, 60);
		List<String> labels = new ArrayList<>(buckets.labels());
		List<Double> line = new ArrayList<>(buckets.aggregate(values));
		Set<String> marked = Set.of();
		for (FeatureMeanStore.StoredMean mean : means) {
			if (ResultsStore.ALL.equals(mean.period())) {
				labels.add("window");
				line.add(mean.mean());
				marked = Set.of("window");
			}
		}
		String title = feature + ((psi != null) ? String.format(Locale.ROOT, " (PSI %.3f)", psi) : "");
		Charts.Drawing png = Charts.byPeriod(title, "mean", labels,
				List.of(new Charts.Series("mean", line, Emphasis.CHAMPION)), null, null, marked, Charts.SMALL);
		return new ReportChart("feature-" + feature.replaceAll("[^A-Za-z0-9_-]", "_") + ".png", title, "", png);
	}

}
