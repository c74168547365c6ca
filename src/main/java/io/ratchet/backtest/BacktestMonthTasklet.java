package io.ratchet.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.ReadStats;
import io.ratchet.data.RejectedRowsFile;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.model.BlockScorer;
import io.ratchet.model.BoundModels;
import io.ratchet.model.LoggedScorer;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelVersion;
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
import io.ratchet.system.Workspace;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The worker of a back-test: scores one month file with every model in a single pass and stores the figures.
 *
 * <p>
 * It is a tasklet rather than a chunk-oriented step because the unit of work (and of restart) is the whole month: the
 * metric accumulators need every row of the month, and keeping them across chunks would put state in JVM memory that
 * a restart could not recover. The tasklet runs inside one transaction, and {@link ResultsStore#savePartition}
 * replaces any rows an earlier attempt left, so a month is stored exactly once however often it is run.
 *
 * <p>
 * The tasklet is a stateless singleton: everything it needs comes from the step execution (month and file) and the
 * job execution context (models, threshold), so partitions may run on threads of one JVM or on remote workers.
 */
class BacktestMonthTasklet implements Tasklet {

	private final Workspace workspace;

	private final ModelVersionStore modelVersions;

	private final ResultsStore results;

	private final FeatureMeanStore featureMeans;

	private final LoggedPredictionsStore loggedPredictions;

	BacktestMonthTasklet(Workspace workspace, ModelVersionStore modelVersions, ResultsStore results,
			FeatureMeanStore featureMeans, LoggedPredictionsStore loggedPredictions) {
		this.workspace = workspace;
		this.modelVersions = modelVersions;
		this.results = results;
		this.featureMeans = featureMeans;
		this.loggedPredictions = loggedPredictions;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long started = System.nanoTime();
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		JobExecution job = step.getJobExecution();
		RunContext run = RunContext.of(job);
		YearMonth month = YearMonth.parse(step.getExecutionContext().getString(MonthPartitioner.PERIOD));
		Path file = Path.of(step.getExecutionContext().getString(MonthPartitioner.INPUT_FILE));

		DatasetConfig dataset = this.workspace.dataset(run.dataset());
		ModelCatalogue catalogue = this.workspace.models();
		List<ModelVersion> models = new ArrayList<>();
		List<Long> ids = new ArrayList<>();
		for (String key : run.modelKeys()) {
			ModelVersion model = catalogue.get(key);
			models.add(model);
			ids.add(this.modelVersions.register(model));
		}
		int count = models.size();
		MetricAccumulator[] accumulators = new MetricAccumulator[count];
		for (int i = 0; i < count; i++) {
			accumulators[i] = Accumulators.create(dataset.task(), run.threshold());
		}

		Path rejectedFile = this.workspace.reportDir(JobKind.BACKTEST.jobName(), run.runId()).resolve("rejected")
			.resolve(month + ".csv");
		// each numeric feature's mean, for the report's drift charts (one more sum per feature on the same pass)
		FeatureMeans means = new FeatureMeans(dataset);
		ReadStats stats;
		// a model whose scores are logged: a row without one is counted, never scored as something
		LoggedScorer[] logged = new LoggedScorer[count];
		try (BoundModels scorers = BoundModels.bind(models, dataset, this.workspace.datasetDir(dataset.name()));
				RejectedRowsFile rejects = RejectedRowsFile.open(rejectedFile)) {
			for (int i = 0; i < count; i++) {
				if (scorers.get(i) instanceof LoggedScorer loggedScorer) {
					logged[i] = loggedScorer;
					loggedScorer.countBetween(month.atDay(1), month.atEndOfMonth());
				}
			}
			// rows are scored a block at a time (one call per block for an ONNX model), in file order
			BlockScorer blocks = scorers.blocks((row, scores) -> {
				for (int i = 0; i < count; i++) {
					double score = scores[i];
					if (logged[i] != null) {
						logged[i].count(row, score, row.labelled());
						if (Double.isNaN(score)) {
							continue;
						}
					}
					accumulators[i].add(score, row.label());
				}
			});
			stats = new MonthFileReader(dataset).read(file, month, (row) -> {
				means.add(row);
				blocks.add(row);
			}, rejects);
			blocks.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}

		DatasetRequirements requirements = this.workspace.requirementsFor(dataset.name());
		List<ModelFigures> figures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			var values = accumulators[i].result();
			figures.add(new ModelFigures(ids.get(i), dataset.task(), values,
					RequirementCheck.check(requirements, models.get(i).name(), month.toString(), false, values),
					accumulators[i].toBytes()));
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		this.results.savePartition(new PartitionResult(run.runId(), month.toString(), file.toString(), stats.rows(),
				stats.accepted(), stats.rejected(), stats.unlabelled(),
				(stats.rejected() > 0) ? rejectedFile.toString() : null, millis), figures);
		this.featureMeans.save(run.runId(), month.toString(), means);
		List<LoggedPredictionsStore.StoredCoverage> coverages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (logged[i] != null) {
				coverages.add(new LoggedPredictionsStore.StoredCoverage(ids.get(i), month.toString(),
						logged[i].coverage()));
			}
		}
		this.loggedPredictions.saveCoverage(run.runId(), month.toString(), coverages);
		// StepContribution can add only one read at a time; the month is one unit, so count on the step itself.
		step.setReadCount(step.getReadCount() + stats.accepted());
		contribution.incrementWriteCount(stats.accepted());
		contribution.incrementReadSkipCount(stats.rejected());
		return RepeatStatus.FINISHED;
	}

}
