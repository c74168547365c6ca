package io.ratchet.promotion;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.ratchet.metrics.MetricValues;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.FigureReads;
import io.ratchet.run.JobKind;

/**
 * Replays bounds over the stored history: each completed run's champion figures checked
 * again. A back-test's months take the monthly bounds and its whole period the period
 * bounds; a now-test's window (stored as the whole period) takes the monthly bounds, as
 * the now-test itself does. Periods with too few rows are not judged.
 */
final class HistoryReplay {

	private HistoryReplay() {
	}

	static ReplayCount replay(List<FigureReads.ChampionFigures> history, DatasetRequirements before,
			DatasetRequirements after) {
		Set<Long> runs = new HashSet<>();
		Set<Long> alerting = new HashSet<>();
		Set<Long> alertingBefore = new HashSet<>();
		int periods = 0;
		for (FigureReads.ChampionFigures figures : history) {
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

	private static boolean breaches(DatasetRequirements requirements, FigureReads.ChampionFigures figures) {
		boolean whole = figures.period().isAll() && !JobKind.NOWTEST.is(figures.jobName());
		return RequirementCheck
			.check(requirements, figures.modelName(), figures.period().value(), whole,
					MetricValues.of(figures.values()))
			.verdict() == Verdict.BREACH;
	}

}
