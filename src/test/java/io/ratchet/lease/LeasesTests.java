package io.ratchet.lease;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.ratchet.system.ThisProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one claim mechanism: a second claim is refused while the first holds, a released
 * claim can be taken again, a claim is renewed by a heartbeat while held, and a claim
 * left by a holder that died is taken over with a message: on this host at once, from
 * another host once its expiry has passed, a scheduler daemon as soon as its cluster says
 * it is dead. (Two real processes launched together:
 * {@code io.ratchet.faults.FaultSuite#theSameJobLaunchedTwiceAtOnce}; a daemon's run
 * taken over:
 * {@code io.ratchet.schedule.SchedulerTests#aRunLeftRunningIsTakenOverOnlyOnceItsOwnerIsDead}.)
 */
class LeasesTests {

	static final LeaseId CHURN = LeaseId.command("backtest", "dataset=churn");

	JdbcClient jdbc;

	Leases leases;

	@BeforeEach
	void database() throws Exception {
		SimpleDriverDataSource source = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:leases-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		this.jdbc = JdbcClient.create(source);
		migrate("V10__scheduler_cluster", "V11__job_claim", "V16__job_claim_expiry");
		migrate("V18__lease");
		this.leases = new Leases(this.jdbc);
	}

	@AfterEach
	void stopHeartbeats() {
		this.leases.close();
	}

	@Test
	void aSecondClaimIsRefusedUntilTheFirstIsReleased() {
		// given
		assertThat(this.leases.claim(CHURN).granted()).isTrue();
		Leases other = new Leases(this.jdbc);
		// when / then: another claimant sees the holder (this live process)
		assertThat(other.claim(CHURN).refusedBy()).get()
			.extracting(Holder::process)
			.isEqualTo(ProcessHandle.current().pid() + "@" + ThisProcess.host());
		// other parameters are another claim, and so is a scheduled run of the same key
		assertThat(other.claim(LeaseId.command("backtest", "dataset=weather")).granted()).isTrue();
		assertThat(other.claim(LeaseId.scheduledRun("backtest", "dataset=churn")).granted()).isTrue();
		// when released, it can be claimed again
		this.leases.release(CHURN);
		assertThat(other.claim(CHURN).granted()).isTrue();
		other.close();
	}

	@Test
	void aClaimLeftByADeadProcessOnThisHostIsTakenOverWithAMessage() {
		// given: a claim by a pid that runs nothing on this host, still far from its
		// expiry
		long dead = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000;
		insert(dead + "@" + ThisProcess.host(), LocalDateTime.now(), Instant.now().plusSeconds(3600));

		// when
		Claim claim = this.leases.claim(CHURN);

		// then
		assertThat(claim.granted()).isTrue();
		assertThat(claim.takenOver()).get()
			.extracting(Claim.TakeOver::message)
			.asString()
			.startsWith("Took over the claim of process " + dead + "@" + ThisProcess.host())
			.contains("that process, on this host, has ended");
		assertThat(this.jdbc.sql("SELECT holder FROM lease").query(String.class).single())
			.startsWith(ProcessHandle.current().pid() + "@");
	}

	@Test
	void aClaimFromAnotherHostHoldsUntilItsExpiryThenIsTakenOverWithAMessage() {
		// given: a claim of another host, renewed a moment ago
		insert("4242@elsewhere", LocalDateTime.now().minusHours(3), Instant.now().plusSeconds(3600));

		// when / then: alive, refused, with its expiry known
		Claim refused = this.leases.claim(CHURN);
		assertThat(refused.refusedBy()).get().extracting(Holder::process).isEqualTo("4242@elsewhere");
		assertThat(refused.refusedBy().get().expires()).isAfter(Instant.now());
		assertThat(this.leases.staleBecause(refused.refusedBy().get(), Liveness.LEASE_ONLY)).isEmpty();

		// given: its heartbeat stopped (the host died) and the expiry passed
		this.jdbc.sql("UPDATE lease SET expires_at = ?").param(Instant.now().minusSeconds(30).toEpochMilli()).update();

		// when
		Optional<String> why = this.leases.staleBecause(this.leases.holder(CHURN).orElseThrow(), Liveness.LEASE_ONLY);
		Claim claim = this.leases.claim(CHURN);

		// then
		assertThat(why).get().asString().startsWith("on another host, it was not renewed after");
		assertThat(claim.granted()).isTrue();
		assertThat(claim.takenOver()).get()
			.extracting(Claim.TakeOver::message)
			.asString()
			.startsWith("Took over the claim of process 4242@elsewhere")
			.contains("on another host, it was not renewed after")
			.contains("taken for dead");
	}

	@Test
	void aClaimMadeBeforeClaimsExpiredLapsesAtItsClaimTimePlusTheExpiry() {
		// given: another host's claims without an expiry (made by an earlier version),
		// one old and one recent
		insert("4242@elsewhere", LocalDateTime.now().minus(Leases.EXPIRY).minusMinutes(1), null);
		this.jdbc.sql("INSERT INTO lease (kind, job_name, lease_key, holder, claimed_at) VALUES (?, ?, ?, ?, ?)")
			.params("command", "nowtest", "dataset=churn", "4243@elsewhere", Timestamp.valueOf(LocalDateTime.now()))
			.update();

		// when / then
		assertThat(this.leases.claim(CHURN).granted()).isTrue();
		assertThat(this.leases.claim(LeaseId.command("nowtest", "dataset=churn")).refusedBy()).get()
			.extracting(Holder::process)
			.isEqualTo("4243@elsewhere");
	}

	@Test
	void aLiveProcessOnThisHostKeepsItsClaimWhateverItsExpiry() {
		// given: this very process holds a claim whose expiry passed (a long pause)
		insert(ProcessHandle.current().pid() + "@" + ThisProcess.host(), LocalDateTime.now(),
				Instant.now().minusSeconds(600));

		// when / then
		assertThat(new Leases(this.jdbc).claim(CHURN).granted()).isFalse();
	}

	@Test
	void aHeldClaimIsRenewedByItsHeartbeatAndFreeOnceReleased() {
		// given: claims that lapse after 400 ms without a heartbeat
		Leases quick = new Leases(this.jdbc, Duration.ofMillis(400), Clock.systemUTC());
		assertThat(quick.claim(CHURN).granted()).isTrue();
		long first = expiresAt();

		// when / then: the heartbeat pushes the expiry on while the claim is held
		await().atMost(Duration.ofSeconds(30)).until(() -> expiresAt() > first);
		quick.release(CHURN);
		quick.close();

		// then: no claim held; the row names its last holder, and the next claim is no
		// take-over
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM lease WHERE released_at IS NULL").query(Long.class).single())
			.isZero();
		assertThat(this.leases.holder(CHURN)).get()
			.satisfies((holder) -> assertThat(holder.released()).isTrue())
			.extracting(Holder::process)
			.isEqualTo(ThisProcess.id());
		Claim again = this.leases.claim(CHURN);
		assertThat(again.granted()).isTrue();
		assertThat(again.takenOver()).isEmpty();
	}

	@Test
	void aDaemonsLeaseHoldsWhileItsClusterCountsItAliveAndIsTakenOverOnceItSaysDead() {
		// given: a scheduled run held by daemon q1 of another host, its lease far from
		// its expiry
		LeaseId run = LeaseId.scheduledRun("backtest", "0123456789abcdef0123456789abcdef");
		this.jdbc
			.sql("INSERT INTO lease (kind, job_name, lease_key, holder, daemon, label, claimed_at, expires_at) "
					+ "VALUES ('scheduled-run', ?, ?, '4242@elsewhere', 'q1', 'weekly', ?, ?)")
			.params(run.job(), run.key(), Timestamp.valueOf(LocalDateTime.now()),
					Instant.now().plusSeconds(3600).toEpochMilli())
			.update();

		// when / then: while the cluster counts q1 alive, refused, naming the daemon
		Claim refused = this.leases.claim(run, "q2", "weekly", (holder) -> Optional.empty());
		assertThat(refused.refusedBy()).get().asString().isEqualTo("q1 (host elsewhere, pid 4242)");

		// when: the cluster declared q1 dead
		Claim claim = this.leases.claim(run, "q2", "weekly",
				(holder) -> holder.daemon().map((daemon) -> daemon + " was declared dead"));

		// then: taken over, with the reason, and recorded as held by this daemon
		assertThat(claim.granted()).isTrue();
		assertThat(claim.takenOver()).get().extracting(Claim.TakeOver::why).isEqualTo("q1 was declared dead");
		assertThat(this.leases.holder(run)).get()
			.satisfies((holder) -> assertThat(holder.daemon()).contains("q2"))
			.satisfies((holder) -> assertThat(holder.label()).contains("weekly"))
			.extracting(Holder::process)
			.isEqualTo(ThisProcess.id());
	}

	@Test
	void ofClaimantsTakingOverTheSameStaleLeaseAtOnceOneWins() throws Exception {
		// given: a lease of a process that ended, and eight claimants ready to take it
		// over together
		long dead = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000;
		insert(dead + "@" + ThisProcess.host(), LocalDateTime.now(), Instant.now().plusSeconds(3600));
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Leases> claimants = new ArrayList<>();
		List<Future<Claim>> claims = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Leases claimant = new Leases(this.jdbc);
			claimants.add(claimant);
			claims.add(pool.submit(() -> {
				go.await();
				return claimant.claim(CHURN);
			}));
		}

		// when
		go.countDown();
		List<Claim> outcomes = new ArrayList<>();
		for (Future<Claim> claim : claims) {
			outcomes.add(claim.get());
		}
		pool.shutdown();
		claimants.forEach(Leases::close);

		// then: one took it over; the others found it held by a live process
		assertThat(outcomes).filteredOn(Claim::granted).hasSize(1);
		assertThat(outcomes).filteredOn(Claim::granted)
			.first()
			.satisfies((won) -> assertThat(won.takenOver()).isPresent());
		assertThat(outcomes).filteredOn((claim) -> !claim.granted())
			.allSatisfy((lost) -> assertThat(lost.refusedBy()).get()
				.extracting(Holder::process)
				.isEqualTo(ThisProcess.id()));
		assertThat(this.jdbc.sql("SELECT generation FROM lease").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void theMigrationCarriesTheClaimsAndScheduledRunsOfTheEarlierTablesOver() throws Exception {
		// given: the tables before V18, with a command's claim and a scheduled run's
		// owner
		this.jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:leases-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
		migrate("V10__scheduler_cluster", "V11__job_claim", "V16__job_claim_expiry");
		this.jdbc
			.sql("INSERT INTO job_claim (job_name, claim_key, holder, claimed_at, expires_at) "
					+ "VALUES ('backtest', 'dataset=churn', '4242@elsewhere', ?, 1234)")
			.param(Timestamp.valueOf(LocalDateTime.now()))
			.update();
		this.jdbc
			.sql("INSERT INTO scheduled_run (job_name, job_key, entry_name, fire_time, scheduler_instance, host, "
					+ "pid, claimed_at) VALUES ('nowtest', 'abc', 'nightly', ?, 'q1', 'elsewhere', 4343, ?)")
			.params(Timestamp.valueOf(LocalDateTime.now()), Timestamp.valueOf(LocalDateTime.now()))
			.update();

		// when
		migrate("V18__lease");

		// then
		Leases migrated = new Leases(this.jdbc);
		assertThat(migrated.holder(CHURN)).get()
			.satisfies((holder) -> assertThat(holder.expires()).isEqualTo(Instant.ofEpochMilli(1234)))
			.extracting(Holder::process)
			.isEqualTo("4242@elsewhere");
		assertThat(migrated.holder(LeaseId.scheduledRun("nowtest", "abc"))).get()
			.satisfies((holder) -> assertThat(holder.label()).contains("nightly"))
			.satisfies((holder) -> assertThat(holder.released()).isFalse())
			.asString()
			.isEqualTo("q1 (host elsewhere, pid 4343)");
		migrated.close();
	}

	private void migrate(String... versions) throws Exception {
		for (String version : versions) {
			this.jdbc.sql(Files.readString(Path.of("db/common/" + version + ".sql"))).update();
		}
	}

	private void insert(String holder, LocalDateTime claimedAt, Instant expires) {
		this.jdbc
			.sql("INSERT INTO lease (kind, job_name, lease_key, holder, claimed_at, expires_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params("command", "backtest", "dataset=churn", holder, Timestamp.valueOf(claimedAt),
					(expires != null) ? expires.toEpochMilli() : null)
			.update();
	}

	private long expiresAt() {
		return this.jdbc.sql("SELECT expires_at FROM lease").query(Long.class).single();
	}

}
