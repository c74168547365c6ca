package io.ratchet.challenge;

import java.nio.file.Files;
import java.time.ZonedDateTime;

import io.ratchet.schedule.SchedulableJob;
import io.ratchet.system.Failures;
import io.ratchet.system.Workspace;
import io.ratchet.training.SearchSpaces;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The challenge as the scheduler fires it ({@code job: challenge} in {@code ratchet.schedule.jobs}), as of the fire's
 * scheduled time: the same scheduled time always gives the same parameters, hence the same run.
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
	 * The dataset's configuration must load, it must have requirements, its data folder must exist and it must have
	 * a search space.
	 */
	@Override
	public void validate(String dataset) {
		try {
			this.workspace.dataset(dataset);
			this.workspace.requirementsFor(dataset);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("challenge of dataset '" + dataset + "': " + Failures.describe(ex), ex);
		}
		if (!Files.isDirectory(this.workspace.datasetDir(dataset))) {
			throw new IllegalArgumentException("challenge of dataset '" + dataset + "': no data folder "
					+ this.workspace.datasetDir(dataset) + " (import its data with jobs/import)");
		}
		try {
			SearchSpaces.load(this.workspace.paths().config(), dataset);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("challenge of dataset '" + dataset + "': " + Failures.describe(ex), ex);
		}
	}

	@Override
	public JobParameters parametersFor(String dataset, ZonedDateTime scheduledFireTime) {
		return new ChallengeParameters(dataset, scheduledFireTime.toLocalDateTime()).toJobParameters();
	}

}
