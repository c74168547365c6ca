package io.ratchet.challenge;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.ratchet.alert.ChallengeMail;
import io.ratchet.challenge.ChallengeStore.ChallengeRun;
import io.ratchet.report.RunReports;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunStatus;
import io.ratchet.system.Failures;
import io.ratchet.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last step of a challenge: writes its report, closes the run with the outcome as its
 * verdict, and e-mails the dataset's recipients when a candidate was promoted or is
 * eligible (an e-mail problem is logged, never a failure of the run: the message stays in
 * the outbox for the next attempt).
 */
class ChallengeReportTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ChallengeReportTasklet.class);

	/** Outcomes worth an e-mail. */
	static final Set<String> NEWS = Set.of("PROMOTED", "ELIGIBLE", "WAITING");

	private final Workspace workspace;

	private final ResultsStore results;

	private final ChallengeStore store;

	private final ChallengeMail mail;

	private final RunReports reports;

	ChallengeReportTasklet(Workspace workspace, ResultsStore results, ChallengeStore store, ChallengeMail mail,
			RunReports reports) {
		this.workspace = workspace;
		this.results = results;
		this.store = store;
		this.mail = mail;
		this.reports = reports;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		long runId = chunkContext.getStepContext()
			.getStepExecution()
			.getJobExecution()
			.getJobInstance()
			.getInstanceId();
		ChallengeRun run = this.store.run(runId).orElseThrow();
		Path evaluationReport = (run.evaluationRunId() != null)
				? this.results.run(run.evaluationRunId()).map(RunRecord::reportPath).map(Path::of).orElse(null) : null;
		Long evaluation = run.evaluationRunId();
		ChallengeReport report = new ChallengeReport(run, this.store.candidates(runId), evaluationReport,
				(evaluation != null) ? this.results.metricValues(evaluation) : List.of(),
				(evaluation != null) ? this.results.runModels(evaluation) : List.of());
		Path dir = this.workspace.reportDir(ChallengeJobConfiguration.JOB_NAME, runId);
		Path page = report.write(dir, this.reports);
		this.results.finishRun(runId, RunStatus.COMPLETED, run.outcome(), 0, 0, 0, page.toString(), null);
		if (NEWS.contains(run.outcome())) {
			try {
				this.mail.send(runId, run.dataset(), report.subject(), report.mailBody(page), report.page(dir),
						ChallengeReport.link(page));
			}
			catch (RuntimeException ex) {
				log.warn("the e-mail of challenge run {} is not sent now, it is retried at the next run: {}", runId,
						Failures.describe(ex));
			}
		}
		contribution.setExitStatus(new ExitStatus(run.outcome()));
		return RepeatStatus.FINISHED;
	}

}
