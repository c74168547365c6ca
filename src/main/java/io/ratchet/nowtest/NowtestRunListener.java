package io.ratchet.nowtest;

import java.time.YearMonth;

import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunFinished;
import io.ratchet.run.RunListener;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code run} row of a now-test in step with the job: recorded (or re-opened on
 * restart) before the first step with {@code job_name = 'nowtest'}, the as-of date at
 * 00:00 and the months of the window; marked failed with the causes when the job fails.
 * When the job ends it publishes {@link RunFinished} for alerts.
 */
@Component
class NowtestRunListener extends RunListener {

	NowtestRunListener(ResultsStore results, ApplicationEventPublisher events) {
		super(NowtestJobConfiguration.JOB_NAME, results, events);
	}

	@Override
	protected void open(ResultsStore results, long runId, JobParameters parameters)
			throws InvalidJobParametersException {
		NowtestParameters job = NowtestParameters.from(parameters);
		NowtestWindow window = job.window();
		results.openRun(runId, NowtestJobConfiguration.JOB_NAME, job.dataset(),
				YearMonth.from(window.start()).toString(), YearMonth.from(window.asOf()).toString(),
				job.asOf().atStartOfDay(), job.describe(), window.months().size());
	}

}
