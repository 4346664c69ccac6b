package jp.kakekin.cli;

import jp.kakekin.print.PartitionWorker;
import jp.kakekin.print.PrintRunProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code print-worker}: takes partitions of print runs launched with
 * {@code kakekin.print.partitioning=shared-repository} from the shared job repository and executes them
 * (docs/print-run.md, "Beyond one machine"). Needs the same database and the same files as the run.
 */
@Command(name = "print-worker", mixinStandardHelpOptions = true,
        description = "Executes partitions of print runs that share this job repository, until stopped (or idle for --exit-when-idle).")
public class PrintWorkerCommand implements Callable<Integer> {

    @Option(names = "--threads", description = "partitions executed at once (default: the number of processors)")
    Integer threads;

    @Option(names = "--exit-when-idle", description = "stop after this long without a partition to execute, e.g. PT2M (default: never)")
    Duration exitWhenIdle;

    private final PartitionWorker worker;
    private final PrintRunProperties properties;

    public PrintWorkerCommand(PartitionWorker worker, PrintRunProperties properties) {
        this.worker = worker;
        this.properties = properties;
    }

    @Override
    public Integer call() throws Exception {
        int n = threads != null && threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        AtomicLong lastWork = new AtomicLong(System.nanoTime());
        List<Thread> pool = new ArrayList<>();
        System.err.printf("print-worker: %d thread(s), polling every %s%n", n, properties.pollInterval());
        for (int i = 0; i < n; i++) {
            pool.add(Thread.ofPlatform().name("print-worker-" + (i + 1)).start(() -> {
                while (exitWhenIdle == null || System.nanoTime() - lastWork.get() < exitWhenIdle.toNanos()) {
                    boolean worked;
                    try {
                        worked = worker.runOne();
                    } catch (RuntimeException e) {
                        // The database may be restarting: a worker keeps polling rather than dying.
                        System.err.println("print-worker: " + e);
                        worked = false;
                    }
                    if (worked) {
                        lastWork.set(System.nanoTime());
                    } else {
                        try {
                            Thread.sleep(properties.pollInterval().toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }));
        }
        for (Thread t : pool) {
            t.join();
        }
        System.err.println("print-worker: idle for " + exitWhenIdle + ", stopping");
        return 0;
    }
}
