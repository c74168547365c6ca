package io.ratchet.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.requirement.Verdict;

/**
 * Everything stored about one run, arranged per model: what reports and the command line
 * show.
 *
 * @param run the run record
 * @param models per model version, in role order
 * @param partitions the month files read
 */
public record RunSummary(RunRecord run, List<ModelSummary> models, List<PartitionResult> partitions) {

	/**
	 * One model's part of a run.
	 *
	 * @param model the version and its role
	 * @param monthly per month (in order): metric values (absent metrics missing from the
	 * map)
	 * @param verdicts per period (months and {@code ALL}): PASS, BREACH or
	 * INSUFFICIENT_DATA
	 * @param wholePeriod the whole-period metric values
	 * @param breaches every breach, months first
	 * @param threshold the decision threshold of a binary model's accumulators in this
	 * run (its file's own, or the configured default); {@code null} for a regression
	 * model or a model with no stored state
	 */
	public record ModelSummary(RunModel model, Map<String, Map<MetricId, Double>> monthly, Map<String, String> verdicts,
			Map<MetricId, Double> wholePeriod, List<StoredBreach> breaches, Double threshold) {

		/** Months (not the whole period) with the given verdict. */
		public long months(Verdict verdict) {
			return months(verdict.name());
		}

		/** Months (not the whole period) with the given verdict. */
		public long months(String verdict) {
			return this.verdicts.entrySet()
				.stream()
				.filter((entry) -> !ResultsStore.ALL.equals(entry.getKey()) && verdict.equals(entry.getValue()))
				.count();
		}

		/**
		 * The model's verdict: BREACH when any period breached, else the whole period's
		 * verdict.
		 */
		public String verdict() {
			if (this.verdicts.containsValue(Verdict.BREACH.name())) {
				return Verdict.BREACH.name();
			}
			return this.verdicts.getOrDefault(ResultsStore.ALL, Verdict.PASS.name());
		}

	}

	/** Loads a run's summary from the store. */
	public static RunSummary load(ResultsStore store, long runId) {
		RunRecord run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
		List<StoredMetric> metrics = store.metricValues(runId);
		List<StoredBreach> breaches = store.breaches(runId);
		List<StoredVerdict> verdicts = store.verdicts(runId);
		Map<Long, Double> thresholds = store.thresholds(runId);
		List<ModelSummary> models = new ArrayList<>();
		for (RunModel model : store.runModels(runId)) {
			Map<String, Map<MetricId, Double>> monthly = new TreeMap<>();
			Map<MetricId, Double> whole = new HashMap<>();
			for (StoredMetric metric : metrics) {
				if (metric.modelVersionId() != model.id()) {
					continue;
				}
				Map<MetricId, Double> target = ResultsStore.ALL.equals(metric.period()) ? whole
						: monthly.computeIfAbsent(metric.period(), (period) -> new HashMap<>());
				if (metric.value() != null) {
					target.put(metric.metric(), metric.value());
				}
			}
			Map<String, String> periodVerdicts = new LinkedHashMap<>();
			verdicts.stream()
				.filter((verdict) -> verdict.modelVersionId() == model.id())
				.forEach((verdict) -> periodVerdicts.put(verdict.period(), verdict.verdict()));
			List<StoredBreach> own = new ArrayList<>(
					breaches.stream().filter((breach) -> breach.modelVersionId() == model.id()).toList());
			own.sort((a, b) -> a.period().compareTo(b.period()));
			models.add(new ModelSummary(model, monthly, periodVerdicts, whole, own, thresholds.get(model.id())));
		}
		return new RunSummary(run, models, store.partitions(runId));
	}

}
