package io.ratchet.cli;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard against the same job launched twice at once: a second claim is refused while the first holds, a released
 * claim can be taken again, and a claim left by a process that died is taken over. (Two real processes launched
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
		this.claims = new JobClaims(this.jdbc);
	}

	@Test
	void aSecondClaimIsRefusedUntilTheFirstIsReleased() {
		// given
		assertThat(this.claims.claim("backtest", "dataset=churn")).isEmpty();
		JobClaims other = new JobClaims(this.jdbc);
		// when / then: another claimant sees the holder (this live process)
		assertThat(other.claim("backtest", "dataset=churn")).get()
			.extracting(JobClaims.Holder::holder)
			.isEqualTo(ProcessHandle.current().pid() + "@" + host());
		// other parameters are another claim
		assertThat(other.claim("backtest", "dataset=weather")).isEmpty();
		// when released, it can be claimed again
		this.claims.release("backtest", "dataset=churn");
		assertThat(other.claim("backtest", "dataset=churn")).isEmpty();
	}

	@Test
	void aClaimLeftByADeadProcessIsTakenOver() {
		// given: a claim by a pid that runs nothing on this host
		long dead = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000;
		this.jdbc.sql("INSERT INTO job_claim (job_name, claim_key, holder, claimed_at) VALUES (?, ?, ?, ?)")
			.params("backtest", "dataset=churn", dead + "@" + host(), Timestamp.valueOf(LocalDateTime.now()))
			.update();
		// when / then
		assertThat(this.claims.claim("backtest", "dataset=churn")).isEmpty();
		assertThat(this.jdbc.sql("SELECT holder FROM job_claim").query(String.class).single())
			.startsWith(ProcessHandle.current().pid() + "@");
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
