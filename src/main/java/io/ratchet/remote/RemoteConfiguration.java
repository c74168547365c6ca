package io.ratchet.remote;

import javax.sql.DataSource;

import io.ratchet.backtest.BacktestProperties;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.inbound.ChannelPublishingJmsMessageListener;
import org.springframework.integration.jms.inbound.JmsMessageDrivenEndpoint;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * The transport of remote partitioning, in processes with
 * {@code ratchet.backtest.workers=remote} only (a manager, and {@code jobs/worker}, which
 * implies it): every other process starts without Spring Integration or a broker
 * connection.
 *
 * <pre>
 * manager:  partitionRequests → JMS outbound adapter → queue ratchet.backtest.partitions
 * worker:   queue → JMS message-driven endpoint (started by jobs/worker) → PartitionWorker
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ratchet.backtest.workers", havingValue = "remote")
@EnableIntegration
class RemoteConfiguration {

	/** The worker step the partitions run (a bean of the back-test job). */
	static final String WORKER_STEP = "backtestMonth";

	/**
	 * Connections to the broker. A consumer window of 0: a worker takes one request at a
	 * time per thread instead of buffering many, so the partitions spread over all
	 * workers.
	 */
	@Bean
	ConnectionFactory partitionConnections(BrokerProperties broker) {
		ActiveMQConnectionFactory connections = new ActiveMQConnectionFactory(broker.url(), broker.user(),
				broker.password());
		connections.setConsumerWindowSize(0);
		return connections;
	}

	@Bean
	DirectChannel partitionRequests() {
		return new DirectChannel();
	}

	/**
	 * Requests are persistent (they survive a broker restart) and expire after the
	 * manager's timeout, when the manager has failed their partitions anyway.
	 */
	@Bean
	IntegrationFlow partitionRequestsToBroker(ConnectionFactory partitionConnections, BacktestProperties backtest) {
		return IntegrationFlow.from("partitionRequests")
			.handle(Jms.outboundAdapter(partitionConnections)
				.destination(BrokerProperties.QUEUE)
				.configureJmsTemplate((template) -> template.explicitQosEnabled(true)
					.deliveryPersistent(true)
					.timeToLive(backtest.remote().timeout().toMillis())))
			.get();
	}

	@Bean
	RemotePartitionHandler remotePartitionHandler(JobRepository jobRepository, DirectChannel partitionRequests,
			BacktestProperties backtest, BrokerProperties broker, DataSource dataSource) {
		SharedRepository.require(dataSource, "ratchet.backtest.workers=remote");
		return new RemotePartitionHandler(jobRepository, partitionRequests, WORKER_STEP, backtest.remote().timeout(),
				backtest.remote().pollInterval(), broker.url(), () -> System.nanoTime() / 1_000_000);
	}

	@Bean
	PartitionWorker partitionWorker(JobRepository jobRepository, BeanFactory beanFactory) {
		BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
		steps.setBeanFactory(beanFactory);
		StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
		handler.setJobRepository(jobRepository);
		handler.setStepLocator(steps);
		return new PartitionWorker(jobRepository, handler);
	}

	@Bean
	DirectChannel workerRequests() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow workerRequestsToWorker(PartitionWorker partitionWorker) {
		return IntegrationFlow.from("workerRequests").handle(String.class, (text, headers) -> {
			partitionWorker.take(text);
			return null;
		}).get();
	}

	/**
	 * The worker's listener: {@code ratchet.backtest.threads} partitions at once. Started
	 * by {@code jobs/worker} only (a manager never takes partitions). A message is
	 * acknowledged after its partition ran (client acknowledgement), so the broker gives
	 * it to another worker when this one dies mid-partition.
	 */
	@Bean
	JmsMessageDrivenEndpoint partitionListener(ConnectionFactory partitionConnections, DirectChannel workerRequests,
			BacktestProperties backtest) {
		DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
		container.setConnectionFactory(partitionConnections);
		container.setDestinationName(BrokerProperties.QUEUE);
		container.setSessionAcknowledgeMode(Session.CLIENT_ACKNOWLEDGE);
		container.setConcurrentConsumers(backtest.effectiveThreads());
		container.setAutoStartup(false);
		ChannelPublishingJmsMessageListener listener = new ChannelPublishingJmsMessageListener();
		listener.setRequestChannel(workerRequests);
		listener.setExpectReply(false);
		JmsMessageDrivenEndpoint endpoint = new JmsMessageDrivenEndpoint(container, listener);
		endpoint.setAutoStartup(false);
		return endpoint;
	}

	@Bean
	WorkerListener workerListener(JmsMessageDrivenEndpoint partitionListener, PartitionWorker partitionWorker) {
		return new WorkerListener(partitionListener, partitionWorker);
	}

	@Bean
	WorkerHealth workerHealth(WorkerListener workerListener) {
		return new WorkerHealth(workerListener);
	}

}
