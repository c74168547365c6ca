package io.ratchet.api;

import java.time.LocalDateTime;

import io.ratchet.run.RunRecord;

/**
 * A run as the API shows it.
 *
 * @param id the run's id (its Spring Batch job instance id)
 * @param job {@code backtest}, {@code nowtest} or {@code challenge}
 * @param status {@code STARTED}, {@code COMPLETED} or {@code FAILED}
 * @param verdict {@code PASS}, {@code BREACH}, {@code INSUFFICIENT_DATA}, or {@code null}
 * while unjudged
 * @param report the report's folder, once written
 * @param failure why a failed run failed
 */
public record RunView(long id, String job, String dataset, String fromPeriod, String toPeriod, LocalDateTime asOf,
		String parameters, String status, String verdict, LocalDateTime startedAt, LocalDateTime finishedAt,
		Integer periods, Long rowsRead, Long rowsRejected, Long rowsUnlabelled, String report, String failure) {

	static RunView of(RunRecord run) {
		return new RunView(run.id(), run.jobName(), run.dataset(), run.fromPeriod(), run.toPeriod(), run.asOf(),
				run.parameters(), run.status(), run.verdict(), run.startedAt(), run.finishedAt(), run.periods(),
				run.rowsRead(), run.rowsRejected(), run.rowsUnlabelled(), run.reportPath(), run.failure());
	}

}
