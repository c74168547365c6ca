package io.ratchet.challenge;

import io.ratchet.data.DatasetConfig;
import io.ratchet.model.CaseCheck;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelVersion;
import io.ratchet.promotion.PromotionProperties;
import io.ratchet.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of a challenge: the dataset must have requirements (or be marked
 * unmonitored) and a champion, and the champion's regression cases must still give their
 * expected outputs (a champion whose outputs changed is refused with the diff: case,
 * expected, got) before anything is trained. A champion whose scores are logged in
 * production (kind logged) has no cases: the challenge trains candidates against its
 * logged scores, and says so. The ranking metric ({@code primary-metric}) must be one the
 * dataset has: {@code business_value} needs its value matrix.
 */
class ChallengeCheckTasklet implements Tasklet {

	private static final Logger progress = LoggerFactory.getLogger("io.ratchet.progress");

	private final Workspace workspace;

	private final PromotionProperties promotionProperties;

	ChallengeCheckTasklet(Workspace workspace, PromotionProperties promotionProperties) {
		this.workspace = workspace;
		this.promotionProperties = promotionProperties;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		ChallengeParameters parameters = ChallengeParameters.from(job.getJobParameters());
		DatasetConfig dataset = this.workspace.dataset(parameters.dataset());
		// none: nothing to gate a candidate by
		this.workspace.checkRequirements(dataset.name());
		this.promotionProperties.forDataset(dataset);
		ModelVersion champion = champion(this.workspace, dataset.name());
		CaseCheck check = ModelCases.verify(champion, dataset);
		if (check.skipped() != null) {
			progress.info("challenge run {}: the champion {} is a logged-prediction model, which can be champion but"
					+ " is never a trained candidate: the candidates are trained and compared with its logged scores",
					job.getJobInstance().getInstanceId(), champion.key());
		}
		return RepeatStatus.FINISHED;
	}

	/**
	 * The dataset's champion as found in the catalogue; a dataset without one cannot be
	 * challenged.
	 */
	static ModelVersion champion(Workspace workspace, String dataset) {
		String key = workspace.registry()
			.champion(dataset)
			.orElseThrow(() -> new IllegalStateException("dataset " + dataset + " has no champion in "
					+ workspace.registry().file() + ": there is nothing to challenge (promote a model first)"));
		return workspace.models().get(key);
	}

}
