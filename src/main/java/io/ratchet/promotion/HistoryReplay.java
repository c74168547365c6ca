package io.ratchet.promotion;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.ratchet.metrics.MetricValues;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.ResultsStore;

/**
 * Replays bounds over the stored history: each completed run's champion figures checked again. A back-test's months
 * take the monthly bounds and its whole period the period bounds; a now-test's window (stored as the whole period)
 * takes the monthly bounds, as the now-test itself does. Periods with too few rows are not judged.
 */
final class HistoryReplay {

	private HistoryReplay() {
	}

	static ReplayCount replay(List<PromotionStore.ChampionFigures> history, DatasetRequirements before,
			DatasetRequirements after) {
		Set<Long> runs = new HashSet<>();
		Set<Long> alerting = new HashSet<>();
		Set<Long> alertingBefore = new HashSet<>();
		int periods = 0;
		for (PromotionStore.ChampionFigures figures : history) {
			runs.add(figures.runId());
			if (breaches(after, figures)) {
				alerting.add(figures.runId());
				periods++;
			}
			if (breaches(before, figures)) {
				alertingBefore.add(figures.runId());
			}
		}
		return new ReplayCount(runs.size(), alerting.size(), periods, alertingBefore.size());
	}

	private static boolean breaches(DatasetRequirements requirements, PromotionStore.ChampionFigures figures) {
		boolean whole = ResultsStore.ALL.equals(figures.period()) && !"nowtest".equals(figures.jobName());
		return RequirementCheck.check(requirements, figures.modelName(), figures.period(), whole,
				new MetricValues(figures.values())).verdict() == Verdict.BREACH;
	}

}
