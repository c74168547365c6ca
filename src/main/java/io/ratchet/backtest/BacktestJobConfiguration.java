package io.ratchet.backtest;

import io.ratchet.remote.RemotePartitionHandler;
import io.ratchet.report.FeatureMeanStore;
import io.ratchet.report.RunReports;
import io.ratchet.run.IntervalProperties;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.RangeStateStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunSummaries;
import io.ratchet.segment.SegmentStore;
import io.ratchet.system.RatchetDefaults;
import io.ratchet.workspace.MonthSources;
import io.ratchet.workspace.Workspace;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The back-test job: {@code backtestPrepare} (months, models, checks) →
 * {@code backtestMonths} (one partition per group of consecutive month files, run in
 * parallel) → {@code backtestSummary} (whole period, verdict, report).
 */
@Configuration(proxyBeanMethods = false)
class BacktestJobConfiguration {

	static final String JOB_NAME = "backtest";

	@Bean
	Job backtest(JobRepository jobRepository, Step backtestPrepare, Step backtestMonths, Step backtestSummary,
			BacktestRunListener backtestRunListener) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(BacktestParameters::from)
			.listener(backtestRunListener)
			.start(backtestPrepare)
			.next(backtestMonths)
			.next(backtestSummary)
			.build();
	}

	/**
	 * The prepare step runs again on every restart ({@code allowStartIfComplete}): a
	 * process killed after the step completed but before Spring Batch stored the job
	 * execution context would otherwise restart without the months and models. When the
	 * decisions were stored, the step keeps them and does nothing.
	 */
	@Bean
	Step backtestPrepare(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Workspace workspace, ModelVersionStore modelVersions, ResultsStore results, RatchetDefaults defaults,
			BacktestProperties properties, MonthSources monthSources) {
		return new StepBuilder("backtestPrepare", jobRepository)
			.tasklet(new BacktestPrepareTasklet(workspace, monthSources, modelVersions, results, defaults.threshold(),
					properties), transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	/**
	 * The manager step. The partitioner is job-scoped because the months and their groups
	 * are decided by the prepare step of the same execution. On restart Spring Batch
	 * re-creates only the partitions that did not complete, from their stored contexts,
	 * and a worker skips the months of its group already stored, so finished months are
	 * not recomputed. The grid size is ignored (the plan decides the partitions); the
	 * thread pool, not the grid, bounds the parallelism. With
	 * {@code ratchet.backtest.workers=remote} the partitions go to worker processes
	 * through the broker instead of the pool ({@link RemotePartitionHandler}).
	 */
	@Bean
	Step backtestMonths(JobRepository jobRepository, Step backtestMonth, MonthPartitioner backtestMonthPartitioner,
			TaskExecutor backtestTaskExecutor, BacktestProperties properties,
			ObjectProvider<RemotePartitionHandler> remotePartitionHandler) {
		PartitionStepBuilder partitions = new StepBuilder("backtestMonths", jobRepository)
			.partitioner("backtestMonth", backtestMonthPartitioner)
			.step(backtestMonth)
			.gridSize(1);
		if (properties.workers() == BacktestProperties.Workers.REMOTE) {
			// worker processes run the same step (io.ratchet.remote)
			return partitions.partitionHandler(remotePartitionHandler.getObject()).build();
		}
		return partitions.taskExecutor(backtestTaskExecutor).build();
	}

	@Bean
	@JobScope
	MonthPartitioner backtestMonthPartitioner(Workspace workspace,
			@Value("#{jobExecutionContext['ratchet.dataset']}") String dataset,
			@Value("#{jobExecutionContext['ratchet.months']}") String months,
			@Value("#{jobExecutionContext['" + MonthPartitioner.PLAN + "']}") String plan,
			@Value("#{jobExecutionContext['" + FilePins.MONTHS + "']}") String monthPins,
			@Value("#{jobExecutionContext['" + FilePins.MODELS + "']}") String modelPins) {
		// a run started before months were grouped has no plan: one month per partition
		return new MonthPartitioner(workspace.datasetDir(dataset),
				(plan != null) ? MonthGroups.parse(plan) : MonthGroups.oneEach(MonthGroups.months(months)),
				FilePins.months(monthPins), modelPins);
	}

	/**
	 * The worker step: a group of months, consecutive months sharing a transaction up to
	 * {@code ratchet.backtest.commit-bytes} of month files.
	 */
	@Bean
	Step backtestMonth(JobRepository jobRepository, PlatformTransactionManager transactionManager, Workspace workspace,
			ModelVersionStore modelVersions, ResultsStore results, FeatureMeanStore featureMeans,
			LoggedPredictionsStore loggedPredictions, MonthSources monthSources, BacktestProgress backtestProgress,
			BacktestProperties properties, SegmentStore segments, IntervalProperties intervals,
			RangeStateStore rangeStates) {
		BacktestMonthTasklet tasklet = new BacktestMonthTasklet(workspace, monthSources, modelVersions, results,
				featureMeans, loggedPredictions, backtestProgress, properties.commitBytes().toBytes(), segments,
				intervals, rangeStates);
		// the tasklet releases a partition's bound models when its step ends
		return new StepBuilder("backtestMonth", jobRepository).tasklet(tasklet, transactionManager)
			.listener(tasklet)
			.build();
	}

	@Bean
	Step backtestSummary(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Workspace workspace, ResultsStore results, RunReports reports, BacktestProperties properties,
			SegmentStore segments, IntervalProperties intervals, RangeStateStore rangeStates,
			FeatureMeanStore featureMeans, LoggedPredictionsStore loggedPredictions, RunSummaries summaries) {
		MonthRanges monthRanges = new MonthRanges(workspace, results, rangeStates, featureMeans, loggedPredictions,
				transactionManager, intervals);
		return new StepBuilder("backtestSummary", jobRepository)
			.tasklet(new BacktestSummaryTasklet(workspace, results, summaries, reports, properties, monthRanges,
					segments, intervals), transactionManager)
			.build();
	}

	/**
	 * A bounded pool: {@code ratchet.backtest.threads} months at once (default one per
	 * core). Every month is queued at once by the partition handler; the pool's queue
	 * holds the rest.
	 */
	@Bean
	ThreadPoolTaskExecutor backtestTaskExecutor(BacktestProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(properties.effectiveThreads());
		executor.setMaxPoolSize(properties.effectiveThreads());
		executor.setThreadNamePrefix("backtest-");
		executor.setWaitForTasksToCompleteOnShutdown(true);
		return executor;
	}

}
