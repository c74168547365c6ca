package io.ratchet.launch;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;

import io.ratchet.demo.DemoGenerator;
import io.ratchet.lease.LeaseId;
import io.ratchet.lease.Leases;
import io.ratchet.nowtest.NowtestParameters;
import io.ratchet.test.SharedContextTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Launches on the demo's churn dataset: a submitted now-test returns its run at once and
 * completes on a launch thread, its lease released; the same parameters again return that
 * run; a launch whose claim another holds is refused.
 */
class JobLaunchesTests extends SharedContextTests {

	@Autowired
	JobLaunches launches;

	@Autowired
	@Qualifier("nowtest")
	Job nowtest;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Leases leases;

	@BeforeEach
	void demo() throws Exception {
		if (!Files.exists(root.resolve("config/datasets/churn.yml"))) {
			DemoGenerator.generate(root, YearMonth.of(2026, 10), 42);
		}
	}

	@Test
	void aSubmittedRunCompletesOnALaunchThreadAndTheSameParametersReturnIt() {
		// given
		LaunchRequest request = request(LocalDate.of(2026, 4, 30));
		// when
		Launch launch = this.launches.submit(request);
		// then
		assertThat(launch).isInstanceOf(Launch.Started.class);
		long runId = ((Launch.Started) launch).runId();
		long executionId = ((Launch.Started) launch).execution().getId();
		await().atMost(Duration.ofMinutes(5))
			.until(() -> !this.jobRepository.getJobExecution(executionId).getStatus().isRunning());
		JobExecution ended = this.jobRepository.getJobExecution(executionId);
		assertThat(ended.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		LeaseId lease = LeaseId.command("nowtest", request.claim());
		await().atMost(Duration.ofMinutes(1)).until(() -> this.leases.holder(lease).orElseThrow().released());
		// when: the same parameters again, submitted and run
		Launch again = this.launches.submit(request);
		Launch rerun = this.launches.run(request, (message) -> {
		});
		// then
		assertThat(again).isInstanceOfSatisfying(Launch.AlreadyCompleted.class, (done) -> {
			assertThat(done.runId()).isEqualTo(runId);
			assertThat(done.message()).isEqualTo(
					"This now-test already ran as run " + runId + " (same dataset, as-of, window and label delay)");
		});
		assertThat(rerun).isInstanceOfSatisfying(Launch.AlreadyCompleted.class,
				(done) -> assertThat(done.runId()).isEqualTo(runId));
		assertThat(this.leases.holder(lease).orElseThrow().released()).isTrue();
	}

	@Test
	void aLaunchWhoseClaimIsHeldIsRefusedAndNothingStarts() {
		// given: the same launch claimed (as by a command running it)
		LaunchRequest request = request(LocalDate.of(2026, 5, 31));
		LeaseId lease = LeaseId.command("nowtest", request.claim());
		assertThat(this.leases.claim(lease).granted()).isTrue();
		try {
			// when
			Launch launch = this.launches.submit(request);
			// then
			assertThat(launch).isInstanceOfSatisfying(Launch.AlreadyRunning.class, (running) -> {
				assertThat(running.holder()).isPresent();
				assertThat(running.message()).startsWith("This now-test (" + request.claim() + ") is already running")
					.contains("not started twice");
			});
			assertThat(this.jobRepository.getJobInstance("nowtest", request.parameters())).isNull();
		}
		finally {
			this.leases.release(lease);
		}
	}

	private LaunchRequest request(LocalDate asOf) {
		return new LaunchRequest(this.nowtest, new NowtestParameters("churn", asOf, 30, 0).toJobParameters(),
				"now-test", "same dataset, as-of, window and label delay");
	}

}
