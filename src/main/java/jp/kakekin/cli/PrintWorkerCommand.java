package jp.kakekin.cli;

import jp.kakekin.batch.RemotePartitioning;
import org.springframework.batch.core.step.Step;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code print-worker}: executes partitions of the bulk runs launched with remote partitioning — print runs
 * ({@code kakekin.print.partitioning=remote}) and e-私書箱 runs ({@code kakekin.e-delivery.partitioning=remote})
 * — taking their requests from RabbitMQ, one queue per job (docs/print-run.md, "Beyond one machine"). Needs
 * the same job repository, broker and files as the runs; runs until stopped.
 */
@Command(name = "print-worker", mixinStandardHelpOptions = true,
        description = "Executes partitions of remote print runs and e-私書箱 runs, from their RabbitMQ queues, until stopped. "
                + "Give it the same --spring.datasource.*, --spring.rabbitmq.*, --kakekin.print.partitioning / "
                + "--kakekin.e-delivery.partitioning and queue names as the runs.")
public class PrintWorkerCommand implements Callable<Integer> {

    @Option(names = "--threads", description = "partitions of each job executed at once (default: the number of processors)")
    Integer threads;

    private final ApplicationContext context;

    public PrintWorkerCommand(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, RemotePartitioning> lanes = context.getBeansOfType(RemotePartitioning.class);
        if (lanes.isEmpty()) {
            System.err.println("print-worker: set --kakekin.print.partitioning=remote and/or "
                    + "--kakekin.e-delivery.partitioning=remote (and the runs too): workers take partitions from RabbitMQ");
            return 2;
        }
        int n = threads != null && threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        // Building the steps registers the worker steps' request handlers (Spring Batch Integration); start
        // them, then the consumers of each job's queue.
        context.getBeansOfType(Step.class);
        context.getBean(IntegrationFlowContext.class).getRegistry().forEach((id, r) -> {
            if (!id.endsWith("-from-broker")) {
                r.start();
            }
        });
        for (RemotePartitioning lane : lanes.values()) {
            lane.consume(n);
            System.err.printf("print-worker: %d thread(s) on queue %s (%s)%n", n, lane.queue(), lane);
        }
        // Until the process is stopped: on SIGTERM the context closes and the consumers stop; a partition
        // that has not finished by then is not acknowledged and goes to another worker.
        new CountDownLatch(1).await();
        return 0;
    }
}
