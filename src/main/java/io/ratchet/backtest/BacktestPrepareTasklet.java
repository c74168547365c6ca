package io.ratchet.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFiles;
import io.ratchet.data.MonthSource;
import io.ratchet.data.PinnedFile;
import io.ratchet.model.CaseCheck;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelRegistry;
import io.ratchet.model.ModelVersion;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.workspace.MonthSources;
import io.ratchet.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of a back-test: resolves the months and the models, checks every model file
 * against the SHA-256 recorded for its version, binds it to the dataset and runs its
 * regression cases ({@link ModelCases}: a model whose outputs changed is refused with the
 * diff), so a bad model fails the run before any month is read, and records the run. A
 * dataset without requirements (and not marked unmonitored) is refused first: it would
 * pass whatever the figures. Its decisions go to the job execution context so that a
 * restart reuses them.
 */
class BacktestPrepareTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(BacktestPrepareTasklet.class);

	private final Workspace workspace;

	/** Where the month files' SHA-256 and row counts come from without a read. */
	private final MonthSources monthSources;

	private final ModelVersionStore modelVersions;

	private final ResultsStore results;

	/**
	 * The default threshold ({@code ratchet.defaults.threshold}) for a model whose file
	 * gives none; each model's own is recorded with the run.
	 */
	private final double threshold;

	/** The partition budget and the thread count, to plan the month groups. */
	private final BacktestProperties properties;

	BacktestPrepareTasklet(Workspace workspace, MonthSources monthSources, ModelVersionStore modelVersions,
			ResultsStore results, double threshold, BacktestProperties properties) {
		this.workspace = workspace;
		this.monthSources = monthSources;
		this.modelVersions = modelVersions;
		this.results = results;
		this.threshold = threshold;
		this.properties = properties;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		if (RunContext.present(job.getExecutionContext())) {
			// a restart: the first execution's decisions stand (months and models do not
			// change under a run)
			return RepeatStatus.FINISHED;
		}
		BacktestParameters parameters = BacktestParameters.from(job.getJobParameters());
		long runId = job.getJobInstance().getInstanceId();
		DatasetConfig dataset = this.workspace.dataset(parameters.dataset());
		// no requirements: refused before anything is recorded
		this.workspace.checkRequirements(dataset.name());
		SortedMap<YearMonth, Path> files = MonthFiles.list(this.workspace.datasetDir(dataset.name()));
		List<YearMonth> months = months(parameters, dataset, files);
		Map<YearMonth, PinnedFile.Hashed> hashed = pin(this.monthSources.of(dataset), months, files);
		MonthGroups plan = plan(runId, dataset, months, files, hashed);
		List<ModelVersion> models = models(parameters, dataset);
		ModelRegistry registry = this.workspace.registry();
		for (ModelVersion model : models) {
			long id = this.modelVersions.register(model);
			this.results.recordRunModel(runId, id, registry.role(dataset.name(), model.key()));
		}
		this.results.describeRun(runId, months.get(0).toString(), months.get(months.size() - 1).toString(),
				months.size(), absent(months));
		Map<String, Double> thresholds = new LinkedHashMap<>();
		models.forEach((model) -> thresholds.put(model.key(), model.thresholdOr(this.threshold)));
		RunContext context = new RunContext(runId, dataset.name(), months,
				models.stream().map(ModelVersion::key).toList(), this.threshold, thresholds);
		context.store(job.getExecutionContext());
		RunContext.markFirst(job);
		job.getExecutionContext().putString(MonthPartitioner.PLAN, plan.format());
		Map<YearMonth, PinnedFile> pins = new LinkedHashMap<>();
		hashed.forEach((month, file) -> pins.put(month, file.pin()));
		FilePins.store(job.getExecutionContext(), pins, models);
		log.info("backtest run {}: dataset {}, {} months {}..{} in {} partitions, models {} (decision thresholds {})",
				runId, dataset.name(), months.size(), months.get(0), months.get(months.size() - 1),
				plan.groups().size(), context.modelKeys(), thresholds);
		return RepeatStatus.FINISHED;
	}

	private List<YearMonth> months(BacktestParameters parameters, DatasetConfig dataset,
			SortedMap<YearMonth, Path> files) {
		List<YearMonth> months = new ArrayList<>();
		for (YearMonth month : files.keySet()) {
			boolean afterFrom = parameters.from() == null || !month.isBefore(parameters.from());
			boolean beforeTo = parameters.to() == null || !month.isAfter(parameters.to());
			if (afterFrom && beforeTo) {
				months.add(month);
			}
		}
		if (months.isEmpty()) {
			throw new IllegalStateException(
					"no month files for dataset " + dataset.name() + " in " + this.workspace.datasetDir(dataset.name())
							+ " between " + ((parameters.from() != null) ? parameters.from() : "the first month")
							+ " and " + ((parameters.to() != null) ? parameters.to() : "the last month")
							+ ((files.isEmpty()) ? " (the folder has none: import data with jobs/import)"
									: " (months with data: " + files.firstKey() + ".." + files.lastKey() + ")"));
		}
		return months;
	}

	/**
	 * Each month file pinned (the pins the workers check, and a bound on the rows to plan
	 * row ranges by): from the month cache when it holds the file as it is now (nothing
	 * read), else hashed once, its line feeds counted on the same pass
	 * ({@link MonthSource#pin}). The files are hashed in parallel (a parallel stream: the
	 * caller and the common pool, so as many threads as cores): a cold back-test of 24
	 * files of 14 MB hashes them all before its first month starts, on one thread that
	 * was most of a second of the run's wall time. Each file is read by one thread, so a
	 * file's pin does not depend on the order, and the map keeps the months' order.
	 */
	private static Map<YearMonth, PinnedFile.Hashed> pin(MonthSource source, List<YearMonth> months,
			SortedMap<YearMonth, Path> files) {
		long started = System.nanoTime();
		List<PinnedFile.Hashed> hashes = months.parallelStream()
			.map((month) -> source.pin(files.get(month), month))
			.toList();
		Map<YearMonth, PinnedFile.Hashed> pinned = new LinkedHashMap<>();
		long bytes = 0;
		int known = 0;
		for (int i = 0; i < months.size(); i++) {
			PinnedFile.Hashed file = hashes.get(i);
			pinned.put(months.get(i), file);
			if (file.fromCache()) {
				known++;
			}
			else {
				bytes += file.bytes();
			}
		}
		log.info("pinned {} month files: {} known to the month cache, {} hashed ({} bytes) in {} ms", months.size(),
				known, months.size() - known, bytes, (System.nanoTime() - started) / 1_000_000);
		return pinned;
	}

	/**
	 * The months grouped into partitions by the sizes of their files, a month with more
	 * rows than {@code ratchet.backtest.partition-rows} split into row ranges. A month's
	 * rows are bounded by its pin's count ({@link PinnedFile.Hashed#rows}). A dataset
	 * with segments has every month planned whole: a range stores no segment states, so a
	 * split month would lose its segments' figures.
	 */
	private MonthGroups plan(long runId, DatasetConfig dataset, List<YearMonth> months,
			SortedMap<YearMonth, Path> files, Map<YearMonth, PinnedFile.Hashed> hashed) throws IOException {
		List<MonthGroups.SizedMonth> sized = new ArrayList<>();
		long partitionRows = this.properties.partitionRows();
		List<YearMonth> big = new ArrayList<>();
		for (YearMonth month : months) {
			long rows = hashed.get(month).rows();
			sized.add(new MonthGroups.SizedMonth(month, Files.size(files.get(month)), rows));
			if (rows > partitionRows) {
				big.add(month);
			}
		}
		if (!dataset.segments().isEmpty() && !big.isEmpty()) {
			log.info(
					"backtest run {}: dataset {} has segments, so months {} (more than {} rows, "
							+ "ratchet.backtest.partition-rows) are planned whole: row ranges keep no segment states",
					runId, dataset.name(), big, partitionRows);
			partitionRows = Long.MAX_VALUE;
		}
		return MonthGroups.plan(sized, this.properties.partitionBytes().toBytes(), this.properties.effectiveThreads(),
				partitionRows);
	}

	/** Calendar months between the first and the last that have no data file. */
	static List<String> absent(List<YearMonth> months) {
		List<String> absent = new ArrayList<>();
		Set<YearMonth> present = Set.copyOf(months);
		for (YearMonth month = months.get(0); month
			.isBefore(months.get(months.size() - 1)); month = month.plusMonths(1)) {
			if (!present.contains(month)) {
				absent.add(month.toString());
			}
		}
		return absent;
	}

	private List<ModelVersion> models(BacktestParameters parameters, DatasetConfig dataset) {
		ModelCatalogue catalogue = this.workspace.models();
		Set<String> keys = new LinkedHashSet<>(parameters.models());
		if (keys.isEmpty()) {
			keys.addAll(this.workspace.registry().contenders(dataset.name()));
			if (keys.isEmpty()) {
				throw new IllegalStateException("dataset " + dataset.name() + " has no champion or candidates in "
						+ this.workspace.paths().config().resolve("registry.yml") + "; name models with --models");
			}
		}
		List<ModelVersion> models = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (String key : keys) {
			ModelVersion model = catalogue.get(key);
			// fits the dataset (and for ONNX, its file and graph; for a logged model, its
			// prediction log)
			model.bind(dataset, this.workspace.datasetDir(dataset.name())).close();
			// its regression cases first: a model scoring differently is refused
			CaseCheck check = ModelCases.verify(model, dataset);
			if (check.skipped() != null) {
				log.info("model {}: no regression cases to run: {}", model.key(), check.skipped());
			}
			if (seen.add(model.key())) {
				models.add(model);
			}
		}
		return models;
	}

}
