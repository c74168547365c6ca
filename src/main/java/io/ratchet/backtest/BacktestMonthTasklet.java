package io.ratchet.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthSource;
import io.ratchet.data.ReadStats;
import io.ratchet.data.RejectedRowsFile;
import io.ratchet.model.BlockScorer;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.ScoringPass.Scored;
import io.ratchet.model.ScoringPass;
import io.ratchet.report.FeatureMeanStore;
import io.ratchet.report.FeatureMeans;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.run.JobKind;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ModelFigures;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.PartitionResult;
import io.ratchet.run.ResultsStore;
import io.ratchet.workspace.MonthSources;
import io.ratchet.workspace.Workspace;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The worker of a back-test: scores one month file with every model in a single pass and
 * stores the figures.
 *
 * <p>
 * It is a tasklet rather than a chunk-oriented step because the unit of work (and of
 * restart) is the whole month: the metric accumulators need every row of the month, and
 * keeping them across chunks would put state in JVM memory that a restart could not
 * recover. The tasklet runs inside one transaction, and
 * {@link ResultsStore#savePartition} replaces any rows an earlier attempt left, so a
 * month is stored exactly once however often it is run.
 *
 * <p>
 * The tasklet is a stateless singleton: everything it needs comes from the step execution
 * (month and file) and the job execution context (models, threshold), so partitions may
 * run on threads of one JVM or on remote workers.
 */
class BacktestMonthTasklet implements Tasklet {

	/** Where the step context says the month came from: {@code cache} or {@code csv}. */
	static final String SOURCE = "ratchet.month.source";

	private final Workspace workspace;

	private final MonthSources monthSources;

	private final ModelVersionStore modelVersions;

	private final ResultsStore results;

	private final FeatureMeanStore featureMeans;

	private final LoggedPredictionsStore loggedPredictions;

	BacktestMonthTasklet(Workspace workspace, MonthSources monthSources, ModelVersionStore modelVersions,
			ResultsStore results, FeatureMeanStore featureMeans, LoggedPredictionsStore loggedPredictions) {
		this.workspace = workspace;
		this.monthSources = monthSources;
		this.modelVersions = modelVersions;
		this.results = results;
		this.featureMeans = featureMeans;
		this.loggedPredictions = loggedPredictions;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long started = System.nanoTime();
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		RunContext run = RunContext.of(step.getJobExecution());
		YearMonth month = YearMonth.parse(step.getExecutionContext().getString(MonthPartitioner.PERIOD));
		Path file = Path.of(step.getExecutionContext().getString(MonthPartitioner.INPUT_FILE));
		DatasetConfig dataset = this.workspace.dataset(run.dataset());
		List<StoredModel> models = models(run);
		Path rejectedFile = this.workspace.reportDir(JobKind.BACKTEST.jobName(), run.runId())
			.resolve("rejected")
			.resolve(month + ".csv");
		// each numeric feature's mean, for the report's drift charts (one more sum per
		// feature on the same pass)
		FeatureMeans means = new FeatureMeans(dataset);
		ReadStats stats;
		MonthSource source = this.monthSources.of(dataset);
		List<Scored<StoredModel>> scored;
		try (ScoringPass<StoredModel> pass = ScoringPass.bind(models, StoredModel::model, dataset,
				this.workspace.datasetDir(dataset.name()), run.threshold());
				RejectedRowsFile rejects = RejectedRowsFile.open(rejectedFile)) {
			pass.countLoggedBetween(month.atDay(1), month.atEndOfMonth());
			// every row counted and accumulated, a block at a time (one call per block
			// for an ONNX model), in file order
			BlockScorer blocks = pass.blocks();
			stats = source.read(file, month, (row) -> {
				means.add(row);
				blocks.add(row);
			}, rejects);
			blocks.flush();
			scored = pass.models();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		step.getExecutionContext().putString(SOURCE, (source.monthsFromCache() > 0) ? "cache" : "csv");
		List<ModelFigures> figures = figures(dataset, month, scored);
		long millis = (System.nanoTime() - started) / 1_000_000;
		this.results.savePartition(new PartitionResult(run.runId(), month.toString(), file.toString(), stats.rows(),
				stats.accepted(), stats.rejected(), stats.unlabelled(),
				(stats.rejected() > 0) ? rejectedFile.toString() : null, millis), figures);
		this.featureMeans.save(run.runId(), month.toString(), means);
		this.loggedPredictions.saveCoverage(run.runId(), month.toString(), coverages(month, scored));
		// StepContribution can add only one read at a time; the month is one unit, so
		// count on the step itself.
		step.setReadCount(step.getReadCount() + stats.accepted());
		contribution.incrementWriteCount(stats.accepted());
		contribution.incrementReadSkipCount(stats.rejected());
		return RepeatStatus.FINISHED;
	}

	/** The run's models, in the run's order, each with its id in the database. */
	private List<StoredModel> models(RunContext run) {
		ModelCatalogue catalogue = this.workspace.models();
		List<StoredModel> models = new ArrayList<>();
		for (String key : run.modelKeys()) {
			ModelVersion model = catalogue.get(key);
			models.add(new StoredModel(model, this.modelVersions.register(model)));
		}
		return models;
	}

	/** Each model's figures of the month, checked against the monthly bounds. */
	private List<ModelFigures> figures(DatasetConfig dataset, YearMonth month, List<Scored<StoredModel>> scored) {
		DatasetRequirements requirements = this.workspace.requirementsFor(dataset.name());
		List<ModelFigures> figures = new ArrayList<>();
		for (Scored<StoredModel> model : scored) {
			var values = model.accumulator().result();
			figures.add(new ModelFigures(model.subject().id(), dataset.task(), values,
					RequirementCheck.check(requirements, model.version().name(), month.toString(), false, values),
					model.accumulator().toBytes()));
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

	/** A model of the run and its id in the database. */
	private record StoredModel(ModelVersion model, long id) {
	}

}
