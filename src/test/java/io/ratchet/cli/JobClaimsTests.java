package io.ratchet.cli;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The guard against the same job launched twice at once: a second claim is refused while the first holds, a released
 * claim can be taken again, a claim is renewed by a heartbeat while held, and a claim left by a process that died is
 * taken over with a message: on this host at once, from another host once its expiry has passed. (Two real processes launched
 * together: {@code io.ratchet.faults.FaultSuite#theSameJobLaunchedTwiceAtOnce}.)
 */
class JobClaimsTests {

	JdbcClient jdbc;

	JobClaims claims;

	@BeforeEach
	void database() throws Exception {
		SimpleDriverDataSource source = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:claims-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		this.jdbc = JdbcClient.create(source);
		this.jdbc.sql(Files.readString(Path.of("db/common/V11__job_claim.sql"))).update();
		this.jdbc.sql(Files.readString(Path.of("db/common/V16__job_claim_expiry.sql"))).update();
		this.claims = new JobClaims(this.jdbc);
	}

	@AfterEach
	void stopHeartbeats() {
		this.claims.close();
	}

	@Test
	void aSecondClaimIsRefusedUntilTheFirstIsReleased() {
		// given
		assertThat(this.claims.claim("backtest", "dataset=churn").granted()).isTrue();
		JobClaims other = new JobClaims(this.jdbc);
		// when / then: another claimant sees the holder (this live process)
		assertThat(other.claim("backtest", "dataset=churn").refusedBy()).get()
			.extracting(JobClaims.Holder::holder)
			.isEqualTo(ProcessHandle.current().pid() + "@" + host());
		// other parameters are another claim
		assertThat(other.claim("backtest", "dataset=weather").granted()).isTrue();
		// when released, it can be claimed again
		this.claims.release("backtest", "dataset=churn");
		assertThat(other.claim("backtest", "dataset=churn").granted()).isTrue();
		other.close();
	}

	@Test
	void aClaimLeftByADeadProcessOnThisHostIsTakenOverWithAMessage() {
		// given: a claim by a pid that runs nothing on this host, still far from its expiry
		long dead = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000;
		insert(dead + "@" + host(), LocalDateTime.now(), Instant.now().plusSeconds(3600));

		// when
		JobClaims.Claim claim = this.claims.claim("backtest", "dataset=churn");

		// then
		assertThat(claim.granted()).isTrue();
		assertThat(claim.takenOver()).get()
			.asString()
			.startsWith("Took over the claim of process " + dead + "@" + host())
			.contains("that process, on this host, has ended");
		assertThat(this.jdbc.sql("SELECT holder FROM job_claim").query(String.class).single())
			.startsWith(ProcessHandle.current().pid() + "@");
	}

	@Test
	void aClaimFromAnotherHostHoldsUntilItsExpiryThenIsTakenOverWithAMessage() {
		// given: a claim of another host, renewed a moment ago
		insert("4242@elsewhere", LocalDateTime.now().minusHours(3), Instant.now().plusSeconds(3600));

		// when / then: alive, refused, with its expiry known
		JobClaims.Claim refused = this.claims.claim("backtest", "dataset=churn");
		assertThat(refused.refusedBy()).get().extracting(JobClaims.Holder::holder).isEqualTo("4242@elsewhere");
		assertThat(refused.refusedBy().get().expires()).isAfter(Instant.now());

		// given: its heartbeat stopped (the host died) and the expiry passed
		this.jdbc.sql("UPDATE job_claim SET expires_at = ?").param(Instant.now().minusSeconds(30).toEpochMilli()).update();

		// when
		JobClaims.Claim claim = this.claims.claim("backtest", "dataset=churn");

		// then
		assertThat(claim.granted()).isTrue();
		assertThat(claim.takenOver()).get()
			.asString()
			.startsWith("Took over the claim of process 4242@elsewhere")
			.contains("on another host, it was not renewed after")
			.contains("taken for dead");
	}

	@Test
	void aClaimMadeBeforeClaimsExpiredLapsesAtItsClaimTimePlusTheExpiry() {
		// given: another host's claims without an expiry (made by an earlier version), one old and one recent
		insert("4242@elsewhere", LocalDateTime.now().minus(JobClaims.EXPIRY).minusMinutes(1), null);
		this.jdbc.sql("INSERT INTO job_claim (job_name, claim_key, holder, claimed_at) VALUES (?, ?, ?, ?)")
			.params("nowtest", "dataset=churn", "4243@elsewhere", Timestamp.valueOf(LocalDateTime.now()))
			.update();

		// when / then
		assertThat(this.claims.claim("backtest", "dataset=churn").granted()).isTrue();
		assertThat(this.claims.claim("nowtest", "dataset=churn").refusedBy()).get()
			.extracting(JobClaims.Holder::holder)
			.isEqualTo("4243@elsewhere");
	}

	@Test
	void aLiveProcessOnThisHostKeepsItsClaimWhateverItsExpiry() {
		// given: this very process holds a claim whose expiry passed (a long pause)
		insert(ProcessHandle.current().pid() + "@" + host(), LocalDateTime.now(), Instant.now().minusSeconds(600));

		// when / then
		assertThat(new JobClaims(this.jdbc).claim("backtest", "dataset=churn").granted()).isFalse();
	}

	@Test
	void aHeldClaimIsRenewedByItsHeartbeatAndGoneOnceReleased() {
		// given: claims that lapse after 400 ms without a heartbeat
		JobClaims quick = new JobClaims(this.jdbc, Duration.ofMillis(400), Clock.systemUTC());
		assertThat(quick.claim("backtest", "dataset=churn").granted()).isTrue();
		long first = expiresAt();

		// when / then: the heartbeat pushes the expiry on while the claim is held
		await().atMost(Duration.ofSeconds(30)).until(() -> expiresAt() > first);
		quick.release("backtest", "dataset=churn");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM job_claim").query(Long.class).single()).isZero();
		quick.close();
	}

	private void insert(String holder, LocalDateTime claimedAt, Instant expires) {
		this.jdbc.sql("INSERT INTO job_claim (job_name, claim_key, holder, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)")
			.params("backtest", "dataset=churn", holder, Timestamp.valueOf(claimedAt),
					(expires != null) ? expires.toEpochMilli() : null)
			.update();
	}

	private long expiresAt() {
		return this.jdbc.sql("SELECT expires_at FROM job_claim").query(Long.class).single();
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "localhost";
		}
	}

}
