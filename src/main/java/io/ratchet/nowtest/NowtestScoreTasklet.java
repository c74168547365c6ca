package io.ratchet.nowtest;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFiles;
import io.ratchet.data.RejectedRowsFile;
import io.ratchet.model.ModelRegistry;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.ScoringPass.Scored;
import io.ratchet.model.ScoringPass;
import io.ratchet.report.FeatureMeanStore;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.requirement.RequirementsException;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.IntervalProperties;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ModelFigures;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.PartitionResult;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.workspace.MonthSources;
import io.ratchet.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The now-test's work: one pass over the reference months and one over the month files
 * the window touches, scoring the champion and every candidate (in shadow) on each row.
 * <ul>
 * <li>Metrics: labelled rows of the window up to the label cut-off, accumulated per model
 * with the back-test's accumulators and checked against the <em>monthly</em> bounds and
 * {@code min-rows} (a 30-day window is about a month). Stored as period {@code ALL}
 * through {@code ResultsStore.savePartition}: one partition with its figures, verdicts
 * and breaches, exactly as a back-test stores its whole period.</li>
 * <li>Drift: every row of the window (drift needs no label) against every row of the
 * reference, per feature and per model score; bounded by the {@code drift:} section of
 * requirements.yml; breaches filed under the champion (features, its score) or the
 * candidate (its score), period {@code ALL}.</li>
 * </ul>
 * The window is one unit of work and of restart, like a back-test month: the step runs in
 * one transaction and every store call replaces what an earlier attempt stored, so a
 * failed run restarts here and stores nothing twice. Memory: the ranking metrics keep the
 * window's scores; drift keeps at most {@code ratchet.nowtest.drift.sample-size} values
 * per numeric column and side.
 * <p>
 * The models are scored in one {@link ScoringPass} (the back-test month step's), read by
 * a {@link WindowPass}; drift is measured by {@link DriftFindings}; each model's most
 * surprising rows are kept by {@link SurprisingRows} and stored in
 * {@code surprising_row}.
 */
class NowtestScoreTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger("io.ratchet.progress");

	/** The bootstrap settings of the figures' intervals. */
	private final IntervalProperties intervals;

	private final Workspace workspace;

	private final ModelVersionStore modelVersions;

	private final ResultsStore results;

	private final NowtestStore store;

	private final NowtestProperties properties;

	private final double threshold;

	private final FeatureMeanStore featureMeans;

	private final LoggedPredictionsStore loggedPredictions;

	private final MonthSources monthSources;

	private final EstimateStore estimates;

	private final EarlyWarningProperties earlyWarning;

	private final SurprisingRowStore surprising;

	NowtestScoreTasklet(Workspace workspace, MonthSources monthSources, ModelVersionStore modelVersions,
			ResultsStore results, NowtestStore store, NowtestProperties properties, double threshold,
			FeatureMeanStore featureMeans, LoggedPredictionsStore loggedPredictions, EstimateStore estimates,
			EarlyWarningProperties earlyWarning, IntervalProperties intervals, SurprisingRowStore surprising) {
		this.surprising = surprising;
		this.estimates = estimates;
		this.earlyWarning = earlyWarning;
		this.intervals = intervals;
		this.monthSources = monthSources;
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
		long runId = step.getJobExecution().getJobInstance().getInstanceId();
		NowtestParameters parameters = NowtestParameters.from(step.getJobExecution().getJobParameters());
		NowtestWindow window = parameters.window();
		DatasetConfig dataset = this.workspace.dataset(parameters.dataset());
		DatasetRequirements requirements = requirements(dataset);
		Path datasetDir = this.workspace.datasetDir(dataset.name());
		SortedMap<YearMonth, Path> files = MonthFiles.list(datasetDir);
		NowtestProperties.Drift settings = this.properties.drift();
		List<Contender> contenders = contenders(runId, dataset, settings.sampleSize());
		Contender champion = contenders.stream().filter(Contender::champion).findFirst().orElse(null);
		List<YearMonth> windowMonths = describeRun(runId, window, files);
		DriftReference reference = DriftReference.resolve(settings.reference(), settings.months(),
				(champion != null) ? champion.model() : null, window);
		Path rejectedFile = this.workspace.reportDir(NowtestJobConfiguration.JOB_NAME, runId).resolve("rejected.csv");
		WindowPass pass = new WindowPass(this.monthSources.of(dataset), dataset, window, settings.sampleSize());
		List<Scored<Contender>> scored;
		try (ScoringPass<Contender> scoring = ScoringPass.bind(contenders, Contender::model, dataset, datasetDir,
				this.threshold); RejectedRowsFile rejects = RejectedRowsFile.open(rejectedFile)) {
			scoring.countLoggedBetween(window.start(), window.asOf());
			List<YearMonth> referenceMonths = reference.months().stream().filter(files::containsKey).toList();
			log.info("run {}: reference {}: {} month files", runId, reference.description(), referenceMonths.size());
			pass.readReference(scoring, files, referenceMonths, rejects);
			log.info("run {}: window {}..{} (labels up to {}): {} month files", runId, window.start(), window.asOf(),
					window.labelCutoff(), windowMonths.size());
			pass.readWindow(scoring, files, windowMonths, rejects);
			scored = scoring.models();
		}
		String fileList = String.join(",", windowMonths.stream().map((month) -> files.get(month).toString()).toList());
		Verdict metricVerdict = saveMetrics(runId, dataset, requirements, scored, pass, truncate(fileList),
				(pass.rejected > 0) ? rejectedFile.toString() : null, started);
		long featureOwner = ((champion != null) ? champion : contenders.get(0)).id();
		Verdict driftVerdict = saveDrift(runId, pass, contenders, featureOwner, requirements, reference,
				settings.bins());
		saveCoverageAndMeans(runId, scored, pass);
		this.surprising.save(runId, surprises(scored, pass));
		this.estimates.save(runId,
				EstimateFindings.measure(scored, requirements, this.earlyWarning.maxCalibrationError()));
		this.store.saveWindow(windowRecord(runId, window, pass, reference, metricVerdict, driftVerdict,
				ExecutionCounts.of(step.getJobExecution())));
		step.setReadCount(step.getReadCount() + pass.inWindow);
		contribution.incrementWriteCount(pass.scored);
		contribution.incrementReadSkipCount(pass.rejected);
		logDone(runId, pass, contenders.size(), started);
		return RepeatStatus.FINISHED;
	}

	/**
	 * The dataset's champion and candidates, each registered and recorded with its role
	 * in the run; the first champion decides the run.
	 */
	private List<Contender> contenders(long runId, DatasetConfig dataset, int capacity) {
		ModelRegistry registry = this.workspace.registry();
		List<Contender> contenders = new ArrayList<>();
		for (ModelVersion model : models(dataset)) {
			long id = this.modelVersions.register(model);
			String role = registry.role(dataset.name(), model.key());
			this.results.recordRunModel(runId, id, role);
			boolean champion = Role.CHAMPION.is(role) && contenders.stream().noneMatch(Contender::champion);
			contenders.add(Contender.of(model, id, champion, contenders.size(), capacity,
					dataset.estimateWithoutLabels() ? new WindowEstimate(this.threshold) : null));
		}
		return contenders;
	}

	/**
	 * Records the months the window spans (and those without a file) and returns the
	 * window's months with one.
	 */
	private List<YearMonth> describeRun(long runId, NowtestWindow window, SortedMap<YearMonth, Path> files) {
		List<String> absent = window.months()
			.stream()
			.filter((month) -> !files.containsKey(month))
			.map(YearMonth::toString)
			.toList();
		this.results.describeRun(runId, YearMonth.from(window.start()).toString(),
				YearMonth.from(window.asOf()).toString(), window.months().size(), absent);
		return window.months().stream().filter(files::containsKey).toList();
	}

	/**
	 * Stores the window's metrics against the monthly bounds as the whole period
	 * ({@code ALL}) and returns the verdict that decides the run: the champion's
	 * (candidates run in shadow); without a champion, the worst model's.
	 */
	private Verdict saveMetrics(long runId, DatasetConfig dataset, DatasetRequirements requirements,
			List<Scored<Contender>> scored, WindowPass pass, String fileList, String rejectedFile, long started) {
		List<ModelFigures> figures = new ArrayList<>();
		List<Verdict> verdicts = new ArrayList<>();
		Verdict championVerdict = null;
		for (Scored<Contender> model : scored) {
			var values = model.accumulator().result();
			var intervals = this.intervals.of(model.accumulator(), values);
			CheckResult check = RequirementCheck.check(requirements, model.version().name(), ResultsStore.ALL, false,
					values, intervals);
			verdicts.add(check.verdict());
			if (model.subject().champion()) {
				championVerdict = check.verdict();
			}
			figures.add(new ModelFigures(model.subject().id(), dataset.task(), values, check,
					model.accumulator().toBytes(), intervals));
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		this.results.savePartition(new PartitionResult(runId, ResultsStore.ALL, fileList, pass.inWindow + pass.rejected,
				pass.inWindow, pass.rejected, pass.unlabelled, rejectedFile, millis), figures);
		return (championVerdict != null) ? championVerdict : Verdict.worst(verdicts);
	}

	/**
	 * Measures and stores the drift of the window against the reference (nothing when
	 * either has no rows) and returns the drift verdict: a breach filed under the feature
	 * owner (the champion) breaches the run.
	 */
	private Verdict saveDrift(long runId, WindowPass pass, List<Contender> contenders, long featureOwner,
			DatasetRequirements requirements, DriftReference reference, int bins) {
		long referenceRows = pass.referenceProfile().rows();
		DriftFindings drift = DriftFindings.none();
		if (referenceRows > 0 && pass.inWindow > 0) {
			drift = DriftFindings.measure(pass, contenders, featureOwner, requirements.drift(), reference.description(),
					bins);
		}
		else {
			log.warn("run {}: no drift measured: {} rows in the reference ({}), {} in the window", runId, referenceRows,
					reference.description(), pass.inWindow);
		}
		this.store.saveDrift(runId, drift.values(), drift.breaches());
		return drift.breachedBy(featureOwner) ? Verdict.BREACH : Verdict.PASS;
	}

	/**
	 * Stores how rows and logged scores met per logged model, and the feature means per
	 * reference month and over the window (the report's drift charts).
	 */
	private void saveCoverageAndMeans(long runId, List<Scored<Contender>> scored, WindowPass pass) {
		this.loggedPredictions.saveCoverage(runId, ResultsStore.ALL, coverages(scored));
		pass.referenceMeans().forEach((month, means) -> this.featureMeans.save(runId, month.toString(), means));
		this.featureMeans.save(runId, ResultsStore.ALL, pass.windowMeans());
	}

	/** Each model's surprising rows, by its id. */
	private static Map<Long, List<Surprise>> surprises(List<Scored<Contender>> scored, WindowPass pass) {
		Map<Long, List<Surprise>> byModel = new LinkedHashMap<>();
		List<SurprisingRows> surprises = pass.surprises(scored.size());
		for (int i = 0; i < scored.size(); i++) {
			byModel.put(scored.get(i).subject().id(), surprises.get(i).ranked());
		}
		return byModel;
	}

	private static NowtestStore.WindowRecord windowRecord(long runId, NowtestWindow window, WindowPass pass,
			DriftReference reference, Verdict metricVerdict, Verdict driftVerdict, ExecutionCounts imported) {
		return new NowtestStore.WindowRecord(runId, window, pass.inWindow, pass.scored, pass.awaiting, pass.unlabelled,
				reference.description(), pass.referenceProfile().rows(), metricVerdict, driftVerdict, imported.files(),
				imported.rows(), imported.rejected());
	}

	/** How rows and logged scores met in the window, per logged model. */
	private static List<LoggedPredictionsStore.StoredCoverage> coverages(List<Scored<Contender>> scored) {
		return scored.stream()
			.filter(Scored::logged)
			.map((model) -> new LoggedPredictionsStore.StoredCoverage(model.subject().id(), ResultsStore.ALL,
					model.coverage()))
			.toList();
	}

	private static void logDone(long runId, WindowPass pass, int models, long started) {
		double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
		log.info(String.format(Locale.ROOT,
				"run %d: %,d rows in the window (%,d judged, %,d awaiting label, %,d unlabelled), %,d reference rows,"
						+ " %d models, %.1f s; %s",
				runId, pass.inWindow, pass.scored, pass.awaiting, pass.unlabelled, pass.referenceProfile().rows(),
				models, seconds, pass.source().describe()));
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

	/** The import step's totals, from the job execution context. */
	private record ExecutionCounts(int files, long rows, long rejected) {

		static ExecutionCounts of(JobExecution job) {
			var context = job.getExecutionContext();
			return new ExecutionCounts(context.getInt(NowtestImportTasklet.FILES, 0),
					context.getLong(NowtestImportTasklet.ROWS, 0), context.getLong(NowtestImportTasklet.REJECTED, 0));
		}

	}

}
