package io.ratchet.api;

import java.util.Map;

/**
 * The body of {@code POST /api/runs}, e.g. {@code {"job": "nowtest", "parameters":
 * {"dataset": "churn", "asOf": "2026-03-31"}}}.
 *
 * @param job {@code backtest}, {@code nowtest} or {@code challenge}
 * @param parameters the job's parameters by name (see
 * {@link io.ratchet.launch.JobRequests}); absent ones take the command line's defaults
 */
public record LaunchBody(String job, Map<String, String> parameters) {

}
