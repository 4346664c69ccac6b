package jp.kakekin.batch;

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
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Remote partitioning of a bulk run over RabbitMQ, with Spring Batch Integration: one instance per job
 * that is configured remote (the print run's {@code kakekin.print.partitioning=remote}, the e-私書箱 run's
 * {@code kakekin.e-delivery.partitioning=remote}), each with a queue of its own. The launching JVM's
 * partitioned steps ({@code RemotePartitioningManagerStepBuilder}, see {@link Partitions}) send one
 * {@link StepExecutionRequest} per partition to the durable queue and poll the job repository until every
 * partition has finished; {@code print-worker} processes (the same jar) consume the queues and run the
 * worker steps ({@code RemotePartitioningWorkerStepBuilder}) on them.
 * <p>
 * Delivery is at least once and a partition is idempotent: a request is acknowledged only when its
 * partition has finished (the listener returns), so a worker that dies leaves it unacknowledged and
 * RabbitMQ gives it to another worker, which resumes the partition from its last commit (the reader's
 * position in the partition's execution context). Only {@link StepExecutionRequest} is ever deserialized;
 * a message that cannot be read, or names no partition, is rejected without requeue and dead-lettered to
 * {@code <queue>.dlq} — it never loops.
 * <p>
 * The flows are registered with the application's {@link IntegrationFlowContext}: the one to the broker
 * starts at once, the one from it (and its listener container) only when a worker calls {@link #consume}.
 */
public final class RemotePartitioning {

    private static final Logger log = LoggerFactory.getLogger(RemotePartitioning.class);

    static final String REJECTIONS_LOGGER = "jp.kakekin.batch.RemotePartitioning.rejections";

    private final String job;
    private final String queue;
    private final Duration pollInterval;
    private final AmqpAdmin admin;
    private final DirectChannel requests = new DirectChannel();
    private final DirectChannel workerRequests = new DirectChannel();
    private final SimpleMessageListenerContainer consumer;
    private final IntegrationFlowContext.IntegrationFlowRegistration fromBroker;

    /**
     * @param job          names the flows and the log lines ({@code print}, {@code e-delivery})
     * @param queue        the durable queue of the job's partition requests; rejected ones go to {@code queue + ".dlq"}
     * @param pollInterval how often the launching JVM looks in the job repository for finished partitions
     */
    public RemotePartitioning(String job, String queue, Duration pollInterval, ConnectionFactory connectionFactory,
                              AmqpTemplate rabbit, AmqpAdmin admin, JobRepository repository,
                              IntegrationFlowContext flows) {
        this.job = Objects.requireNonNull(job);
        this.queue = Objects.requireNonNull(queue);
        this.pollInterval = Objects.requireNonNull(pollInterval);
        this.admin = admin;
        requests.setBeanName(job + "RunPartitionRequests");
        workerRequests.setBeanName(job + "RunWorkerRequests");
        // Persistent messages to the request queue, through the default exchange; the request is the whole
        // message: no Spring Integration headers (reply channel…) on the wire.
        flows.registration(IntegrationFlow.from(requests)
                        .handle(Amqp.outboundAdapter(rabbit).routingKey(queue).mappedRequestHeaders())
                        .get())
                .id(job + "-partition-requests-to-broker").register();
        consumer = container(connectionFactory);
        SimpleMessageConverter converter = new SimpleMessageConverter();
        converter.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName()));
        fromBroker = flows.registration(IntegrationFlow.from(Amqp.inboundAdapter(consumer).messageConverter(converter))
                        .filter(Message.class, m -> runnable(m, repository))
                        .channel(workerRequests)
                        .get())
                .id(job + "-partition-requests-from-broker").autoStartup(false).register();
    }

    public String queue() {
        return queue;
    }

    public String deadLetterQueue() {
        return queue + ".dlq";
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** Manager side: the requests to the broker. */
    public MessageChannel requests() {
        return requests;
    }

    /** Worker side: the requests from the broker, to the worker steps. */
    public MessageChannel workerRequests() {
        return workerRequests;
    }

    /** Declares both queues (idempotent): before the first request is sent, and before a worker consumes. */
    public void declare() {
        // Rejected requests go to the dead-letter queue through the default exchange.
        admin.declareQueue(QueueBuilder.durable(deadLetterQueue()).build());
        admin.declareQueue(queueDefinition());
    }

    Queue queueDefinition() {
        return QueueBuilder.durable(queue).deadLetterExchange("").deadLetterRoutingKey(deadLetterQueue()).build();
    }

    /** A worker: {@code consumers} partitions of this job at once, until the application closes. */
    public void consume(int consumers) {
        declare();
        consumer.setConcurrentConsumers(consumers);
        fromBroker.start();
    }

    /**
     * One request at a time per consumer (prefetch 1), acknowledged when the partition has finished
     * (AUTO: on the listener's return; an exception rejects it without requeue, to the dead-letter queue).
     */
    private SimpleMessageListenerContainer container(ConnectionFactory connectionFactory) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queue);
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
            log.warn("print-worker {}: message rejected to {}: {}", RunOwner.current(), deadLetterQueue(), cause.toString());
            throw new AmqpRejectAndDontRequeueException(e);
        });
        return container;
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

    @Override
    public String toString() {
        return job + " partitions on " + queue;
    }
}
