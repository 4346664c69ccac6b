package jp.kakekin.batch;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilder;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The partitioned steps of every bulk run, local or remote, built the same way: the print run's calculate
 * and print steps, the e-私書箱 run's export step, the reissue batch's letters.
 */
public final class Partitions {

    private Partitions() {
    }

    /**
     * The manager step. Local ({@code remote == null}): one thread per partition in this JVM. Remote: one
     * request per partition on the job's queue, executed by {@code print-worker} processes; this JVM polls
     * the job repository until all have finished.
     */
    public static Step partitioned(String name, String workerName, Partitioner partitioner, Step worker, int gridSize,
                                   JobRepository repository, StepExecutionListener listener, RemotePartitioning remote) {
        if (remote != null) {
            return new RemotePartitioningManagerStepBuilder(name, repository)
                    .partitioner(workerName, partitioner)
                    .gridSize(gridSize)
                    .outputChannel(remote.requests())
                    .pollInterval(remote.pollInterval().toMillis())
                    .listener(listener)
                    .listener(new StepExecutionListener() {
                        @Override
                        public void beforeStep(StepExecution step) {
                            remote.declare(); // a request sent to a queue that does not exist would be lost
                        }
                    })
                    .build();
        }
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("print-" + name + "-");
        executor.setDaemon(false);
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(worker);
        handler.setTaskExecutor(executor);
        handler.setGridSize(gridSize);
        return new StepBuilder(name, repository)
                .partitioner(workerName, partitioner)
                .partitionHandler(handler)
                .listener(listener)
                .build();
    }

    /**
     * The builder of a partition's step. Remote: the step also serves the requests that arrive on the worker
     * channel (Spring Batch Integration registers the handler as a flow, started by {@code print-worker}),
     * finding the step of a request by its name (step names are unique across the jobs).
     */
    public static StepBuilder workerStep(String name, JobRepository repository, ListableBeanFactory beans,
                                         RemotePartitioning remote) {
        if (remote == null) {
            return new StepBuilder(name, repository);
        }
        return new RemotePartitioningWorkerStepBuilder(name, repository)
                .inputChannel(remote.workerRequests())
                .stepLocator(stepName -> beans.getBeanProvider(Step.class).stream()
                        .filter(s -> s.getName().equals(stepName)).findFirst().orElse(null))
                .beanFactory(beans)
                .listener(new PartitionLog());
    }
}
