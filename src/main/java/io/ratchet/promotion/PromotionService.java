package io.ratchet.promotion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import io.ratchet.backtest.BacktestProperties;
import io.ratchet.data.AtomicFiles;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigException;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.CaseCheck;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelCasesException;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.ModelRegistry;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.RegistryWriter;
import io.ratchet.requirement.Breach;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.requirement.Requirements;
import io.ratchet.requirement.RequirementsException;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunRecord;
import io.ratchet.run.StoredBreach;
import io.ratchet.system.Workspace;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The promotion gate, promotions, rollbacks and the ratchet of requirements, with their audit. The commands
 * {@code jobs/promote}, {@code jobs/history} and {@code jobs/rollback} and the challenge job use it.
 *
 * <p>
 * Everything is read from stored runs and the workspace's files: the evidence run's months are read again from the
 * month files and scored by both models to pair the rows, so the gate can be applied by hand at any time. A promotion
 * writes {@code registry.yml} and {@code requirements.yml} (each atomically) and records its events in one
 * transaction; when any step fails, both files are put back as they were and nothing is recorded.
 */
@Service
public class PromotionService {

	private final Workspace workspace;

	private final ResultsStore results;

	private final PromotionStore store;

	private final PromotionProperties properties;

	private final BacktestProperties backtest;

	private final TransactionTemplate transaction;

	PromotionService(Workspace workspace, ResultsStore results, PromotionStore store, PromotionProperties properties,
			BacktestProperties backtest, TransactionTemplate transaction) {
		this.workspace = workspace;
		this.results = results;
		this.store = store;
		this.properties = properties;
		this.backtest = backtest;
		this.transaction = transaction;
	}

	/** The settings that apply to a dataset (e.g. whether automatic promotion is on). */
	public PromotionSettings settings(String dataset) {
		return this.properties.forDataset(dataset, datasetConfig(dataset).task());
	}

	/**
	 * Applies the gate to a candidate with the given evidence run (a back-test or challenge run that scored the
	 * champion and the candidate over the same months).
	 * @throws PromotionException (nothing changed) for an unknown dataset or version, a model of another dataset, a
	 * candidate that is already champion, or a run that did not score both models
	 */
	public GateDecision evaluate(String dataset, String candidateKey, long evidenceRunId) {
		DatasetConfig config = datasetConfig(dataset);
		ModelVersion candidate = version(dataset, candidateKey);
		String championKey = champion(dataset, candidateKey);
		ModelVersion champion = version(dataset, championKey);
		RunRecord run = this.results.run(evidenceRunId)
			.orElseThrow(() -> new PromotionException("there is no run " + evidenceRunId));
		if (!run.dataset().equals(dataset) || !PromotionStore.EVIDENCE_JOBS.contains(run.jobName())
				|| !"COMPLETED".equals(run.status())) {
			throw new PromotionException("run " + evidenceRunId + " is a " + run.status().toLowerCase(Locale.ROOT)
					+ " " + run.jobName() + " of dataset \"" + run.dataset() + "\", not a completed back-test of \""
					+ dataset + "\"");
		}
		RunModel candidateRun = scored(run, candidate);
		RunModel championRun = scored(run, champion);
		PromotionSettings settings = this.properties.forDataset(dataset, config.task());
		DatasetRequirements requirements = this.workspace.requirements().forDatasetOrNone(dataset);

		List<ConditionResult> conditions = new ArrayList<>();
		conditions.add(regressionCases(candidate, config));
		conditions.add(backtestRequirements(run, candidateRun, candidate, requirements));
		List<Gate.ShadowRun> nowtests = this.store.nowtests(dataset, candidateKey);
		conditions.add(nowtestRequirements(nowtests, candidate, requirements));

		List<String> months = this.results.partitions(evidenceRunId).stream().map((p) -> p.period().strip())
			.filter((period) -> !ResultsStore.ALL.equals(period)).toList();
		PairedRows rows = PairedScoring.score(config, this.workspace.datasetDir(dataset), months, champion, candidate,
				evidenceRunId);
		RowMetric metric = new RowMetric(config.task(), settings.primaryMetric(), this.backtest.threshold());
		Comparison comparison = null;
		try {
			comparison = (settings.primaryMetric() == Metric.ROC_AUC)
					? DeLong.compare(rows.labels(), rows.champion(), rows.candidate())
					: PairedBootstrap.compare(metric, rows, settings.resamples(), settings.seed());
			conditions.add(Gate.primaryMetric(comparison, settings.margin()));
		}
		catch (IllegalArgumentException ex) {
			conditions.add(ConditionResult.fail(GateCondition.PRIMARY_METRIC, "cannot compare "
					+ settings.primaryMetric().key() + " over the " + rows.size() + " rows of run " + evidenceRunId
					+ ": " + ex.getMessage()));
		}
		conditions.add(Gate.monthlyTolerance(metric.metric().key(), monthDifferences(metric, rows),
				settings.monthlyTolerance()));
		conditions.add(nowtests.isEmpty() ? Gate.noShadow(settings.shadowRuns())
				: Gate.shadow(nowtests, settings.shadowRuns()));
		List<Long> nowtestIds = nowtests.stream().limit(Math.max(1, settings.shadowRuns()))
			.map(Gate.ShadowRun::runId).toList();
		return new GateDecision(dataset, candidateKey, championKey, evidenceRunId, nowtestIds, conditions,
				comparison);
	}

