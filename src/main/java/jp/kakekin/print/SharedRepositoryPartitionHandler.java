package jp.kakekin.print;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Spreads a step's partitions over every JVM connected to the job repository: the partitions are
 * stored (STARTING) and claimed by {@link PartitionWorker}s — {@code localWorkers} threads of this JVM
 * and the {@code print-worker} processes of other machines — while this handler polls the repository
 * until every partition has finished. No message broker: the repository is the queue.
 * <p>
 * A partition whose worker died stays STARTED; when it has not been updated for {@code staleAfter}
 * (each commit updates it), the step fails with that partition named, and restarting the run gives the
 * partition to another worker from its last commit.
 */
class SharedRepositoryPartitionHandler extends AbstractPartitionHandler {

    private final JobRepository repository;
    private final PartitionWorker worker;
    private final int localWorkers;
    private final Duration pollInterval;
    private final Duration staleAfter;

    SharedRepositoryPartitionHandler(JobRepository repository, PartitionWorker worker, int partitions, int localWorkers,
                                     Duration pollInterval, Duration staleAfter) {
        this.repository = repository;
        this.worker = worker;
        this.localWorkers = localWorkers;
        this.pollInterval = pollInterval;
        this.staleAfter = staleAfter;
        setGridSize(partitions);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return partitions;
        }
        long jobExecutionId = manager.getJobExecutionId();
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> local = new ArrayList<>();
        for (int i = 0; i < localWorkers; i++) {
            Thread t = Thread.ofPlatform().name("print-" + manager.getStepName() + "-" + (i + 1)).start(() -> {
                while (!done.get() && worker.runOne(jobExecutionId)) {
                    // claim the next one
                }
            });
            local.add(t);
        }
        try {
            while (true) {
                Set<StepExecution> current = new HashSet<>();
                boolean running = false;
                for (StepExecution p : partitions) {
                    StepExecution stored = repository.getStepExecution(jobExecutionId, p.getId());
                    current.add(stored);
                    if (stored.getStatus().isRunning()) {
                        running = true;
                        LocalDateTime last = stored.getLastUpdated();
                        if (stored.getStatus() == BatchStatus.STARTED && last != null
                                && last.plus(staleAfter).isBefore(LocalDateTime.now())) {
                            throw new PrintRunException(("partition %s has not been updated since %s: its worker is gone. "
                                    + "Restart the run to give it to another worker").formatted(stored.getStepName(), last));
                        }
                    }
                }
                if (!running) {
                    return current;
                }
                Thread.sleep(pollInterval.toMillis());
            }
        } finally {
            done.set(true);
            for (Thread t : local) {
                t.join();
            }
        }
    }
}
