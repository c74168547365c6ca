package io.ratchet.launch;

import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;

import io.ratchet.lease.Claim;
import io.ratchet.lease.Holder;
import io.ratchet.lease.LeaseId;
import io.ratchet.lease.Leases;
import io.ratchet.system.Failures;
import io.ratchet.system.ThisProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Launches a back-test, now-test or challenge with its identifying parameters, for the
 * command line ({@link #run}: returns when the run ends) and for HTTP ({@link #submit}:
 * returns the run id at once, the run proceeds on a {@link LaunchProperties#threads}
 * thread pool). Both go through a {@link JobOperator} under the same claim:
 * <ul>
 * <li>the same launch twice at once (any process, same job and claim) runs once: the
 * second finds the first's {@link Leases lease} (kind {@code command}, renewed while the
 * job runs, released when it ends) and is {@link Launch.AlreadyRunning refused} with a
 * message naming it; a claim left by a dead process is taken over;</li>
 * <li>parameters that name a run which already completed are not an error: that run is
 * the {@link Launch.AlreadyCompleted answer}, so asking twice gives the same run.</li>
 * </ul>
 * The scheduler's fires keep their own path ({@code schedule/ScheduledFire}, a lease per
 * schedule entry and fire time).
 */
@Component
public class JobLaunches implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(JobLaunches.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Leases leases;

	private final LaunchExecutor executor;

	private final JobOperator submitting;

	public JobLaunches(JobOperator jobOperator, JobRepository jobRepository, Leases leases,
			PlatformTransactionManager transactionManager, LaunchProperties properties) throws Exception {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.leases = leases;
		this.executor = new LaunchExecutor(properties.threads());
		// not a bean: a second JobOperator bean would turn Boot's own one off
		JobOperatorFactoryBean factory = new JobOperatorFactoryBean();
		factory.setJobRepository(jobRepository);
		factory.setJobRegistry(new MapJobRegistry());
		factory.setTransactionManager(transactionManager);
		factory.setTaskExecutor(this.executor);
		factory.afterPropertiesSet();
		this.submitting = factory.getObject();
	}

	/**
	 * Runs the job on this thread and returns when it ends.
	 * @param takenOver told, before the job starts, when a dead process's claim is taken
	 * over
	 * @throws IllegalStateException when the job cannot be started (its cause named)
	 */
	public Launch run(LaunchRequest request, Consumer<String> takenOver) {
		LeaseId lease = lease(request);
		Claim claim = this.leases.claim(lease);
		if (!claim.granted()) {
			return refused(request, claim.refusedBy().orElseThrow());
		}
		claim.takenOver().map(Claim.TakeOver::message).ifPresent(takenOver);
		try {
			return start(this.jobOperator, request, claim);
		}
		finally {
			this.leases.release(lease);
		}
	}

	/**
	 * Starts the job on the launch threads and returns at once, with the new run's id;
	 * the lease is released when the run ends.
	 * @throws IllegalStateException when the job cannot be started (its cause named)
	 */
	public Launch submit(LaunchRequest request) {
		LeaseId lease = lease(request);
		Claim claim = this.leases.claim(lease);
		if (!claim.granted()) {
			return refused(request, claim.refusedBy().orElseThrow());
		}
		claim.takenOver()
			.ifPresent((stale) -> log.warn("{} ({}): {}", request.what(), request.claim(), stale.message()));
		LaunchExecutor.Handoff handoff = this.executor.expect(() -> this.leases.release(lease));
		try {
			Launch launch = start(this.submitting, request, claim);
			if (launch instanceof Launch.Started started) {
				log.info("{} ({}) submitted as run {}", request.what(), request.claim(), started.runId());
			}
			return launch;
		}
		finally {
			if (!this.executor.handedOver(handoff)) {
				this.leases.release(lease);
			}
		}
	}

	private static LeaseId lease(LaunchRequest request) {
		return LeaseId.command(request.job().getName(), request.claim());
	}

	private Launch start(JobOperator operator, LaunchRequest request, Claim claim) {
		try {
			return new Launch.Started(operator.start(request.job(), request.parameters()), claim.takenOver());
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			JobInstance done = this.jobRepository.getJobInstance(request.job().getName(), request.parameters());
			JobExecution last = (done != null) ? this.jobRepository.getLastJobExecution(done) : null;
			if (last == null) {
				throw new IllegalStateException("cannot start the " + request.what() + ": " + Failures.describe(ex),
						ex);
			}
			return new Launch.AlreadyCompleted(last, "This " + request.what() + " already ran as run "
					+ done.getInstanceId() + " (" + request.sameParameters() + ")");
		}
		catch (JobExecutionAlreadyRunningException ex) {
			// marked running with no live claim: left by a process that died
			// (jobs/restart)
			return new Launch.AlreadyRunning(Optional.empty(),
					"cannot start the " + request.what() + ": " + Failures.describe(ex));
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start the " + request.what() + ": " + Failures.describe(ex), ex);
		}
	}

	private static Launch refused(LaunchRequest request, Holder running) {
		return new Launch.AlreadyRunning(Optional.of(running), "This " + request.what() + " (" + request.claim()
				+ ") is already running, started " + running.since().withNano(0) + " by process " + running.process()
				+ "; not started twice. Wait for it to end (jobs/runs shows it)"
				+ (ThisProcess.onAnotherHost(running.process()) ? "; its claim is renewed while it runs, and "
						+ "lapses at " + running.expires().atZone(ZoneId.systemDefault()).toLocalDateTime().withNano(0)
						+ " if that process has died" : "")
				+ ".");
	}

	@Override
	public void destroy() {
		this.executor.close();
	}

}
