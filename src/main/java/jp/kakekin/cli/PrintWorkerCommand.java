package jp.kakekin.cli;

import jp.kakekin.print.PrintRunProperties;
import jp.kakekin.print.RemotePartitioning;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.step.Step;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code print-worker}: executes partitions of print runs launched with
 * {@code kakekin.print.partitioning=remote}, taking their requests from RabbitMQ (docs/print-run.md,
 * "Beyond one machine"). Needs the same job repository, broker and files as the run; runs until stopped.
 */
@Command(name = "print-worker", mixinStandardHelpOptions = true,
        description = "Executes partitions of remote print runs, from the RabbitMQ queue, until stopped. "
                + "Give it the same --spring.datasource.*, --spring.rabbitmq.* and --kakekin.print.remote.queue as the runs.")
public class PrintWorkerCommand implements Callable<Integer> {

    @Option(names = "--threads", description = "partitions executed at once (default: the number of processors)")
    Integer threads;

    private final PrintRunProperties properties;
    private final ApplicationContext context;

    public PrintWorkerCommand(PrintRunProperties properties, ApplicationContext context) {
        this.properties = properties;
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (!properties.isRemote()) {
            System.err.println("print-worker: set --kakekin.print.partitioning=remote (and the runs too): "
                    + "workers take partitions from the RabbitMQ queue");
            return 2;
        }
        int n = threads != null && threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        // Building the worker steps registers their request handlers (Spring Batch Integration); start them.
        context.getBean("printRunCalculatePartition", Step.class);
        context.getBean("printRunPrintPartition", Step.class);
        context.getBean(IntegrationFlowContext.class).getRegistry().values().forEach(r -> r.start());
        context.getBean(RemotePartitioning.Queues.class).declare();
        SimpleMessageListenerContainer consumer = context.getBean(RemotePartitioning.CONSUMER, SimpleMessageListenerContainer.class);
        consumer.setConcurrentConsumers(n);
        consumer.start();
        System.err.printf("print-worker: %d thread(s) on queue %s%n", n, properties.remote().queue());
        // Until the process is stopped: on SIGTERM the context closes and the consumers stop; a partition
        // that has not finished by then is not acknowledged and goes to another worker.
        new CountDownLatch(1).await();
        return 0;
    }
}
