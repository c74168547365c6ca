package io.ratchet.promotion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.ModelVersion;
import io.ratchet.requirement.Breach;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunRecord;
import io.ratchet.run.StoredBreach;

import org.springframework.stereotype.Component;

/**
 * Conditions (b) of the gate: the candidate's stored figures of the evidence back-test
 * and of the latest now-test checked again against the <em>current</em> requirements,
 * together with the breaches those runs stored.
 */
@Component
class RequirementConditions {

	private final ResultsStore results;

	private final PromotionStore store;

	RequirementConditions(ResultsStore results, PromotionStore store) {
		this.results = results;
		this.store = store;
	}

	/** (b) no breach of the candidate in any period of the evidence run. */
	ConditionResult backtest(RunRecord run, RunModel scored, ModelVersion candidate, DatasetRequirements requirements) {
		Map<String, String> breaches = new LinkedHashMap<>();
		int periods = 0;
		int insufficient = 0;
		for (Map.Entry<String, Map<MetricId, Double>> period : this.store.figures(run.id(), scored.id()).entrySet()) {
			periods++;
			boolean whole = ResultsStore.ALL.equals(period.getKey());
			insufficient += check(requirements, candidate, period.getKey(), whole, period.getValue(), breaches);
		}
		storedBreaches(run.id(), scored.id(), breaches);
		String what = "back-test run " + run.id() + " (" + run.fromPeriod() + ".." + run.toPeriod() + ")";
		return Gate.requirements(GateCondition.BACKTEST_REQUIREMENTS, what, List.copyOf(breaches.values()), periods,
				insufficient);
	}

	/**
	 * (b) no breach of the candidate in the latest now-test that scored it (its window
	 * against the monthly bounds).
	 * @param nowtests the now-tests that scored it, newest first
	 */
	ConditionResult nowtest(List<Gate.ShadowRun> nowtests, ModelVersion candidate, DatasetRequirements requirements) {
		if (nowtests.isEmpty()) {
			return ConditionResult.fail(GateCondition.NOWTEST_REQUIREMENTS,
					"no now-test has scored " + candidate.key() + " yet");
		}
		Gate.ShadowRun latest = nowtests.get(0);
		long modelId = this.results.runModels(latest.runId())
			.stream()
			.filter((model) -> model.key().equals(candidate.key()))
			.findFirst()
			.orElseThrow()
			.id();
		Map<String, String> breaches = new LinkedHashMap<>();
		int insufficient = 0;
		Map<MetricId, Double> window = this.store.figures(latest.runId(), modelId).get(ResultsStore.ALL);
		if (window != null) {
			insufficient += check(requirements, candidate, ResultsStore.ALL, false, window, breaches);
		}
		storedBreaches(latest.runId(), modelId, breaches);
		return Gate.requirements(GateCondition.NOWTEST_REQUIREMENTS,
				"latest now-test run " + latest.runId() + " (as of " + latest.asOf() + ")",
				List.copyOf(breaches.values()), 1, insufficient);
	}

	/**
	 * Checks one period's figures, adding its breaches; 1 when it has too little data to
	 * tell, else 0.
	 */
	private static int check(DatasetRequirements requirements, ModelVersion candidate, String period, boolean whole,
			Map<MetricId, Double> figures, Map<String, String> breaches) {
		CheckResult check = RequirementCheck.check(requirements, candidate.name(), period, whole,
				MetricValues.of(figures));
		check.breaches().forEach((breach) -> breaches.putIfAbsent(key(breach), label(breach)));
		return (check.verdict() == Verdict.INSUFFICIENT_DATA) ? 1 : 0;
	}

	private void storedBreaches(long runId, long modelId, Map<String, String> breaches) {
		for (StoredBreach stored : this.results.breaches(runId)) {
			if (stored.modelVersionId() != modelId) {
				continue;
			}
			String key = stored.period().strip() + " " + stored.metric() + " " + stored.boundKind();
			breaches.putIfAbsent(key, stored.period().strip() + " " + stored.metric() + " "
					+ String.format(Locale.ROOT, "%.4f", stored.value())
					+ ("MIN".equals(stored.boundKind()) ? " < " : " > ") + RequirementsRatchet.plain(stored.bound()));
		}
	}

	private static String key(Breach breach) {
		return breach.period() + " " + breach.metric().key() + " " + breach.kind().name();
	}

	private static String label(Breach breach) {
		return breach.period() + " " + breach.describe();
	}

}
