package io.ratchet.nowtest;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.MonthFiles;
import io.ratchet.data.ReadStats;
import io.ratchet.data.RejectedRowsFile;
import io.ratchet.drift.DatasetProfile;
import io.ratchet.drift.Drift;
import io.ratchet.drift.DriftResult;
import io.ratchet.drift.NumericSample;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.model.BlockScorer;
import io.ratchet.model.BoundModels;
import io.ratchet.model.LoggedScorer;
import io.ratchet.model.ModelRegistry;
import io.ratchet.model.ModelVersion;
import io.ratchet.report.FeatureMeanStore;
import io.ratchet.report.FeatureMeans;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.DriftRequirements;
import io.ratchet.requirement.DriftStatistic;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.requirement.RequirementsException;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ModelFigures;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.PartitionResult;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.system.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The now-test's work: one pass over the reference months and one over the month files the window touches, scoring
 * the champion and every candidate (in shadow) on each row.
 * <ul>
 * <li>Metrics: labelled rows of the window up to the label cut-off, accumulated per model with the back-test's
 * accumulators and checked against the <em>monthly</em> bounds and {@code min-rows} (a 30-day window is about a
 * month). Stored as period {@code ALL} through {@code ResultsStore.savePartition}: one partition with its figures,
 * verdicts and breaches, exactly as a back-test stores its whole period.</li>
 * <li>Drift: every row of the window (drift needs no label) against every row of the reference, per feature and per
 * model score; bounded by the {@code drift:} section of requirements.yml; breaches filed under the champion (features,
 * its score) or the candidate (its score), period {@code ALL}.</li>
 * </ul>
 * The window is one unit of work and of restart, like a back-test month: the step runs in one transaction and every
 * store call replaces what an earlier attempt stored, so a failed run restarts here and stores nothing twice. Memory:
 * the ranking metrics keep the window's scores; drift keeps at most {@code ratchet.nowtest.drift.sample-size} values
 * per numeric column and side.
 */
class NowtestScoreTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger("io.ratchet.progress");

	private final Workspace workspace;

	private final ModelVersionStore modelVersions;

	private final ResultsStore results;

	private final NowtestStore store;

	private final NowtestProperties properties;

	private final double threshold;

	private final FeatureMeanStore featureMeans;

	private final LoggedPredictionsStore loggedPredictions;

	NowtestScoreTasklet(Workspace workspace, ModelVersionStore modelVersions, ResultsStore results, NowtestStore store,
			NowtestProperties properties, double threshold, FeatureMeanStore featureMeans,
			LoggedPredictionsStore loggedPredictions) {
		this.featureMeans = featureMeans;
		this.loggedPredictions = loggedPredictions;
		this.workspace = workspace;
		this.modelVersions = modelVersions;
		this.results = results;
		this.store = store;
		this.properties = properties;
		this.threshold = threshold;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		long started = System.nanoTime();
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		JobExecution job = step.getJobExecution();
		long runId = job.getJobInstance().getInstanceId();
		NowtestParameters parameters = NowtestParameters.from(job.getJobParameters());
		NowtestWindow window = parameters.window();
		DatasetConfig dataset = this.workspace.dataset(parameters.dataset());
		DatasetRequirements requirements = requirements(dataset);
		Path datasetDir = this.workspace.datasetDir(dataset.name());
		SortedMap<YearMonth, Path> files = MonthFiles.list(datasetDir);

		List<ModelVersion> models = models(dataset);
		ModelRegistry registry = this.workspace.registry();
		int count = models.size();
		long[] ids = new long[count];
		// a model whose scores are logged: a row without one is counted, never scored as something
		LoggedScorer[] logged = new LoggedScorer[count];
		MetricAccumulator[] accumulators = new MetricAccumulator[count];
		ModelVersion champion = null;
		int championIndex = 0;
		for (int i = 0; i < count; i++) {
			ModelVersion model = models.get(i);
			ids[i] = this.modelVersions.register(model);
			String role = registry.role(dataset.name(), model.key());
			this.results.recordRunModel(runId, ids[i], role);
			accumulators[i] = Accumulators.create(dataset.task(), this.threshold);
			if (Role.CHAMPION.is(role) && champion == null) {
				champion = model;
				championIndex = i;
			}
		}
		List<YearMonth> windowMonths = window.months().stream().filter(files::containsKey).toList();
		List<String> absent = window.months()
			.stream()
			.filter((month) -> !files.containsKey(month))
			.map(YearMonth::toString)
			.toList();
		this.results.describeRun(runId, YearMonth.from(window.start()).toString(),
				YearMonth.from(window.asOf()).toString(), window.months().size(), absent);

		NowtestProperties.Drift settings = this.properties.drift();
		DriftReference reference = DriftReference.resolve(settings.reference(), settings.months(), champion, window);
		int capacity = settings.sampleSize();
		DatasetProfile referenceProfile = new DatasetProfile(dataset, capacity, 42);
		DatasetProfile windowProfile = new DatasetProfile(dataset, capacity, 4242);
		NumericSample[] referenceScores = new NumericSample[count];
		NumericSample[] windowScores = new NumericSample[count];
		for (int i = 0; i < count; i++) {
			referenceScores[i] = new NumericSample(capacity, 7 + i);
			windowScores[i] = new NumericSample(capacity, 77 + i);
		}
		Path reportDir = this.workspace.reportDir(NowtestJobConfiguration.JOB_NAME, runId);
		// each numeric feature's mean per reference month and over the window, for the report's drift charts
		Map<YearMonth, FeatureMeans> referenceMeans = new TreeMap<>();
		FeatureMeans windowMeans = new FeatureMeans(dataset);
		Counts counts = new Counts();
		try (BoundModels scorers = BoundModels.bind(models, dataset, datasetDir);
				RejectedRowsFile rejects = RejectedRowsFile.open(reportDir.resolve("rejected.csv"))) {
			for (int i = 0; i < count; i++) {
				if (scorers.get(i) instanceof LoggedScorer loggedScorer) {
					logged[i] = loggedScorer;
					loggedScorer.countBetween(window.start(), window.asOf());
				}
			}
			MonthFileReader reader = new MonthFileReader(dataset);
			List<YearMonth> referenceMonths = reference.months().stream().filter(files::containsKey).toList();
			log.info("run {}: reference {}: {} month files", runId, reference.description(), referenceMonths.size());
			// rows are scored a block at a time (one call per block for an ONNX model), in file order
			BlockScorer referenceBlocks = scorers.blocks((row, scores) -> {
				for (int i = 0; i < count; i++) {
					referenceScores[i].add(scores[i]);
				}
			});
			for (YearMonth month : referenceMonths) {
				FeatureMeans monthMeans = referenceMeans.computeIfAbsent(month, (m) -> new FeatureMeans(dataset));
				ReadStats stats = reader.read(files.get(month), month, (row) -> {
					referenceProfile.add(row);
					monthMeans.add(row);
					referenceBlocks.add(row);
				}, rejects);
				counts.rejected += stats.rejected();
			}
			referenceBlocks.flush();
			log.info("run {}: window {}..{} (labels up to {}): {} month files", runId, window.start(), window.asOf(),
					window.labelCutoff(), windowMonths.size());
			BlockScorer windowBlocks = scorers.blocks((row, scores) -> {
				boolean judged = !window.awaitingLabel(row.date()) && row.labelled();
				for (int i = 0; i < count; i++) {
					windowScores[i].add(scores[i]);
					if (logged[i] != null) {
						logged[i].count(row, scores[i], judged);
					}
				}
				if (window.awaitingLabel(row.date())) {
					counts.awaiting++;
				}
				else if (!row.labelled()) {
					counts.unlabelled++;
				}
				else {
					counts.scored++;
					for (int i = 0; i < count; i++) {
						if (logged[i] == null || !Double.isNaN(scores[i])) {
							accumulators[i].add(scores[i], row.label());
						}
					}
				}
			});
			for (YearMonth month : windowMonths) {
				ReadStats stats = reader.read(files.get(month), month, (row) -> {
					if (!window.contains(row.date())) {
						return;
					}
					counts.inWindow++;
					windowProfile.add(row);
					windowMeans.add(row);
					windowBlocks.add(row);
				}, rejects);
				counts.rejected += stats.rejected();
			}
			windowBlocks.flush();
		}

		// metrics: the window against the monthly bounds, stored as the whole period (ALL)
		List<ModelFigures> figures = new ArrayList<>();
		Verdict[] verdicts = new Verdict[count];
		for (int i = 0; i < count; i++) {
			var values = accumulators[i].result();
			CheckResult check = RequirementCheck.check(requirements, models.get(i).name(), ResultsStore.ALL, false,
					values);
			verdicts[i] = check.verdict();
			figures.add(new ModelFigures(ids[i], dataset.task(), values, check, accumulators[i].toBytes()));
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		String fileList = String.join(",", windowMonths.stream().map((month) -> files.get(month).toString()).toList());
		this.results.savePartition(new PartitionResult(runId, ResultsStore.ALL, truncate(fileList),
				counts.inWindow + counts.rejected, counts.inWindow, counts.rejected, counts.unlabelled,
				(counts.rejected > 0) ? reportDir.resolve("rejected.csv").toString() : null, millis), figures);

		// drift
		long referenceRows = referenceProfile.rows();
		List<NowtestStore.StoredDrift> driftValues = new ArrayList<>();
		List<NowtestStore.DriftBreach> driftBreaches = new ArrayList<>();
		DriftRequirements bounds = requirements.drift();
		long featureOwner = ids[championIndex];
		if (referenceRows > 0 && counts.inWindow > 0) {
			for (DriftResult result : windowProfile.compare(referenceProfile, settings.bins())) {
				for (DriftStatistic statistic : DriftStatistic.values()) {
					double value = value(result, statistic);
					if (Double.isNaN(value)) {
						continue;
					}
					driftValues.add(new NowtestStore.StoredDrift(result.subject(), statistic.key(), null, value,
							reference.description(), result.referenceRows(), result.windowRows()));
					var max = bounds.max(result.subject(), statistic);
					if (max.isPresent() && value > max.getAsDouble()) {
						driftBreaches.add(new NowtestStore.DriftBreach(featureOwner,
								statistic.key() + ":" + result.subject(), value, max.getAsDouble()));
					}
				}
			}
			for (int i = 0; i < count; i++) {
				DriftResult result = Drift.numeric("score:" + models.get(i).key(), referenceScores[i], windowScores[i],
						settings.bins());
				for (DriftStatistic statistic : List.of(DriftStatistic.PSI, DriftStatistic.KS)) {
					double value = value(result, statistic);
					if (!Double.isNaN(value)) {
						driftValues.add(new NowtestStore.StoredDrift(result.subject(), statistic.key(), ids[i], value,
								reference.description(), result.referenceRows(), result.windowRows()));
					}
				}
				if (bounds.scorePsi() != null && !Double.isNaN(result.psi()) && result.psi() > bounds.scorePsi()) {
					driftBreaches.add(new NowtestStore.DriftBreach(ids[i], "psi:score", result.psi(), bounds.scorePsi()));
				}
			}
		}
		else {
			log.warn("run {}: no drift measured: {} rows in the reference ({}), {} in the window", runId,
					referenceRows, reference.description(), counts.inWindow);
		}
		this.store.saveDrift(runId, driftValues, driftBreaches);
		List<LoggedPredictionsStore.StoredCoverage> coverages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (logged[i] != null) {
				coverages.add(new LoggedPredictionsStore.StoredCoverage(ids[i], ResultsStore.ALL, logged[i].coverage()));
			}
		}
		this.loggedPredictions.saveCoverage(runId, ResultsStore.ALL, coverages);
		referenceMeans.forEach((month, means) -> this.featureMeans.save(runId, month.toString(), means));
		this.featureMeans.save(runId, ResultsStore.ALL, windowMeans);

		// the champion decides the run (candidates run in shadow); without a champion, the worst model
		Verdict metricVerdict = (champion != null) ? verdicts[championIndex] : Verdict.worst(List.of(verdicts));
		boolean driftBreached = driftBreaches.stream().anyMatch((breach) -> breach.modelVersionId() == featureOwner);
		Verdict driftVerdict = driftBreached ? Verdict.BREACH : Verdict.PASS;
		ExecutionCounts imported = ExecutionCounts.of(job);
		this.store.saveWindow(new NowtestStore.WindowRecord(runId, window, counts.inWindow, counts.scored,
				counts.awaiting, counts.unlabelled, reference.description(), referenceRows, metricVerdict.name(),
				driftVerdict.name(), imported.files(), imported.rows(), imported.rejected()));
		step.setReadCount(step.getReadCount() + counts.inWindow);
		contribution.incrementWriteCount(counts.scored);
		contribution.incrementReadSkipCount(counts.rejected);
		double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
		log.info(String.format(Locale.ROOT,
				"run %d: %,d rows in the window (%,d judged, %,d awaiting label, %,d unlabelled), %,d reference rows,"
						+ " %d models, %.1f s",
				runId, counts.inWindow, counts.scored, counts.awaiting, counts.unlabelled, referenceRows, count,
				seconds));
		return RepeatStatus.FINISHED;
	}

	private static double value(DriftResult result, DriftStatistic statistic) {
		return switch (statistic) {
			case PSI -> result.psi();
			case KS -> result.ks();
			case MISSING_RATE -> result.missingRate();
			case MISSING_RATE_CHANGE -> result.missingRateChange();
		};
	}

	private DatasetRequirements requirements(DatasetConfig dataset) {
		DatasetRequirements requirements = this.workspace.requirementsFor(dataset.name());
		for (String feature : requirements.drift().overrides().keySet()) {
			if (dataset.featureIndex(feature) < 0) {
				throw new RequirementsException(this.workspace.paths().config().resolve("requirements.yml")
						+ ": drift bounds of " + dataset.name() + " name feature '" + feature
						+ "', which the dataset does not have (features: "
						+ String.join(", ", dataset.features().stream().map((f) -> f.name()).toList()) + ")");
			}
		}
		return requirements;
	}

	private List<ModelVersion> models(DatasetConfig dataset) {
		ModelRegistry registry = this.workspace.registry();
		Set<String> keys = new LinkedHashSet<>(registry.contenders(dataset.name()));
		if (keys.isEmpty()) {
			throw new IllegalStateException("dataset " + dataset.name() + " has no champion or candidates in "
					+ registry.file() + ": a now-test needs a model to judge");
		}
		List<ModelVersion> models = new ArrayList<>();
		for (String key : keys) {
			ModelVersion model = this.workspace.models().get(key);
			if (models.stream().noneMatch((known) -> known.key().equals(model.key()))) {
				models.add(model);
			}
		}
		return models;
	}

	private static String truncate(String text) {
		return (text.length() <= 1000) ? text : text.substring(0, 990) + " …";
	}

	/** Counters of one pass. */
	private static final class Counts {

		long inWindow;

		long scored;

		long awaiting;

		long unlabelled;

		long rejected;

	}

	/** The import step's totals, from the job execution context. */
	private record ExecutionCounts(int files, long rows, long rejected) {

		static ExecutionCounts of(JobExecution job) {
			var context = job.getExecutionContext();
			return new ExecutionCounts(context.getInt(NowtestImportTasklet.FILES, 0),
					context.getLong(NowtestImportTasklet.ROWS, 0), context.getLong(NowtestImportTasklet.REJECTED, 0));
		}

	}

}
