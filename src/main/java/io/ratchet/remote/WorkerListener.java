package io.ratchet.remote;

import org.springframework.integration.jms.inbound.JmsMessageDrivenEndpoint;

/**
 * What {@code jobs/worker} starts and stops: the listener that takes partition requests
 * from the broker.
 */
public class WorkerListener {

	private final JmsMessageDrivenEndpoint endpoint;

	private final PartitionWorker worker;

	WorkerListener(JmsMessageDrivenEndpoint endpoint, PartitionWorker worker) {
		this.endpoint = endpoint;
		this.worker = worker;
	}

	/** Starts taking partitions (returns at once). */
	public void listen() {
		this.endpoint.start();
	}

	/**
	 * Takes no further partition and returns once the partitions running now have
	 * finished (the listener's threads are waited for; their requests are then
	 * acknowledged).
	 */
	public void stopAfterCurrent() {
		this.endpoint.stop();
		this.endpoint.destroy();
	}

	/** Whether it takes partitions now. */
	public boolean listening() {
		return this.endpoint.isRunning();
	}

	/** Partitions running now. */
	public int running() {
		return this.worker.running();
	}

	/** Partitions run since the process started. */
	public int done() {
		return this.worker.done();
	}

}