	/** As {@link #evaluate(String, String, long)}, with the latest run that scored the champion and the candidate. */
	public GateDecision evaluate(String dataset, String candidateKey) {
		datasetConfig(dataset);
		version(dataset, candidateKey);
		String championKey = champion(dataset, candidateKey);
		long runId = this.store.latestEvidenceRun(dataset, championKey, candidateKey)
			.orElseThrow(() -> new PromotionException("no completed back-test of dataset \"" + dataset
					+ "\" scored both the champion " + championKey + " and " + candidateKey
					+ "; run jobs/backtest --dataset " + dataset + " first"));
		return evaluate(dataset, candidateKey, runId);
	}

	/**
	 * Makes the candidate champion (the previous champion becomes the first candidate), records the event, then
	 * raises the requirements to the new champion's back-test level and records that too.
	 * @param decision the gate's decision for this candidate
	 * @param actor who promotes
	 * @param reason why; required when {@code forced}
	 * @param forced override a refusing gate
	 * @throws PromotionException (nothing changed) when the decision refuses and it is not forced, when forced
	 * without a reason, or when the decision is for another candidate or dataset
	 */
	public PromotionOutcome promote(String dataset, String candidateKey, GateDecision decision, String actor,
			String reason, boolean forced) {
		if (!decision.dataset().equals(dataset) || !decision.candidate().equals(candidateKey)) {
			throw new PromotionException("the gate decision is for " + decision.candidate() + " on \""
					+ decision.dataset() + "\", not " + candidateKey + " on \"" + dataset + "\"");
		}
		if (forced && (reason == null || reason.isBlank())) {
			throw new PromotionException("a forced promotion needs a reason (--reason \"...\"); nothing was changed");
		}
		if (!forced && !decision.passed()) {
			throw new PromotionException("the gate refused " + candidateKey + ": " + String.join("; ",
					decision.failures().stream().map(ConditionResult::describe).toList()));
		}
		if (actor == null || actor.isBlank()) {
			throw new PromotionException("a promotion needs an actor (--by NAME)");
		}
		String current = champion(dataset, candidateKey);
		if (!current.equals(decision.champion())) {
			throw new PromotionException("the champion of \"" + dataset + "\" is now " + current + ", not "
					+ decision.champion() + " as when the gate decided; apply the gate again");
		}
		RequirementsRatchet.Edit edit = ratchetEdit(dataset, candidateKey, decision.evidenceRunId());
		RatchetProposal ratchet = proposal(dataset, candidateKey, decision.evidenceRunId(), edit);
		Path registryFile = this.workspace.paths().config().resolve("registry.yml");
		Path requirementsFile = requirementsFile();
		byte[] registryBefore = bytes(registryFile);
		byte[] requirementsBefore = bytes(requirementsFile);
		try {
			RegistryWriter.promote(registryFile, dataset, candidateKey);
			if (ratchet.changesAnything()) {
				writeAtomically(requirementsFile, edit.text());
			}
			return this.transaction.execute((status) -> {
				long eventId = this.store.record(forced ? EventKind.FORCED_PROMOTE : EventKind.PROMOTE, dataset,
						candidateKey, current, actor, blankToNull(reason), decision.evidenceRunIds(),
						decision.describe(), null);
				Long ratchetId = null;
				if (ratchet.changesAnything()) {
					ratchetId = this.store.record(EventKind.RATCHET, dataset, candidateKey, current, actor,
							"requirements raised after promotion event " + eventId,
							List.of(decision.evidenceRunId()), describe(ratchet), null);
				}
				return new PromotionOutcome(eventId, ratchetId, current, candidateKey, forced, ratchet);
			});
		}
		catch (RuntimeException ex) {
			restore(registryFile, registryBefore);
			restore(requirementsFile, requirementsBefore);
			throw ex;
		}
	}

