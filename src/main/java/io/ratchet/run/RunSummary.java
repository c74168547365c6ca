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
			return modelVerdict(this.verdicts);
		}

		/**
		 * A model's verdict from its verdict per period: BREACH when any period breached,
		 * else the whole period's verdict (PASS when there is none).
		 */
		public static String modelVerdict(Map<String, String> verdicts) {
			if (verdicts.containsValue(Verdict.BREACH.name())) {
				return Verdict.BREACH.name();
			}
			return verdicts.getOrDefault(ResultsStore.ALL, Verdict.PASS.name());
		}

	}

	/** Loads a run's summary from the store. */
	public static RunSummary load(ResultsStore store, long runId) {
		RunRecord run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
		List<StoredMetric> metrics = store.metricValues(runId);
		List<StoredBreach> breaches = store.breaches(runId);
		List<StoredVerdict> verdicts = store.verdicts(runId);
		Map<Long, Double> thresholds = store.thresholds(runId);
		// every row grouped by model in one pass (a long history stores some 50 rows per
		// model and month: 160,000 for 840 months of 4 models)
		Map<Long, Map<String, Map<MetricId, Double>>> monthlyByModel = new HashMap<>();
		Map<Long, Map<MetricId, Double>> wholeByModel = new HashMap<>();
		for (StoredMetric metric : metrics) {
			Map<MetricId, Double> target = ResultsStore.ALL.equals(metric.period())
					? wholeByModel.computeIfAbsent(metric.modelVersionId(), (id) -> new HashMap<>())
					: monthlyByModel.computeIfAbsent(metric.modelVersionId(), (id) -> new TreeMap<>())
						.computeIfAbsent(metric.period(), (period) -> new HashMap<>());
			if (metric.value() != null) {
				target.put(metric.metric(), metric.value());
			}
		}
		Map<Long, Map<String, String>> verdictsByModel = new HashMap<>();
		verdicts.forEach(
				(verdict) -> verdictsByModel.computeIfAbsent(verdict.modelVersionId(), (id) -> new LinkedHashMap<>())
					.put(verdict.period(), verdict.verdict()));
		List<ModelSummary> models = new ArrayList<>();
		for (RunModel model : store.runModels(runId)) {
			List<StoredBreach> own = new ArrayList<>(
					breaches.stream().filter((breach) -> breach.modelVersionId() == model.id()).toList());
			own.sort((a, b) -> a.period().compareTo(b.period()));
			models.add(new ModelSummary(model, monthlyByModel.getOrDefault(model.id(), new TreeMap<>()),
					verdictsByModel.getOrDefault(model.id(), new LinkedHashMap<>()),
					wholeByModel.getOrDefault(model.id(), new HashMap<>()), own, thresholds.get(model.id())));
		}
		return new RunSummary(run, models, store.partitions(runId));
	}

}
