package jp.kakekin.print;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;

import java.util.List;

/**
 * Remote partitioning of print runs over RabbitMQ ({@code kakekin.print.partitioning=remote}), with Spring
 * Batch Integration: the launching JVM's partitioned steps ({@code RemotePartitioningManagerStepBuilder})
 * send one {@link StepExecutionRequest} per partition to a durable queue and poll the job repository until
 * every partition has finished; {@code print-worker} processes (the same jar) consume the queue and run
 * the worker steps ({@code RemotePartitioningWorkerStepBuilder}) on them.
 * <p>
 * Delivery is at least once and a partition is idempotent: a request is acknowledged only when its
 * partition has finished (the listener returns), so a worker that dies leaves it unacknowledged and
 * RabbitMQ gives it to another worker, which resumes the partition from its last commit (the reader's
 * position in the partition's execution context). Only {@link StepExecutionRequest} is ever deserialized;
 * a message that cannot be read, or names no partition, is rejected without requeue and dead-lettered to
 * {@code <queue>.dlq} — it never loops.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kakekin.print.partitioning", havingValue = "remote")
@EnableIntegration
public class RemotePartitioning {

    private static final Logger log = LoggerFactory.getLogger(RemotePartitioning.class);

    /** Manager side: requests to the broker. */
    public static final String REQUESTS = "printRunPartitionRequests";
    /** Worker side: requests from the broker, to the worker steps. */
    public static final String WORKER_REQUESTS = "printRunWorkerRequests";
    /** The listener container of a {@code print-worker} (started by the command, never at start-up). */
    public static final String CONSUMER = "printRunPartitionConsumer";
    static final String REJECTIONS_LOGGER = "jp.kakekin.print.RemotePartitioning.rejections";

    @Bean
    Queue printRunPartitionQueue(PrintRunProperties properties) {
        // Rejected requests go to the dead-letter queue through the default exchange.
        return QueueBuilder.durable(properties.remote().queue())
                .deadLetterExchange("")
                .deadLetterRoutingKey(properties.remote().deadLetterQueue())
                .build();
    }

    @Bean
    Queue printRunDeadLetterQueue(PrintRunProperties properties) {
        return QueueBuilder.durable(properties.remote().deadLetterQueue()).build();
    }

    /** Declares both queues (idempotent): before the first request is sent, and before a worker consumes. */
    @Bean
    Queues printRunQueues(AmqpAdmin admin, @Qualifier("printRunPartitionQueue") Queue requests,
                          @Qualifier("printRunDeadLetterQueue") Queue deadLetters) {
        return () -> {
            admin.declareQueue(deadLetters);
            admin.declareQueue(requests);
        };
    }

    @FunctionalInterface
    public interface Queues {
        void declare();
    }

    @Bean(REQUESTS)
    DirectChannel printRunPartitionRequests() {
        return new DirectChannel();
    }

    /** Persistent messages to the request queue, through the default exchange. */
    @Bean
    @Lazy(false)
    IntegrationFlow printRunRequestsToBroker(AmqpTemplate rabbit, PrintRunProperties properties) {
        return IntegrationFlow.from(REQUESTS)
                .handle(Amqp.outboundAdapter(rabbit).routingKey(properties.remote().queue())
                        // the request is the whole message: no Spring Integration headers (reply channel…) on the wire
                        .mappedRequestHeaders())
                .get();
    }

    @Bean(WORKER_REQUESTS)
    DirectChannel printRunWorkerRequests() {
        return new DirectChannel();
    }

    /**
     * One request at a time per consumer (prefetch 1), acknowledged when the partition has finished
     * (AUTO: on the listener's return; an exception rejects it without requeue, to the dead-letter queue).
     * The number of consumers is {@code print-worker --threads}.
     */
    @Bean(CONSUMER)
    SimpleMessageListenerContainer printRunPartitionConsumer(ConnectionFactory connectionFactory, PrintRunProperties properties) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(properties.remote().queue());
        container.setPrefetchCount(1);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        container.setAutoStartup(false);
        // One line, not a stack trace, for a message that goes to the dead-letter queue: the container's own
        // report of the rethrown rejection goes to a logger of its own, off (application.yml).
        container.setErrorHandlerLoggerName(REJECTIONS_LOGGER);
        container.setErrorHandler(e -> {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            log.warn("print-worker {}: message rejected to {}: {}", RunOwner.current(), properties.remote().deadLetterQueue(), cause.toString());
            throw new AmqpRejectAndDontRequeueException(e);
        });
        return container;
    }

    @Bean
    @Lazy(false)
    IntegrationFlow printRunRequestsFromBroker(@Qualifier(CONSUMER) SimpleMessageListenerContainer consumer,
                                               JobRepository repository) {
        SimpleMessageConverter converter = new SimpleMessageConverter();
        converter.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName()));
        return IntegrationFlow.from(Amqp.inboundAdapter(consumer).messageConverter(converter).autoStartup(false))
                .filter(Message.class, m -> runnable(m, repository))
                .channel(WORKER_REQUESTS)
                .get();
    }

    /**
     * Whether a request names a partition still to be executed. STARTING: not begun. STARTED: a worker
     * took it and is gone (the broker redelivered it): the worker step resumes it from its last commit.
     * Anything else (finished, or its run was marked failed and restarted with new partitions) is
     * acknowledged and dropped. A message that is not a request for an existing partition is an error.
     */
    static boolean runnable(Message<?> message, JobRepository repository) {
        if (!(message.getPayload() instanceof StepExecutionRequest request)) {
            throw new AmqpRejectAndDontRequeueException("not a partition request: "
                    + message.getPayload().getClass().getName());
        }
        StepExecution partition = repository.getStepExecution(request.getStepExecutionId());
        if (partition == null) {
            throw new AmqpRejectAndDontRequeueException("no partition for " + request + " in this job repository");
        }
        BatchStatus job = partition.getJobExecution().getStatus();
        BatchStatus status = partition.getStatus();
        if (!job.isRunning() || !(status == BatchStatus.STARTING || status == BatchStatus.STARTED)) {
            PartitionLog.say("print-worker %s: %s (execution %d) is %s in a %s run: nothing to do", RunOwner.current(),
                    partition.getStepName(), partition.getId(), status, job);
            return false;
        }
        if (status == BatchStatus.STARTED) {
            PartitionLog.say("print-worker %s: %s (execution %d) was left STARTED by a worker that is gone: resuming it from its last commit",
                    RunOwner.current(), partition.getStepName(), partition.getId());
        }
        return true;
    }
}