	/** The bounds a champion's back-test would set, with the diff and the replay, without writing anything. */
	public RatchetProposal proposeRatchet(String dataset, String championKey, long evidenceRunId) {
		return proposal(dataset, championKey, evidenceRunId, ratchetEdit(dataset, championKey, evidenceRunId));
	}

	private RatchetProposal proposal(String dataset, String championKey, long evidenceRunId,
			RequirementsRatchet.Edit edit) {
		DatasetRequirements before = this.workspace.requirements().forDatasetOrNone(dataset);
		ReplayCount replay = HistoryReplay.replay(this.store.championFigures(dataset), before, edit.requirements());
		return new RatchetProposal(dataset, championKey, evidenceRunId, settings(dataset).ratchetTolerance(),
				edit.changes(), edit.diff(), replay);
	}

	/**
	 * Restores the champion before the latest promotion of the dataset, and records it. Requirements are not loosened.
	 * @throws PromotionException when the dataset has no promotion to undo
	 */
	public RollbackOutcome rollback(String dataset, String actor, String reason) {
		datasetConfig(dataset);
		if (actor == null || actor.isBlank()) {
			throw new PromotionException("a rollback needs an actor (--by NAME)");
		}
		PromotionEvent last = this.store.lastPromotionNotUndone(dataset)
			.orElseThrow(() -> new PromotionException("dataset \"" + dataset
					+ "\" has no recorded promotion to roll back; nothing was changed"));
		String current = this.workspace.registry().champion(dataset).orElse(null);
		if (!last.modelKey().equals(current)) {
			throw new PromotionException("the champion of \"" + dataset + "\" is " + current + ", not "
					+ last.modelKey() + " which promotion event " + last.id() + " made champion; the registry was"
					+ " changed by hand, so nothing was changed");
		}
		if (last.previousChampion() == null) {
			throw new PromotionException("promotion event " + last.id() + " had no previous champion to restore");
		}
		version(dataset, last.previousChampion());
		Path registryFile = this.workspace.paths().config().resolve("registry.yml");
		byte[] registryBefore = bytes(registryFile);
		try {
			RegistryWriter.promote(registryFile, dataset, last.previousChampion());
			long id = this.transaction.execute((status) -> this.store.record(EventKind.ROLLBACK, dataset,
					last.previousChampion(), current, actor, blankToNull(reason), last.evidenceRunIds(),
					"rolls back promotion event " + last.id() + " (" + last.kind() + " of " + last.modelKey() + " on "
							+ last.at() + "); requirements were not loosened",
					last.id()));
			return new RollbackOutcome(id, last.previousChampion(), current, last.id());
		}
		catch (RuntimeException ex) {
			restore(registryFile, registryBefore);
			throw ex;
		}
	}

	/** The dataset's champion in {@code registry.yml} now, if it has one. */
	public java.util.Optional<String> currentChampion(String dataset) {
		datasetConfig(dataset);
		return this.workspace.registry().champion(dataset);
	}

	/** Every audit event of a dataset, oldest first. */
	public List<PromotionEvent> history(String dataset) {
		return this.store.events(dataset);
	}

	/**
	 * Which version had the champion role in the dataset's stored runs: one spell per run of consecutive runs with the
	 * same champion, oldest first.
	 */
	public List<ChampionSpell> championSpells(String dataset) {
		List<ChampionSpell> spells = new ArrayList<>();
		for (PromotionStore.ChampionRun run : this.store.championRuns(dataset)) {
			ChampionSpell last = spells.isEmpty() ? null : spells.get(spells.size() - 1);
			if (last != null && last.champion().equals(run.champion())) {
				spells.set(spells.size() - 1, new ChampionSpell(last.champion(), last.firstRunId(), run.runId(),
						last.from(), run.startedAt(), last.runs() + 1));
			}
			else {
				spells.add(new ChampionSpell(run.champion(), run.runId(), run.runId(), run.startedAt(), run.startedAt(),
						1));
			}
		}
		return spells;
	}

	/**
	 * A stretch of stored runs with the same champion.
	 * @param champion the champion's key
	 * @param firstRunId the first run
	 * @param lastRunId the last run
	 * @param from the first run's start
	 * @param to the last run's start
	 * @param runs how many runs
	 */
	public record ChampionSpell(String champion, long firstRunId, long lastRunId, LocalDateTime from,
			LocalDateTime to, int runs) {
	}

