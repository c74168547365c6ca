package io.ratchet.run;

import java.util.Optional;

/**
 * The jobs that record runs ({@code run.job_name}): the back-test, the now-test and the
 * challenge. The database keeps the lower-case {@link #jobName()}, which is also the
 * Spring Batch job's name.
 */
public enum JobKind {

	BACKTEST("backtest"), NOWTEST("nowtest"), CHALLENGE("challenge");

	private final String jobName;

	JobKind(String jobName) {
		this.jobName = jobName;
	}

	/** The job's name as stored and as Spring Batch knows it. */
	public String jobName() {
		return this.jobName;
	}

	/** Whether a stored job name names this job. */
	public boolean is(String jobName) {
		return this.jobName.equals(jobName);
	}

	/** The job a stored name names, if any. */
	public static Optional<JobKind> of(String jobName) {
		for (JobKind kind : values()) {
			if (kind.jobName.equals(jobName)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return this.jobName;
	}

}
