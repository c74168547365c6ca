package io.ratchet.backtest;

import java.time.ZonedDateTime;
import java.util.List;

import io.ratchet.schedule.SchedulableJob;
import io.ratchet.workspace.Workspace;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The back-test as the scheduler fires it ({@code job: backtest} in
 * {@code ratchet.schedule.jobs}): every month of the dataset, the registry's champion and
 * candidates, as of the fire's scheduled time. The same scheduled time always gives the
 * same parameters, hence the same run.
 */
@Component
class BacktestSchedule implements SchedulableJob {

	private final Job backtest;

	private final Workspace workspace;

	BacktestSchedule(@Qualifier(BacktestJobConfiguration.JOB_NAME) Job backtest, Workspace workspace) {
		this.backtest = backtest;
		this.workspace = workspace;
	}

	@Override
	public String name() {
		return BacktestJobConfiguration.JOB_NAME;
	}

	@Override
	public Job job() {
		return this.backtest;
	}

	/**
	 * The dataset's configuration must load, it must have requirements, and its folder of
	 * month files must exist.
	 */
	@Override
	public void validate(String dataset) {
		this.workspace.requireRunnable(dataset);
	}

	@Override
	public JobParameters parametersFor(String dataset, ZonedDateTime scheduledFireTime) {
		return new BacktestParameters(dataset, null, null, List.of(), scheduledFireTime.toLocalDateTime())
			.toJobParameters();
	}

}