	private RequirementsRatchet.Edit ratchetEdit(String dataset, String championKey, long evidenceRunId) {
		RunRecord run = this.results.run(evidenceRunId)
			.orElseThrow(() -> new PromotionException("there is no run " + evidenceRunId));
		ModelVersion champion = version(dataset, championKey);
		RunModel scored = scored(run, champion);
		Path file = requirementsFile();
		String text = Files.exists(file) ? new String(bytes(file), StandardCharsets.UTF_8) : "";
		DatasetRequirements current;
		try {
			current = Requirements.load(file).forDatasetOrNone(dataset);
		}
		catch (RequirementsException ex) {
			throw new PromotionException(ex.getMessage(), ex);
		}
		Map<Metric, Double> lowest = new EnumMap<>(Metric.class);
		Map<Metric, Double> highest = new EnumMap<>(Metric.class);
		Map<Metric, Double> whole = new EnumMap<>(Metric.class);
		this.store.figures(evidenceRunId, scored.id()).forEach((period, values) -> {
			long n = values.getOrDefault(Metric.N, 0.0).longValue();
			if (n == 0 || n < current.minRows()) {
				return;
			}
			if (ResultsStore.ALL.equals(period)) {
				whole.putAll(values);
				return;
			}
			values.forEach((metric, value) -> {
				lowest.merge(metric, value, Math::min);
				highest.merge(metric, value, Math::max);
			});
		});
		return RequirementsRatchet.propose(text, file, current, new RequirementsRatchet.Level(lowest, highest, whole),
				settings(dataset).ratchetTolerance());
	}

	private static String describe(RatchetProposal ratchet) {
		StringBuilder text = new StringBuilder();
		ratchet.changes().forEach((change) -> text.append(String.format(Locale.ROOT,
				"%s %s %s: %s -> %s (champion %.4f, tolerance %s)%n", change.section(), change.metric().key(),
				change.kind().name().toLowerCase(Locale.ROOT), RequirementsRatchet.plain(change.from()),
				RequirementsRatchet.plain(change.to()), change.performance(),
				RequirementsRatchet.plain(ratchet.tolerance()))));
		text.append("replay: ").append(ratchet.replay().describe()).append('\n').append(ratchet.diff());
		return text.toString();
	}

	private ConditionResult regressionCases(ModelVersion candidate, DatasetConfig config) {
		try {
			CaseCheck check = ModelCases.check(candidate, config);
			return Gate.regressionCases(check, null);
		}
		catch (ModelCasesException | ModelFileException ex) {
			return Gate.regressionCases(null, ex.getMessage());
		}
	}

	private ConditionResult backtestRequirements(RunRecord run, RunModel scored, ModelVersion candidate,
			DatasetRequirements requirements) {
		Map<String, String> breaches = new LinkedHashMap<>();
		int periods = 0;
		int insufficient = 0;
		for (Map.Entry<String, Map<Metric, Double>> period : this.store.figures(run.id(), scored.id()).entrySet()) {
			periods++;
			boolean whole = ResultsStore.ALL.equals(period.getKey());
			CheckResult check = RequirementCheck.check(requirements, candidate.name(), period.getKey(), whole,
					new MetricValues(period.getValue()));
			if (check.verdict() == Verdict.INSUFFICIENT_DATA) {
				insufficient++;
			}
			check.breaches().forEach((breach) -> breaches.putIfAbsent(key(breach), label(breach)));
		}
		storedBreaches(run.id(), scored.id(), breaches);
		String what = "back-test run " + run.id() + " (" + run.fromPeriod() + ".." + run.toPeriod() + ")";
		return Gate.requirements(GateCondition.BACKTEST_REQUIREMENTS, what, List.copyOf(breaches.values()), periods,
				insufficient);
	}

