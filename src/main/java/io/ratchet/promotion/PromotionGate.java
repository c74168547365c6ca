package io.ratchet.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import io.ratchet.data.DatasetConfig;
import io.ratchet.metrics.Metric;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelCasesException;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.ModelVersion;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunRecord;
import io.ratchet.system.RatchetDefaults;
import io.ratchet.workspace.MonthSources;
import io.ratchet.workspace.Workspace;

import org.springframework.stereotype.Service;

/**
 * The promotion gate: judges a candidate against the dataset's champion and gives a
 * {@link GateDecision}, one {@link ConditionResult} per {@link GateCondition}.
 * {@code jobs/promote} and the challenge job use it; nothing is written.
 *
 * <p>
 * Everything is read from stored runs and the workspace's files: the evidence run's
 * months are read again from the month files and scored by both models to pair the rows,
 * so the gate can be applied by hand at any time.
 */
@Service
public class PromotionGate {

	private final PromotionLookup lookup;

	private final RequirementConditions requirementConditions;

	private final Workspace workspace;

	private final ResultsStore results;

	private final PromotionStore store;

	private final PromotionProperties properties;

	private final RatchetDefaults defaults;

	private final MonthSources monthSources;

	PromotionGate(PromotionLookup lookup, RequirementConditions requirementConditions, Workspace workspace,
			ResultsStore results, PromotionStore store, PromotionProperties properties, RatchetDefaults defaults,
			MonthSources monthSources) {
		this.monthSources = monthSources;
		this.lookup = lookup;
		this.requirementConditions = requirementConditions;
		this.workspace = workspace;
		this.results = results;
		this.store = store;
		this.properties = properties;
		this.defaults = defaults;
	}

	/** The settings that apply to a dataset (e.g. whether automatic promotion is on). */
	public PromotionSettings settings(String dataset) {
		return this.lookup.settings(dataset);
	}

	/**
	 * Applies the gate to a candidate with the given evidence run (a back-test or
	 * challenge run that scored the champion and the candidate over the same months).
	 * @throws PromotionException (nothing changed) for an unknown dataset or version, a
	 * model of another dataset, a candidate that is already champion, or a run that did
	 * not score both models
	 */
	public GateDecision evaluate(String dataset, String candidateKey, long evidenceRunId) {
		DatasetConfig config = this.lookup.dataset(dataset);
		ModelVersion candidate = this.lookup.version(dataset, candidateKey);
		String championKey = this.lookup.champion(dataset, candidateKey);
		ModelVersion champion = this.lookup.version(dataset, championKey);
		RunRecord run = this.lookup.evidenceRun(dataset, evidenceRunId);
		RunModel candidateRun = this.lookup.scored(run, candidate);
		this.lookup.scored(run, champion);
		PromotionSettings settings = this.properties.forDataset(config);
		DatasetRequirements requirements = this.workspace.requirements().forDatasetOrNone(dataset);

		List<ConditionResult> conditions = new ArrayList<>();
		conditions.add(regressionCases(candidate, config));
		conditions.add(this.requirementConditions.backtest(run, candidateRun, candidate, requirements));
		List<Gate.ShadowRun> nowtests = this.store.nowtests(dataset, candidateKey);
		conditions.add(this.requirementConditions.nowtest(nowtests, candidate, requirements));

		List<String> months = this.results.partitions(evidenceRunId)
			.stream()
			.map((p) -> p.period().strip())
			.filter((period) -> !ResultsStore.ALL.equals(period))
			.toList();
		PairedRows rows = PairedScoring.score(this.monthSources.of(config), this.workspace.datasetDir(dataset), months,
				champion, candidate, evidenceRunId);
		// each model judged at its own decision threshold (its file's, or the default)
		RowMetric championMetric = new RowMetric(config.task(), settings.primaryMetric(),
				champion.thresholdOr(this.defaults.threshold()), config.valueMatrix());
		RowMetric candidateMetric = championMetric.at(candidate.thresholdOr(this.defaults.threshold()));
		Comparison comparison = null;
		try {
			comparison = (settings.primaryMetric() == Metric.ROC_AUC)
					? DeLong.compare(rows.labels(), rows.champion(), rows.candidate()) : PairedBootstrap
						.compare(championMetric, candidateMetric, rows, settings.resamples(), settings.seed());
			conditions.add(Gate.primaryMetric(comparison, settings.margin()));
		}
		catch (IllegalArgumentException ex) {
			conditions.add(ConditionResult.fail(GateCondition.PRIMARY_METRIC,
					"cannot compare " + settings.primaryMetric().key() + " over the " + rows.size() + " rows of run "
							+ evidenceRunId + ": " + ex.getMessage()));
		}
		conditions.add(Gate.monthlyTolerance(settings.primaryMetric().key(),
				monthDifferences(championMetric, candidateMetric, rows), settings.monthlyTolerance()));
		conditions.add(nowtests.isEmpty() ? Gate.noShadow(settings.shadowRuns())
				: Gate.shadow(nowtests, settings.shadowRuns()));
		List<Long> nowtestIds = nowtests.stream()
			.limit(Math.max(1, settings.shadowRuns()))
			.map(Gate.ShadowRun::runId)
			.toList();
		return new GateDecision(dataset, candidateKey, championKey, evidenceRunId, nowtestIds, conditions, comparison);
	}

	/**
	 * As {@link #evaluate(String, String, long)}, with the latest run that scored the
	 * champion and the candidate.
	 */
	public GateDecision evaluate(String dataset, String candidateKey) {
		this.lookup.dataset(dataset);
		this.lookup.version(dataset, candidateKey);
		String championKey = this.lookup.champion(dataset, candidateKey);
		long runId = this.store.latestEvidenceRun(dataset, championKey, candidateKey)
			.orElseThrow(() -> new PromotionException(
					"no completed back-test of dataset \"" + dataset + "\" scored both the champion " + championKey
							+ " and " + candidateKey + "; run jobs/backtest --dataset " + dataset + " first"));
		return evaluate(dataset, candidateKey, runId);
	}

	/** (a) the candidate's regression cases. */
	private static ConditionResult regressionCases(ModelVersion candidate, DatasetConfig config) {
		try {
			return Gate.regressionCases(ModelCases.check(candidate, config), null);
		}
		catch (ModelCasesException | ModelFileException ex) {
			return Gate.regressionCases(null, ex.getMessage());
		}
	}

	/**
	 * (c) per month of the evidence, the candidate's figure against the champion's,
	 * oriented so positive is better.
	 */
	private static List<Gate.MonthDifference> monthDifferences(RowMetric championMetric, RowMetric candidateMetric,
			PairedRows rows) {
		List<Gate.MonthDifference> months = new ArrayList<>();
		double sign = championMetric.sign();
		for (int m = 0; m < rows.months().length; m++) {
			PairedRows month = rows.monthRows(m);
			OptionalDouble champion = championMetric.of(month.labels(), month.champion());
			OptionalDouble candidate = candidateMetric.of(month.labels(), month.candidate());
			if (champion.isPresent() && candidate.isPresent()) {
				months.add(new Gate.MonthDifference(rows.months()[m], champion.getAsDouble(), candidate.getAsDouble(),
						sign * (candidate.getAsDouble() - champion.getAsDouble())));
			}
		}
		return months;
	}

}
