package io.ratchet.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Optional;

/** One row of the {@code run} table. */
public record RunRecord(long id, String jobName, String dataset, String fromPeriod, String toPeriod, LocalDateTime asOf,
		String parameters, String status, String verdict, LocalDateTime startedAt, LocalDateTime finishedAt,
		Integer periods, String absentPeriods, Long rowsRead, Long rowsRejected, Long rowsUnlabelled, String reportPath,
		String failure) {

	static final String SELECT = """
			SELECT id, job_name, dataset, from_period, to_period, as_of, parameters, status, verdict, started_at,
				finished_at, periods, absent_periods, rows_read, rows_rejected, rows_unlabelled, report_path, failure
			FROM run""";

	/** The run's status. */
	public RunStatus runStatus() {
		return RunStatus.valueOf(this.status);
	}

	/** Whether the run has this status. */
	public boolean is(RunStatus status) {
		return status.name().equals(this.status);
	}

	/** The job that recorded the run, if it is one of Ratchet's jobs. */
	public Optional<JobKind> jobKind() {
		return JobKind.of(this.jobName);
	}

	/** Whether this job recorded the run. */
	public boolean is(JobKind job) {
		return job.is(this.jobName);
	}

	static RunRecord map(ResultSet rs, int rowNum) throws SQLException {
		return new RunRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				time(rs.getTimestamp(6)), rs.getString(7), rs.getString(8), rs.getString(9), time(rs.getTimestamp(10)),
				time(rs.getTimestamp(11)), rs.getObject(12, Integer.class), rs.getString(13),
				rs.getObject(14, Long.class), rs.getObject(15, Long.class), rs.getObject(16, Long.class),
				rs.getString(17), rs.getString(18));
	}

	private static LocalDateTime time(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime() : null;
	}

}
