package io.ratchet.challenge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.ratchet.data.DatasetConfig;
import io.ratchet.metrics.Metric;
import io.ratchet.model.RegistryWriter;
import io.ratchet.promotion.ConditionResult;
import io.ratchet.promotion.GateCondition;
import io.ratchet.promotion.GateDecision;
import io.ratchet.promotion.Promotion;
import io.ratchet.promotion.PromotionException;
import io.ratchet.promotion.PromotionGate;
import io.ratchet.promotion.PromotionOutcome;
import io.ratchet.promotion.PromotionProperties;
import io.ratchet.promotion.PromotionSettings;
import io.ratchet.promotion.RatchetProposal;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.StoredMetric;
import io.ratchet.system.Failures;
import io.ratchet.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Ranks the new candidates by the dataset's primary metric over the evaluation months
 * (from the evaluation back-test's whole-period figures), keeps the best
 * {@code ratchet.challenge.keep} in the registry and retires the others, then puts the
 * kept ones, and the candidates of earlier challenges still in trial, to the promotion
 * gate. A candidate that passes is promoted when {@code auto} is set for the dataset;
 * otherwise the run reports it eligible. A candidate whose only missing conditions are
 * its trial (shadow now-tests not yet run) is "eligible, waiting".
 */
class ChallengeRankTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ChallengeRankTasklet.class);

	/** Conditions a candidate cannot meet before its trial has run. */
	private static final Set<GateCondition> TRIAL = EnumSet.of(GateCondition.SHADOW_RUNS,
			GateCondition.NOWTEST_REQUIREMENTS);

	private final Workspace workspace;

	private final ResultsStore results;

	private final ChallengeStore store;

	private final PromotionGate promotionGate;

	private final Promotion promotion;

	private final PromotionProperties promotionProperties;

	private final ChallengeProperties properties;

	private final JobRepository jobRepository;

	ChallengeRankTasklet(Workspace workspace, ResultsStore results, ChallengeStore store, PromotionGate promotionGate,
			Promotion promotion, PromotionProperties promotionProperties, ChallengeProperties properties,
			JobRepository jobRepository) {
		this.workspace = workspace;
		this.results = results;
		this.store = store;
		this.promotionGate = promotionGate;
		this.promotion = promotion;
		this.promotionProperties = promotionProperties;
		this.properties = properties;
		this.jobRepository = jobRepository;
	}

	/** A gate decision as the challenge reads it. */
	record Judged(String key, String decision, GateDecision gate, String failed) {

		boolean passed() {
			return "PASSED".equals(this.decision);
		}

		double advantage() {
			return (this.gate != null && this.gate.comparison() != null) ? this.gate.comparison().difference()
					: Double.NEGATIVE_INFINITY;
		}

	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		long runId = job.getJobInstance().getInstanceId();
		ChallengeParameters parameters = ChallengeParameters.from(job.getJobParameters());
		ChallengeContext context = ChallengeContext.of(job);
		DatasetConfig dataset = this.workspace.dataset(parameters.dataset());
		PromotionSettings settings = this.promotionProperties.forDataset(dataset);
		Metric metric = settings.primaryMetric();
		long evaluationRunId = EvaluationRun.runId(this.jobRepository, job);
		this.store.evaluated(runId, evaluationRunId);
		this.store.primaryMetric(runId, metric.key());

		List<String> ranked = rank(runId, evaluationRunId, context, metric);
		List<String> kept = ranked.subList(0, Math.min(this.properties.keep(), ranked.size()));
		for (String key : ranked.subList(kept.size(), ranked.size())) {
			retire(runId, dataset.name(), key, "RETIRED", "not among the best " + this.properties.keep());
		}
		List<Judged> judged = new ArrayList<>();
		for (String key : kept) {
			Judged decision = judge(dataset.name(), key, evaluationRunId, settings);
			record(runId, decision);
			this.store.registryStatus(runId, key, "KEPT");
			judged.add(decision);
		}
		List<String> earlier = this.store.keptEarlier(dataset.name(), runId)
			.stream()
			.filter(this.workspace.registry().candidates(dataset.name())::contains)
			.filter((key) -> !ranked.contains(key))
			.distinct()
			.toList();
		for (String key : earlier) {
			Judged decision = judge(dataset.name(), key, null, settings);
			if (decision.passed() || "WAITING".equals(decision.decision())) {
				judged.add(decision);
			}
			else {
				log.info("challenge run {}: {} of an earlier challenge is refused by the gate and retired: {}", runId,
						key, decision.failed());
				RegistryWriter.removeCandidate(this.workspace.registry().file(), dataset.name(), key);
				this.store.registryStatusEverywhere(key, "RETIRED");
			}
		}
		decide(runId, dataset.name(), judged, settings);
		return RepeatStatus.FINISHED;
	}

	/**
	 * The new candidates best first by the primary metric; candidates without a figure
	 * come last.
	 */
	private List<String> rank(long runId, long evaluationRunId, ChallengeContext context, Metric metric) {
		Map<Long, String> keys = new HashMap<>();
		for (RunModel model : this.results.runModels(evaluationRunId)) {
			keys.put(model.id(), model.key());
		}
		Map<String, Double> values = new HashMap<>();
		for (StoredMetric value : this.results.metricValues(evaluationRunId)) {
			if (ResultsStore.ALL.equals(value.period()) && value.metric() == metric && value.value() != null) {
				values.put(keys.get(value.modelVersionId()), value.value());
			}
		}
		double sign = (metric.direction() == Metric.Direction.LOWER_IS_BETTER) ? -1 : 1;
		List<String> ranked = new ArrayList<>(context.candidates());
		ranked.sort(Comparator
			.comparingDouble(
					(String key) -> values.containsKey(key) ? -sign * values.get(key) : Double.POSITIVE_INFINITY)
			.thenComparing(Comparator.naturalOrder()));
		Double champion = values.get(context.champion());
		for (int i = 0; i < ranked.size(); i++) {
			this.store.ranked(runId, ranked.get(i), i + 1, values.get(ranked.get(i)), champion);
		}
		return ranked;
	}

	/**
	 * The gate's decision, read as PASSED, WAITING (only the trial is missing: no
	 * now-test scored it yet, or fewer shadow runs than required) or REFUSED.
	 * @param evidenceRunId the evaluation back-test, or {@code null} for the gate's own
	 * latest evidence
	 */
	private Judged judge(String dataset, String key, Long evidenceRunId, PromotionSettings settings) {
		GateDecision gate;
		try {
			gate = (evidenceRunId != null) ? this.promotionGate.evaluate(dataset, key, evidenceRunId)
					: this.promotionGate.evaluate(dataset, key);
		}
		catch (PromotionException ex) {
			return new Judged(key, "REFUSED", null, Failures.describe(ex));
		}
		if (gate.passed()) {
			return new Judged(key, "PASSED", gate, null);
		}
		List<ConditionResult> failures = gate.failures();
		String failed = failures.stream().map(ConditionResult::describe).collect(Collectors.joining("; "));
		int shadowRuns = this.store.nowtestsScoring(key);
		boolean trialOnly = failures.stream().allMatch((failure) -> TRIAL.contains(failure.condition()))
				&& shadowRuns < Math.max(1, settings.shadowRuns()) && this.store.nowtestBreaches(key) == 0;
		return new Judged(key, trialOnly ? "WAITING" : "REFUSED", gate, failed);
	}

	private void record(long runId, Judged judged) {
		Double low = (judged.gate() != null && judged.gate().comparison() != null) ? judged.gate().comparison().lower()
				: null;
		Double high = (judged.gate() != null && judged.gate().comparison() != null) ? judged.gate().comparison().upper()
				: null;
		this.store.decided(runId, judged.key(), judged.decision(), low, high, judged.failed());
	}

	private void retire(long runId, String dataset, String key, String status, String why) {
		RegistryWriter.removeCandidate(this.workspace.registry().file(), dataset, key);
		this.store.registryStatus(runId, key, status);
		this.store.decided(runId, key, status, null, null, why);
	}

	/**
	 * Promotes the best passing candidate when auto is on; records the run's outcome in
	 * any case.
	 */
	private void decide(long runId, String dataset, List<Judged> judged, PromotionSettings settings) {
		Judged best = judged.stream()
			.filter(Judged::passed)
			.max(Comparator.comparingDouble(Judged::advantage))
			.orElse(null);
		if (best != null && settings.auto()) {
			PromotionOutcome outcome = this.promotion.promote(dataset, best.key(), best.gate(),
					"challenge run " + runId, "automatic promotion by challenge run " + runId
							+ " (ratchet.promotion auto): every gate condition passed",
					false);
			this.store.registryStatusEverywhere(best.key(), "PROMOTED");
			RatchetProposal ratchet = outcome.ratchet();
			if (ratchet != null) {
				this.store.ratchet(runId,
						ratchet.changesAnything()
								? "Requirements raised to " + best.key() + "'s back-test (run "
										+ ratchet.evidenceRunId() + ", tolerance " + ratchet.tolerance() + "); "
										+ ratchet.replay().describe() + ":\n" + ratchet.diff()
								: "Requirements unchanged: every bound is already at least as tight as " + best.key()
										+ "'s back-test.");
			}
			this.store.outcome(runId, "PROMOTED", best.key(), best.key() + " promoted; previous champion "
					+ outcome.previousChampion() + "; " + best.gate().comparison().describe());
			return;
		}
		if (best != null) {
			this.store.outcome(runId, "ELIGIBLE", best.key(),
					best.key() + " passes every gate condition; automatic" + " promotion is off for " + dataset
							+ ": promote it with jobs/promote " + dataset + " " + best.key().replace('@', ' '));
			return;
		}
		Judged waiting = judged.stream()
			.filter((j) -> "WAITING".equals(j.decision()))
			.max(Comparator.comparingDouble(Judged::advantage))
			.orElse(null);
		if (waiting != null) {
			this.store.outcome(runId, "WAITING", waiting.key(), waiting.key() + " is eligible, waiting for its trial ("
					+ settings.shadowRuns() + " nightly now-tests): " + waiting.failed());
			return;
		}
		Judged first = judged.isEmpty() ? null : judged.get(0);
		this.store.outcome(runId, "NOT_ELIGIBLE", (first != null) ? first.key() : null,
				(first != null)
						? "no candidate passes the gate; the best, " + first.key() + ", fails: " + first.failed()
						: "no candidate");
	}

}
