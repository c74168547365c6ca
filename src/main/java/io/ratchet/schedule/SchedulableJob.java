package io.ratchet.schedule;

import java.time.ZonedDateTime;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * A job the scheduler may fire: each job package contributes one as a bean. The
 * parameters of a fire are derived from its scheduled time only, so a fire that is
 * repeated (a misfire replayed, a second daemon) names the same job instance and Spring
 * Batch refuses to run it twice.
 */
public interface SchedulableJob {

	/** The key used in {@code ratchet.schedule.jobs[].job}, e.g. {@code nowtest}. */
	String name();

	/** The Spring Batch job to start. */
	Job job();

	/**
	 * Checks at start-up that a schedule entry can run, e.g. that its dataset exists.
	 * @throws IllegalArgumentException with a message naming the dataset and the cause
	 */
	void validate(String dataset);

	/**
	 * The identifying parameters of the fire scheduled for {@code scheduledFireTime} (in
	 * the job's time zone).
	 */
	JobParameters parametersFor(String dataset, ZonedDateTime scheduledFireTime);

}
