package io.ratchet.challenge;

import java.time.ZonedDateTime;

import io.ratchet.schedule.SchedulableJob;
import io.ratchet.system.Failures;
import io.ratchet.training.SearchSpaces;
import io.ratchet.workspace.Workspace;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The challenge as the scheduler fires it ({@code job: challenge} in
 * {@code ratchet.schedule.jobs}), as of the fire's scheduled time: the same scheduled
 * time always gives the same parameters, hence the same run.
 */
@Component
class ChallengeSchedule implements SchedulableJob {

	private final Job challenge;

	private final Workspace workspace;

	ChallengeSchedule(@Qualifier(ChallengeJobConfiguration.JOB_NAME) Job challenge, Workspace workspace) {
		this.challenge = challenge;
		this.workspace = workspace;
	}

	@Override
	public String name() {
		return ChallengeJobConfiguration.JOB_NAME;
	}

	@Override
	public Job job() {
		return this.challenge;
	}

	/**
	 * The dataset's configuration must load, it must have requirements, its data folder
	 * must exist and it must have a search space.
	 */
	@Override
	public void validate(String dataset) {
		String challenge = "challenge of dataset '" + dataset + "': ";
		try {
			this.workspace.requireRunnable(dataset);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(challenge + ex.getMessage(), ex);
		}
		try {
			SearchSpaces.load(this.workspace.paths().config(), dataset);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(challenge + Failures.describe(ex), ex);
		}
	}

	@Override
	public JobParameters parametersFor(String dataset, ZonedDateTime scheduledFireTime) {
		return new ChallengeParameters(dataset, scheduledFireTime.toLocalDateTime()).toJobParameters();
	}

}
