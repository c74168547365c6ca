package io.ratchet.nowtest;

import io.ratchet.report.FeatureMeanStore;
import io.ratchet.report.RunReports;
import io.ratchet.run.ImportBatchStore;
import io.ratchet.run.IntervalProperties;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.system.RatchetDefaults;
import io.ratchet.workspace.MonthSources;
import io.ratchet.workspace.Workspace;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The now-test job: {@code nowtestImport} (merge incoming files, one per transaction) →
 * {@code nowtestScore} (the window and the drift reference, one pass each, every model) →
 * {@code nowtestSummary} (verdict, run record, report). Identified by dataset, as-of
 * date, window and label delay; restartable: a completed step is not run again, a failed
 * one replaces whatever it stored before.
 *
 * <p>
 * The window is scored by a single tasklet rather than partitioned: it is about a month
 * of data, the unit a back-test worker handles, and its metrics and drift need all of it
 * at once.
 */
@Configuration(proxyBeanMethods = false)
class NowtestJobConfiguration {

	static final String JOB_NAME = "nowtest";

	@Bean
	Job nowtest(JobRepository jobRepository, Step nowtestImport, Step nowtestScore, Step nowtestSummary,
			NowtestRunListener nowtestRunListener) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(NowtestParameters::from)
			.listener(nowtestRunListener)
			.start(nowtestImport)
			.next(nowtestScore)
			.next(nowtestSummary)
			.build();
	}

	@Bean
	Step nowtestImport(JobRepository jobRepository, PlatformTransactionManager transactionManager, Workspace workspace,
			ImportBatchStore imports, NowtestStore store) {
		return new StepBuilder("nowtestImport", jobRepository)
			.tasklet(new NowtestImportTasklet(workspace, imports, store), transactionManager)
			.build();
	}

	@Bean
	Step nowtestScore(JobRepository jobRepository, PlatformTransactionManager transactionManager, Workspace workspace,
			ModelVersionStore modelVersions, ResultsStore results, NowtestStore store, NowtestProperties properties,
			RatchetDefaults defaults, FeatureMeanStore featureMeans, LoggedPredictionsStore loggedPredictions,
			MonthSources monthSources, EstimateStore estimates, EarlyWarningProperties earlyWarning,
			IntervalProperties intervals, SurprisingRowStore surprising) {
		return new StepBuilder("nowtestScore", jobRepository)
			.tasklet(new NowtestScoreTasklet(workspace, monthSources, modelVersions, results, store, properties,
					defaults.threshold(), featureMeans, loggedPredictions, estimates, earlyWarning, intervals,
					surprising), transactionManager)
			.build();
	}

	@Bean
	Step nowtestSummary(JobRepository jobRepository, PlatformTransactionManager transactionManager, Workspace workspace,
			ResultsStore results, NowtestStore store, RunReports reports, EstimateStore estimates,
			EarlyWarningMail earlyWarnings, SurprisingRowStore surprising) {
		return new StepBuilder("nowtestSummary", jobRepository)
			.tasklet(
					new NowtestSummaryTasklet(workspace, results, store, reports, estimates, earlyWarnings, surprising),
					transactionManager)
			.build();
	}

}