	private ConditionResult nowtestRequirements(List<Gate.ShadowRun> nowtests, ModelVersion candidate,
			DatasetRequirements requirements) {
		if (nowtests.isEmpty()) {
			return ConditionResult.fail(GateCondition.NOWTEST_REQUIREMENTS, "no now-test has scored "
					+ candidate.key() + " yet");
		}
		Gate.ShadowRun latest = nowtests.get(0);
		long modelId = this.results.runModels(latest.runId()).stream()
			.filter((model) -> model.key().equals(candidate.key())).findFirst().orElseThrow().id();
		Map<String, String> breaches = new LinkedHashMap<>();
		int insufficient = 0;
		Map<Metric, Double> window = this.store.figures(latest.runId(), modelId).get(ResultsStore.ALL);
		if (window != null) {
			CheckResult check = RequirementCheck.check(requirements, candidate.name(), ResultsStore.ALL, false,
					new MetricValues(window));
			if (check.verdict() == Verdict.INSUFFICIENT_DATA) {
				insufficient++;
			}
			check.breaches().forEach((breach) -> breaches.putIfAbsent(key(breach), label(breach)));
		}
		storedBreaches(latest.runId(), modelId, breaches);
		return Gate.requirements(GateCondition.NOWTEST_REQUIREMENTS, "latest now-test run " + latest.runId()
				+ " (as of " + latest.asOf() + ")", List.copyOf(breaches.values()), 1, insufficient);
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

	private static List<Gate.MonthDifference> monthDifferences(RowMetric metric, PairedRows rows) {
		List<Gate.MonthDifference> months = new ArrayList<>();
		double sign = metric.sign();
		for (int m = 0; m < rows.months().length; m++) {
			PairedRows month = rows.monthRows(m);
			OptionalDouble champion = metric.of(month.labels(), month.champion());
			OptionalDouble candidate = metric.of(month.labels(), month.candidate());
			if (champion.isPresent() && candidate.isPresent()) {
				months.add(new Gate.MonthDifference(rows.months()[m], champion.getAsDouble(), candidate.getAsDouble(),
						sign * (candidate.getAsDouble() - champion.getAsDouble())));
			}
		}
		return months;
	}

	private DatasetConfig datasetConfig(String dataset) {
		try {
			return this.workspace.dataset(dataset);
		}
		catch (DatasetConfigException ex) {
			throw new PromotionException(ex.getMessage(), ex);
		}
	}

	/** The version with that key, checked to score the dataset. */
	private ModelVersion version(String dataset, String key) {
		ModelVersion version = this.workspace.models().find(key).filter((found) -> key.contains("@"))
			.orElseThrow(() -> new PromotionException("unknown model version " + key + " (known versions of dataset \""
					+ dataset + "\": " + String.join(", ", this.workspace.models().forDataset(dataset).stream()
						.map(ModelVersion::key).toList())
					+ "); nothing was changed"));
		if (!version.dataset().equals(dataset)) {
			throw new PromotionException(key + " is a model of dataset \"" + version.dataset() + "\" ("
					+ version.file() + "), not of \"" + dataset + "\"; nothing was changed");
		}
		return version;
	}

	/** The dataset's champion, refusing a candidate that already is champion. */
	private String champion(String dataset, String candidateKey) {
		ModelRegistry registry = this.workspace.registry();
		String champion = registry.champion(dataset).orElseThrow(() -> new PromotionException("dataset \"" + dataset
				+ "\" has no champion in " + registry.file() + "; set one there first"));
		if (champion.equals(candidateKey)) {
			throw new PromotionException(candidateKey + " is already the champion of \"" + dataset
					+ "\"; nothing was changed");
		}
		return champion;
	}

	private RunModel scored(RunRecord run, ModelVersion version) {
		RunModel scored = this.results.runModels(run.id()).stream().filter((model) -> model.key().equals(version.key()))
			.findFirst()
			.orElseThrow(() -> new PromotionException("run " + run.id() + " did not score " + version.key()
					+ "; back-test it beside the champion: jobs/backtest --dataset " + run.dataset()));
		if (!scored.sha256().equals(version.sha256())) {
			throw new PromotionException("the file of " + version.key() + " (" + version.file()
					+ ") changed since run " + run.id() + " scored it (SHA-256 " + scored.sha256().substring(0, 12)
					+ "… then, " + version.sha256().substring(0, 12) + "… now)");
		}
		return scored;
	}

	private Path requirementsFile() {
		return this.workspace.paths().config().resolve("requirements.yml");
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private static byte[] bytes(Path file) {
		try {
			return Files.exists(file) ? Files.readAllBytes(file) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	private static void restore(Path file, byte[] before) {
		try {
			if (before == null) {
				Files.deleteIfExists(file);
			}
			else if (!java.util.Arrays.equals(before, bytes(file))) {
				Files.write(file, before);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// the original failure is the one to report
		}
	}

	/** Writes a file through a temporary file in the same folder and a rename. */
	static void writeAtomically(Path file, String text) {
		try {
			AtomicFiles.write(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex.getMessage(), ex);
		}
	}

}
