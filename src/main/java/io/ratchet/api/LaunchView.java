package io.ratchet.api;

/**
 * The answer to {@code POST /api/runs}.
 *
 * @param runId the run's id: the new run's (202) or the one that already completed with
 * the same parameters (200)
 * @param outcome {@code started} or {@code already-completed}
 * @param message what happened, in words
 * @param location where to follow the run: {@code /api/runs/<id>}
 * @param run the run as stored, once the run has opened its record ({@code null} just
 * after a start)
 * @param heading the line the command ({@code jobs/backtest} ...) prints before the run
 */
public record LaunchView(long runId, String outcome, String message, String location, RunView run, String heading) {

}
