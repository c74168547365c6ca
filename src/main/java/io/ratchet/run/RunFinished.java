package io.ratchet.run;

/**
 * Published (as a Spring application event) when a run of any job has ended and its
 * {@code run} row is final: alerts and other follow-ups listen for it rather than being
 * wired into each job.
 *
 * @param runId the run (job instance) id
 * @param jobName {@code backtest}, {@code nowtest}, ...
 * @param dataset the dataset the run judged
 * @param completed whether the job completed (false: failed or stopped)
 */
public record RunFinished(long runId, String jobName, String dataset, boolean completed) {
}
