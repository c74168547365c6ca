package io.ratchet.monitor;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The figures the HTTP endpoint shows, read from the results and alert tables when a client asks. */
class MonitorReads {

	private final JdbcClient jdbc;

	MonitorReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long runs(String job, String status) {
		return this.jdbc.sql("SELECT COUNT(*) FROM run WHERE job_name = ? AND status = ?")
			.params(job, status)
			.query(Long.class)
			.single();
	}

	/** The status of the job's latest run ({@code STARTED}, {@code COMPLETED}, {@code FAILED}), if it ever ran. */
	Optional<String> lastStatus(String job) {
		return this.jdbc.sql("SELECT status FROM run WHERE job_name = ? ORDER BY started_at DESC, id DESC FETCH FIRST 1 ROWS ONLY")
			.param(job)
			.query(String.class)
			.optional();
	}

	long pendingAlerts() {
		return this.jdbc.sql("SELECT COUNT(*) FROM alert_outbox WHERE status IN ('PENDING', 'SENDING')")
			.query(Long.class)
			.single();
	}

}
