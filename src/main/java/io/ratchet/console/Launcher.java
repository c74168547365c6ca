package io.ratchet.console;

/**
 * What the launch form needs of the launch service: start a job in the background and
 * tell its run id at once.
 */
interface Launcher {

	/**
	 * Starts {@code job} on {@code dataset} and returns its run id while it runs.
	 * @param job {@code backtest}, {@code nowtest} or {@code challenge}
	 * @param asOf the job's as-of date or date-time as its command takes it, or
	 * {@code null} for the command's default
	 * @throws LaunchRefusedException when it cannot start, e.g. the same run is already
	 * running (the message says so, as the command line would)
	 */
	long launch(String job, String dataset, String asOf);

}
