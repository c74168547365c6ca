package io.ratchet.challenge;

import io.ratchet.alert.ChallengeMail;
import io.ratchet.promotion.Promotion;
import io.ratchet.promotion.PromotionGate;
import io.ratchet.promotion.PromotionProperties;
import io.ratchet.report.RunReports;
import io.ratchet.run.ResultsStore;
import io.ratchet.workspace.Workspace;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The challenge job: {@code challengeCheck} (the champion's regression cases) →
 * {@code challengeTrain} (the search space's candidates on windows before the evaluation
 * months, written and registered) → {@code challengeEvaluate} (the back-test job over the
 * evaluation months with the champion and the new candidates: one pass over the data,
 * every figure in the normal results tables) → {@code challengeRank} (ranking, registry
 * pruning, the promotion gate, automatic promotion when enabled) →
 * {@code challengeReport} (report, run verdict, e-mail).
 * <p>
 * Restart: completed steps are not run again (Spring Batch's default), the train step's
 * decisions live in the job execution context, and the evaluation step restarts the same
 * back-test run (its parameters follow from the challenge's), which itself skips the
 * months it finished.
 */
@Configuration(proxyBeanMethods = false)
class ChallengeJobConfiguration {

	static final String JOB_NAME = "challenge";

	@Bean
	Job challenge(JobRepository jobRepository, Step challengeCheck, Step challengeTrain, Step challengeEvaluate,
			Step challengeRank, Step challengeReport, ChallengeRunListener challengeRunListener) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(ChallengeParameters::from)
			.listener(challengeRunListener)
			.start(challengeCheck)
			.next(challengeTrain)
			.next(challengeEvaluate)
			.next(challengeRank)
			.next(challengeReport)
			.build();
	}

	@Bean
	Step challengeCheck(JobRepository jobRepository, PlatformTransactionManager transactionManager, Workspace workspace,
			PromotionProperties promotionProperties) {
		return new StepBuilder("challengeCheck", jobRepository)
			.tasklet(new ChallengeCheckTasklet(workspace, promotionProperties), transactionManager)
			.build();
	}

	@Bean
	Step challengeTrain(JobRepository jobRepository, PlatformTransactionManager transactionManager, Workspace workspace,
			ResultsStore results, ChallengeStore store) {
		return new StepBuilder("challengeTrain", jobRepository)
			.tasklet(new ChallengeTrainTasklet(workspace, results, store), transactionManager)
			.build();
	}

	/**
	 * A job step: the back-test job itself, started through the {@link JobOperator} with
	 * parameters derived from the challenge (dataset, evaluation months, champion and new
	 * candidates, the challenge's as-of). It is a run of its own ({@code jobs/runs} lists
	 * it, its report and alerts are a back-test's), and the challenge records its id. Its
	 * exit status (e.g. {@code BREACH} for a champion below its minimums) does not stop
	 * the challenge.
	 * <p>
	 * The operator is injected lazily: the default operator's job registry is filled with
	 * every {@link Job} bean when the operator is created, so a job that needed the
	 * operator to be built first would be missing from it (and could not be restarted).
	 */
	@Bean
	Step challengeEvaluate(JobRepository jobRepository, @Lazy JobOperator jobOperator,
			@Qualifier("backtest") Job backtest) {
		return new StepBuilder("challengeEvaluate", jobRepository).job(backtest)
			.operator(jobOperator)
			.parametersExtractor((job, stepExecution) -> EvaluationRun.jobParameters(stepExecution.getJobExecution()))
			.build();
	}

	@Bean
	Step challengeRank(JobRepository jobRepository, PlatformTransactionManager transactionManager, Workspace workspace,
			ResultsStore results, ChallengeStore store, PromotionGate gate, Promotion promotion,
			PromotionProperties promotionProperties, ChallengeProperties properties) {
		return new StepBuilder("challengeRank", jobRepository)
			.tasklet(new ChallengeRankTasklet(workspace, results, store, gate, promotion, promotionProperties,
					properties, jobRepository), transactionManager)
			.build();
	}

	@Bean
	Step challengeReport(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Workspace workspace, ResultsStore results, ChallengeStore store, ChallengeMail mail, RunReports reports) {
		return new StepBuilder("challengeReport", jobRepository)
			.tasklet(new ChallengeReportTasklet(workspace, results, store, mail, reports), transactionManager)
			.build();
	}

}
