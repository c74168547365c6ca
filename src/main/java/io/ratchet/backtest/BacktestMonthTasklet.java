package io.ratchet.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthSource;
import io.ratchet.data.PinnedFile;
import io.ratchet.data.ReadStats;
import io.ratchet.data.RejectedRowsFile;
import io.ratchet.data.RowRange;
import io.ratchet.data.Segment;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.SegmentAccumulators;
import io.ratchet.model.BlockScorer;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.ScoringPass.Scored;
import io.ratchet.model.ScoringPass;
import io.ratchet.report.FeatureMeanStore;
import io.ratchet.report.FeatureMeans;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.run.Attempt;
import io.ratchet.run.IntervalProperties;
import io.ratchet.run.JobKind;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ModelFigures;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.PartitionResult;
import io.ratchet.run.RangeStateStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.segment.SegmentFigures;
import io.ratchet.segment.SegmentJudge;
import io.ratchet.segment.SegmentStore;
import io.ratchet.workspace.MonthSources;
import io.ratchet.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The worker of a back-test: scores the months of its partition one at a time, each month
 * file with every model in a single pass, and stores each month's figures.
 *
 * <p>
 * It is a tasklet rather than a chunk-oriented step because the unit of work (and of
 * restart) is the whole month: the metric accumulators need every row of the month, and
 * keeping them across chunks would put state in JVM memory that a restart could not
 * recover. Each call scores the next months of the partition and returns
 * {@link RepeatStatus#CONTINUABLE} while months remain; the tasklet step commits after
 * each call, so the months of one call share a transaction: as many consecutive months as
 * fit in {@code ratchet.backtest.commit-bytes} of month files (at least one). A month's
 * figures, states, means and counts are committed together with it, all or nothing: with
 * hundreds of small months, one commit per month (each a write of H2's changed pages, and
 * an update of the step execution and its context) was a third of the workers' time.
 *
 * <p>
 * Restart: the first call of a step execution asks the database which months of the run
 * are stored and skips them, so a partition that failed redoes only the months not
 * committed: the failed month and the months of its transaction, never a committed one.
 * In the run's first execution nothing can be stored yet, so months are only inserted
 * ({@link Attempt#FIRST}); in a restart each save first deletes what an earlier attempt
 * left, so a month is stored exactly once however often it is run.
 *
 * <p>
 * The models are bound once per partition ({@link ScoringPass#restart()} for each further
 * month): compiling a tree ensemble or opening an ONNX session for every month cost more
 * than scoring a small month.
 *
 * <p>
 * The tasklet is a singleton shared by the partitions: everything it needs comes from the
 * step execution (months and files) and the job execution context (models, threshold);
 * what it keeps between the calls of one step execution (the months still to do, the
 * bound models) it holds by step execution id until the step ends, when it also releases
 * the models (it is the step's listener: registered with {@code listener(...)}), whether
 * the step completed or failed. Partitions may run on threads of one JVM or on remote
 * workers.
 */
class BacktestMonthTasklet implements Tasklet, StepExecutionListener {

	/**
	 * Where the step context says its months came from: {@code cache} when every one came
	 * from the month cache, else {@code csv}.
	 */
	static final String SOURCE = "ratchet.month.source";

	/**
	 * Set in the step context when a partition starts: a step execution whose context has
	 * it is a restart of the partition.
	 */
	static final String STARTED = "ratchet.started";

	private static final Logger log = LoggerFactory.getLogger(BacktestMonthTasklet.class);

	/** The bootstrap settings of the figures' intervals. */
	private final IntervalProperties intervals;

	private final Workspace workspace;

	private final MonthSources monthSources;

	private final ModelVersionStore modelVersions;

	private final ResultsStore results;

	private final FeatureMeanStore featureMeans;

	private final LoggedPredictionsStore loggedPredictions;

	private final BacktestProgress progress;

	private final long commitBytes;

	private final SegmentStore segments;

	/** Whether a range is stored, and storing a range's states. */
	private final RangeParts rangeParts;

	/** The month and model files checked against their pins. */
	private final PinChecks pinChecks;

	/** The partitions in progress, by step execution id. */
	private final Map<Long, Partition> partitions = new ConcurrentHashMap<>();

	BacktestMonthTasklet(Workspace workspace, MonthSources monthSources, ModelVersionStore modelVersions,
			ResultsStore results, FeatureMeanStore featureMeans, LoggedPredictionsStore loggedPredictions,
			BacktestProgress progress, long commitBytes, SegmentStore segments, IntervalProperties intervals,
			RangeStateStore ranges) {
		this.intervals = intervals;
		this.workspace = workspace;
		this.monthSources = monthSources;
		this.modelVersions = modelVersions;
		this.results = results;
		this.featureMeans = featureMeans;
		this.loggedPredictions = loggedPredictions;
		this.progress = progress;
		this.commitBytes = commitBytes;
		this.segments = segments;
		this.rangeParts = new RangeParts(ranges);
		this.pinChecks = new PinChecks(ranges);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		Partition partition = this.partitions.computeIfAbsent(step.getId(), (id) -> start(step));
		Deque<YearMonth> pending = partition.pending();
		long bytes = 0;
		YearMonth month = pending.poll();
		while (month != null) {
			score(partition, month, step, contribution);
			bytes += size(partition.files().get(month).file());
			YearMonth next = pending.peek();
			boolean fits = next != null && bytes + size(partition.files().get(next).file()) <= this.commitBytes;
			month = fits ? pending.poll() : null;
		}
		return pending.isEmpty() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
	}

	/**
	 * A month file's length, or the whole budget when it cannot be read (the month is
	 * then committed alone, and reading it reports the error).
	 */
	private long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return this.commitBytes;
		}
	}

	/** Releases the partition's models, whether its step completed or failed. */
	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		Partition partition = this.partitions.remove(stepExecution.getId());
		if (partition != null) {
			partition.close();
		}
		return null;
	}

	/**
	 * The partition's months not yet stored (in order) and the run's models, bound to the
	 * dataset.
	 */
	private Partition start(StepExecution step) {
		RunContext run = RunContext.of(step.getJobExecution());
		boolean restarted = step.getExecutionContext().containsKey(STARTED);
		step.getExecutionContext().putString(STARTED, "true");
		Map<YearMonth, PinnedFile> files = MonthPartitioner.pins(step.getExecutionContext());
		RowRange range = MonthPartitioner.range(step.getExecutionContext());
		Set<String> stored = this.results.storedPeriods(run.runId());
		Deque<YearMonth> pending = new ArrayDeque<>();
		for (YearMonth month : files.keySet()) {
			if (!stored.contains(month.toString()) && !this.rangeParts.stored(run.runId(), month, range)) {
				pending.add(month);
			}
		}
		DatasetConfig dataset = this.workspace.dataset(run.dataset());
		List<StoredModel> models = models(run,
				FilePins.models(step.getExecutionContext().getString(MonthPartitioner.MODEL_SHA256, null)));
		ScoringPass<StoredModel> pass = ScoringPass.bind(models, StoredModel::model, dataset,
				this.workspace.datasetDir(dataset.name()), run.threshold());
		return new Partition(run, RunContext.attempt(step.getJobExecution()), dataset, files, range, pending, pass,
				restarted);
	}

	/** Scores one month and stores its figures (in the transaction of this call). */
	private void score(Partition partition, YearMonth month, StepExecution step, StepContribution contribution) {
		long started = System.nanoTime();
		RunContext run = partition.run();
		DatasetConfig dataset = partition.dataset();
		RowRange range = partition.range();
		this.pinChecks.month(step, run.runId(), partition.restarted(), range, partition.files(), month);
		RangeParts.requireWhole(dataset, month, range);
		Path file = partition.files().get(month).file();
		Path rejectedFile = rejectedFile(this.workspace, run.runId(), month, range);
		// each numeric feature's mean, for the report's drift charts (one more sum per
		// feature on the same pass)
		FeatureMeans means = new FeatureMeans(dataset);
		ReadStats stats;
		List<Scored<StoredModel>> scored;
		ScoringPass<StoredModel> pass = partition.nextPass();
		// only a logged model's scorer reads a row's ids (to find its logged score)
		MonthSource source = pass.models().stream().anyMatch(Scored::logged) ? this.monthSources.of(dataset)
				: this.monthSources.of(dataset).withoutIds();
		SegmentAccumulators segments = segmentAccumulators(dataset, pass.models(), run, file);
		try (RejectedRowsFile rejects = RejectedRowsFile.open(rejectedFile)) {
			pass.countLoggedBetween(month.atDay(1), month.atEndOfMonth());
			// every row counted and accumulated, a block at a time (one call per block
			// for an ONNX model), in file order; with segments, the same rows also go
			// to the accumulators of their levels
			BlockScorer blocks = (segments == null) ? pass.blocks() : pass.blocks((row, scores) -> {
				pass.count(row, scores, row.labelled());
				pass.accumulate(row, scores);
				segments.add(row, scores);
			});
			stats = source.read(file, month, range, (row) -> {
				means.add(row);
				blocks.add(row);
			}, rejects);
			blocks.flush();
			scored = pass.models();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		boolean fromCache = source.monthsFromCache() > 0;
		if (!"csv".equals(step.getExecutionContext().getString(SOURCE, null))) {
			step.getExecutionContext().putString(SOURCE, fromCache ? "cache" : "csv");
		}
		// StepContribution can add only one read at a time; the month is one unit, so
		// count on the step itself.
		step.setReadCount(step.getReadCount() + stats.accepted());
		contribution.incrementWriteCount(stats.accepted());
		contribution.incrementReadSkipCount(stats.rejected());
		if (!range.all()) {
			// a part of the month: the summary merges the month's ranges into its figures
			this.rangeParts.save(run.runId(), month, range, stats, (System.nanoTime() - started) / 1_000_000, means,
					scored);
			return;
		}
		List<SegmentFigures> segmentFigures = new ArrayList<>();
		List<ModelFigures> figures = figures(dataset, month, scored, segments, segmentFigures);
		long millis = (System.nanoTime() - started) / 1_000_000;
		this.results.savePartition(new PartitionResult(run.runId(), month.toString(), file.toString(), stats.rows(),
				stats.accepted(), stats.rejected(), stats.unlabelled(),
				(stats.rejected() > 0) ? rejectedFile.toString() : null, millis), figures, partition.attempt());
		if (segments != null) {
			this.segments.save(run.runId(), month.toString(), dataset.task(),
					figures.stream().map(ModelFigures::modelVersionId).toList(), segmentFigures, partition.attempt());
		}
		this.featureMeans.save(run.runId(), month.toString(), means, partition.attempt());
		this.loggedPredictions.saveCoverage(run.runId(), month.toString(), coverages(month, scored),
				partition.attempt());
		afterCommit(() -> this.progress.monthStored(step.getJobExecution(), run, month, fromCache, stats.accepted(),
				stats.accepted() + stats.rejected()));
	}

	/**
	 * Runs the action once the month's transaction commits (progress counts stored
	 * months).
	 */
	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	/**
	 * Where a month's rejected rows go: {@code rejected/2024-03.csv}, or for a range
	 * {@code rejected/2024-03.rows-25000.csv} (the summary joins a month's ranges' files
	 * into the month's, {@link MonthRanges}).
	 */
	static Path rejectedFile(Workspace workspace, long runId, YearMonth month, RowRange range) {
		return workspace.reportDir(JobKind.BACKTEST.jobName(), runId)
			.resolve("rejected")
			.resolve(month + (range.all() ? "" : ".rows-" + range.from()) + ".csv");
	}

	/**
	 * The run's models, in the run's order, each with its id in the database; each file
	 * checked against its pin (when the run has pins) before it is bound.
	 */
	private List<StoredModel> models(RunContext run, Map<String, String> pins) {
		ModelCatalogue catalogue = this.workspace.models();
		List<StoredModel> models = new ArrayList<>();
		for (String key : run.modelKeys()) {
			ModelVersion model = catalogue.get(key);
			this.pinChecks.model(model, pins.get(key));
			models.add(new StoredModel(model, this.modelVersions.register(model)));
		}
		return models;
	}

	/**
	 * The accumulators of the dataset's segment levels for one month (each model's
	 * threshold, as its overall accumulator), or {@code null} when it has no segments.
	 */
	private static SegmentAccumulators segmentAccumulators(DatasetConfig dataset, List<Scored<StoredModel>> models,
			RunContext run, Path file) {
		if (dataset.segments().isEmpty()) {
			return null;
		}
		boolean[] logged = new boolean[models.size()];
		for (int m = 0; m < logged.length; m++) {
			logged[m] = models.get(m).logged();
		}
		return new SegmentAccumulators(dataset,
				(m) -> Accumulators.create(dataset, models.get(m).version().thresholdOr(run.threshold())), logged,
				file);
	}

	/**
	 * Each model's figures of the month, checked against the monthly bounds and, with
	 * segments, each segment's figures (added to {@code segmentFigures}) against the
	 * bounds on its level.
	 */
	private List<ModelFigures> figures(DatasetConfig dataset, YearMonth month, List<Scored<StoredModel>> scored,
			SegmentAccumulators segments, List<SegmentFigures> segmentFigures) {
		DatasetRequirements requirements = this.workspace.requirementsFor(dataset.name());
		List<ModelFigures> figures = new ArrayList<>();
		List<Map<Segment, MetricAccumulator>> bySegment = (segments != null) ? segments.byModel(scored.size()) : null;
		for (int m = 0; m < scored.size(); m++) {
			Scored<StoredModel> model = scored.get(m);
			var values = model.accumulator().result();
			var intervals = this.intervals.of(model.accumulator(), values);
			CheckResult check = RequirementCheck.check(requirements, model.version().name(), month.toString(), false,
					values, intervals);
			if (bySegment != null) {
				List<SegmentFigures> judged = SegmentJudge.judge(requirements, dataset.segments().minRows(),
						model.version().name(), model.subject().id(), month.toString(), bySegment.get(m), true);
				segmentFigures.addAll(judged);
				check = SegmentJudge.withSegments(check, judged);
			}
			figures.add(new ModelFigures(model.subject().id(), dataset.task(), values, check,
					model.accumulator().toBytes(), intervals));
		}
		return figures;
	}

	/** How rows and logged scores met, per logged model. */
	private static List<LoggedPredictionsStore.StoredCoverage> coverages(YearMonth month,
			List<Scored<StoredModel>> scored) {
		return scored.stream()
			.filter(Scored::logged)
			.map((model) -> new LoggedPredictionsStore.StoredCoverage(model.subject().id(), month.toString(),
					model.coverage()))
			.toList();
	}

	/** What one step execution keeps between its calls. */
	private static final class Partition implements AutoCloseable {

		private final RunContext run;

		private final Attempt attempt;

		private final DatasetConfig dataset;

		private final Map<YearMonth, PinnedFile> files;

		private final RowRange range;

		private final boolean restarted;

		private final Deque<YearMonth> pending;

		private final ScoringPass<StoredModel> pass;

		private boolean used;

		/**
		 * @param run the run's decisions
		 * @param attempt whether an earlier execution of the run can have stored a month
		 * @param dataset the run's dataset
		 * @param files the partition's months and their pinned files
		 * @param range the rows of its month the partition reads
		 * @param pending the months still to score, in order
		 * @param pass the run's models with their ids, bound once for every month
		 * @param restarted whether the step execution restarts the partition
		 */
		Partition(RunContext run, Attempt attempt, DatasetConfig dataset, Map<YearMonth, PinnedFile> files,
				RowRange range, Deque<YearMonth> pending, ScoringPass<StoredModel> pass, boolean restarted) {
			this.run = run;
			this.attempt = attempt;
			this.dataset = dataset;
			this.files = files;
			this.range = range;
			this.restarted = restarted;
			this.pending = pending;
			this.pass = pass;
		}

		RunContext run() {
			return this.run;
		}

		Attempt attempt() {
			return this.attempt;
		}

		DatasetConfig dataset() {
			return this.dataset;
		}

		Map<YearMonth, PinnedFile> files() {
			return this.files;
		}

		RowRange range() {
			return this.range;
		}

		boolean restarted() {
			return this.restarted;
		}

		Deque<YearMonth> pending() {
			return this.pending;
		}

		/**
		 * The pass for the next month: the same scorers, empty accumulators (the pass
		 * starts again for every month but the first).
		 */
		ScoringPass<StoredModel> nextPass() {
			if (this.used) {
				this.pass.restart();
			}
			this.used = true;
			return this.pass;
		}

		@Override
		public void close() {
			this.pass.close();
		}

	}

	/** A model of the run and its id in the database. */
	record StoredModel(ModelVersion model, long id) {
	}

}
