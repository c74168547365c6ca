package io.ratchet.nowtest;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import io.ratchet.data.DataFileException;
import io.ratchet.requirement.RequirementsException;
import io.ratchet.schedule.SchedulableJob;
import io.ratchet.workspace.Workspace;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Lets the scheduler fire the now-test: a fire at any time on day D judges the window
 * ending yesterday, D − 1 (the day in {@code ratchet.nowtest.zone}), with the dataset's
 * configured window and label delay.
 */
@Component
class NowtestSchedule implements SchedulableJob {

	private final Job nowtest;

	private final Workspace workspace;

	private final NowtestProperties properties;

	NowtestSchedule(@Qualifier("nowtest") Job nowtest, Workspace workspace, NowtestProperties properties) {
		this.nowtest = nowtest;
		this.workspace = workspace;
		this.properties = properties;
	}

	@Override
	public String name() {
		return NowtestJobConfiguration.JOB_NAME;
	}

	@Override
	public Job job() {
		return this.nowtest;
	}

	@Override
	public void validate(String dataset) {
		try {
			this.workspace.dataset(dataset);
		}
		catch (DataFileException ex) {
			throw new IllegalArgumentException("now-test of dataset '" + dataset + "': " + ex.getMessage(), ex);
		}
		try {
			this.workspace.requirementsFor(dataset);
		}
		catch (RequirementsException ex) {
			throw new IllegalArgumentException("now-test of dataset '" + dataset + "': " + ex.getMessage(), ex);
		}
	}

	@Override
	public JobParameters parametersFor(String dataset, ZonedDateTime scheduledFireTime) {
		return parameters(dataset, scheduledFireTime).toJobParameters();
	}

	NowtestParameters parameters(String dataset, ZonedDateTime scheduledFireTime) {
		LocalDate yesterday = scheduledFireTime.withZoneSameInstant(this.properties.zoneId())
			.toLocalDate()
			.minusDays(1);
		return new NowtestParameters(dataset, yesterday, this.properties.windowDays(dataset),
				this.properties.labelDelayDays(dataset));
	}

}
