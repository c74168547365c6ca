package io.ratchet.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

import io.ratchet.remote.BrokerProperties;
import io.ratchet.remote.WorkerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/worker}: a worker process of remote partitioning. It takes back-test
 * partitions from the broker ({@code ratchet.broker.url}) and runs them against the
 * shared database until SIGTERM or SIGINT; then it takes no further partition, finishes
 * the ones it runs and exits. The command implies {@code ratchet.backtest.workers=remote}
 * (see RatchetApplication), which configures the transport ({@code io.ratchet.remote}).
 */
@Component
class WorkerCommand implements Command<WorkerCommand.Arguments> {

	private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

	private final ObjectProvider<WorkerListener> listener;

	private final BrokerProperties broker;

	WorkerCommand(ObjectProvider<WorkerListener> listener, BrokerProperties broker) {
		this.listener = listener;
		this.broker = broker;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		WorkerListener worker = this.listener.getIfAvailable();
		if (worker == null) {
			throw new IllegalStateException("no remote partitioning in this process (ratchet.backtest.workers=local)");
		}
		CountDownLatch stopped = new CountDownLatch(1);
		StopSignals.handle(() -> {
			log.info("stop signal: taking no further partition; finishing the {} running", worker.running());
			worker.stopAfterCurrent();
			stopped.countDown();
		}, () -> {
			log.warn("Second stop signal: exiting now; the manager fails the unfinished partitions, "
					+ "jobs/restart runs them again");
			System.exit(CommandLine.FAILED);
		});
		worker.listen();
		out.println("Worker started: taking partitions from " + this.broker.url() + ". Stop it with SIGTERM or "
				+ "Ctrl-C: it finishes the partitions it runs.");
		log.info("worker started, broker {}", this.broker.url());
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		out.println("Worker stopped after " + worker.done() + " partition(s).");
		log.info("worker stopped after {} partition(s)", worker.done());
		return CommandLine.OK;
	}

	/** {@code jobs/worker}'s options (none: settings as --name=value). */
	@picocli.CommandLine.Command(name = "worker",
			description = "A worker of remote partitioning: takes back-test partitions from the broker "
					+ "(ratchet.broker.url) and runs them on the shared PostgreSQL database; serves health; stops "
					+ "after its current partitions on SIGTERM.")
	interface Arguments {

	}

}
