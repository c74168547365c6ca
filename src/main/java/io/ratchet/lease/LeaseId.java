package io.ratchet.lease;

/**
 * What a lease is on: one job launched by a command with its parameters, or one scheduled
 * run.
 *
 * @param kind who claims such things
 * @param job the Spring Batch job name
 * @param key which one: the command's parameters (cut to 1000 characters, the column's
 * size), or the scheduled run's Spring Batch job key (the hash of its identifying
 * parameters)
 */
public record LeaseId(Kind kind, String job, String key) {

	/** The longest key stored. */
	static final int MAX_KEY = 1000;

	public LeaseId {
		key = (key.length() > MAX_KEY) ? key.substring(0, MAX_KEY) : key;
	}

	/**
	 * A job started by a command ({@code jobs/backtest}...): the same job launched twice
	 * at once runs once.
	 */
	public static LeaseId command(String job, String parameters) {
		return new LeaseId(Kind.COMMAND, job, parameters);
	}

	/**
	 * A run launched by a scheduler daemon: the daemon that holds it is the one running
	 * it.
	 */
	public static LeaseId scheduledRun(String job, String jobKey) {
		return new LeaseId(Kind.SCHEDULED_RUN, job, jobKey);
	}

	/** Who claims: the two never claim the same thing (column {@code kind}). */
	public enum Kind {

		/** A command of {@code jobs/}. */
		COMMAND("command"),

		/** A scheduler daemon's fire. */
		SCHEDULED_RUN("scheduled-run");

		private final String column;

		Kind(String column) {
			this.column = column;
		}

		/** The value of column {@code kind}. */
		String column() {
			return this.column;
		}

	}

}
