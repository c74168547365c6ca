package io.ratchet.monitor;

import java.time.LocalDateTime;

import io.ratchet.run.FigureReads;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunReads;
import io.ratchet.run.RunStatus;
import io.ratchet.test.StoreSlice;
import io.ratchet.test.Unique;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the monitor's gauges read, on the real Flyway schema (a slice): runs per job and
 * status, the latest status, the alerts waiting to be sent. Each test rolls back; job
 * names are unique so that rows of other tests never count.
 */
@StoreSlice
@Import({ MonitorReads.class, RunReads.class, FigureReads.class, ResultsStore.class })
class MonitorReadsTests {

	@Autowired
	MonitorReads reads;

	@Autowired
	ResultsStore results;

	@Autowired
	JdbcClient jdbc;

	@Test
	void runsAreCountedPerJobAndStatusAndTheLatestStatusIsTheNewestRuns() {
		// given three runs of one job: completed, failed, then one still started
		String job = Unique.name("job");
		long first = Unique.runIds();
		open(first, job, 1);
		this.results.finishRun(first, RunStatus.COMPLETED, "PASS", 10, 0, 0, null, null);
		open(first + 1, job, 2);
		this.results.failRun(first + 1, "disk full");
		open(first + 2, job, 3);

		// then
		assertThat(this.reads.runs(job, RunStatus.COMPLETED)).isOne();
		assertThat(this.reads.runs(job, RunStatus.FAILED)).isOne();
		assertThat(this.reads.runs(job, RunStatus.STARTED)).isOne();
		assertThat(this.reads.lastStatus(job)).contains(RunStatus.STARTED);
		assertThat(this.reads.lastStatus(job + "-never")).isEmpty();
		assertThat(this.reads.runs(job + "-never", RunStatus.COMPLETED)).isZero();
	}

	@Test
	void pendingAlertsCountsTheAlertsNotYetSentOrGivenUp() {
		// given
		long before = this.reads.pendingAlerts();
		outbox("pending", "PENDING");
		outbox("sending", "SENDING");
		outbox("sent", "SENT");
		outbox("failed", "FAILED");

		// then
		assertThat(this.reads.pendingAlerts()).isEqualTo(before + 2);
	}

	private void open(long runId, String job, int day) {
		this.results.openRun(runId, job, "toy", null, null, LocalDateTime.of(2026, 3, day, 6, 0), "dataset=toy", 1);
	}

	private void outbox(String key, String status) {
		this.jdbc.sql("""
				INSERT INTO alert_outbox (idempotency_key, run_id, kind, dataset, subject, recipients, message_id,
					message, status, attempts, next_attempt_at, created_at)
				VALUES (?, 1, 'breach', 'toy', 'subject', 'ops@example.com', ?, ?, ?, 0, ?, ?)""")
			.params(Unique.name(key), "<" + key + ">", new byte[] { 1 }, status, LocalDateTime.now(),
					LocalDateTime.now())
			.update();
	}

}
