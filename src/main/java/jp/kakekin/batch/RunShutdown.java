package jp.kakekin.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * SIGTERM (or any orderly close of the application) stops the runs this process executes instead of
 * abandoning them: each is asked to stop ({@link JobOperator#stop}: STOPPING, then STOPPED at the next
 * commit of each of its steps and partitions) and this waits, up to {@code kakekin.print.stop-timeout} (it applies to every run),
 * until it has. The job repository then says STOPPED, so starting the same run again resumes it without
 * {@code --recover}. A lifecycle bean of the last phase: it stops before anything the runs use (the data
 * source, the broker connection) is closed.
 */
@Component
@Lazy(false)
public class RunShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunShutdown.class);

    // Providers: a command that launches no run must not build the jobs just to be able to stop them.
    private final ObjectProvider<JobRepository> repositoryProvider;
    private final ObjectProvider<JobOperator> operatorProvider;
    private final java.time.Duration stopTimeout;
    private volatile boolean running;
    private volatile boolean launched;

    public RunShutdown(ObjectProvider<JobRepository> repository, ObjectProvider<JobOperator> operator,
                       @org.springframework.beans.factory.annotation.Value("${kakekin.print.stop-timeout:2m}")
                       java.time.Duration stopTimeout) {
        this.repositoryProvider = repository;
        this.operatorProvider = operator;
        this.stopTimeout = stopTimeout;
    }

    /**
     * This process has launched a run: on shutdown, look for runs to stop. SIGTERM and SIGINT are also
     * handled here first: the runs are stopped, then the JVM's own handling (shutdown hooks, context close)
     * goes on. Without that, an embedded H2 closes itself in its own shutdown hook, at the same moment
     * as the application begins to close, and the run could not record that it stopped.
     */
    public synchronized void launched() {
        if (launched) {
            return;
        }
        launched = true;
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler[] previous = new SignalHandler[1];
                previous[0] = Signal.handle(signal, s -> Thread.ofPlatform().name("print-run-stop").start(() -> {
                    stopRuns();
                    if (previous[0] != null && previous[0] != SignalHandler.SIG_DFL && previous[0] != SignalHandler.SIG_IGN) {
                        previous[0].handle(s);
                    } else {
                        System.exit(128 + s.getNumber());
                    }
                }));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // No such signal here: the lifecycle stop below still applies.
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void stop() {
        running = false;
        if (launched) {
            stopRuns();
        }
    }

    private synchronized void stopRuns() {
        JobRepository repository = repositoryProvider.getObject();
        JobOperator operator = operatorProvider.getObject();
        String me = RunOwner.current().toString();
        List<JobExecution> mine = new ArrayList<>();
        // Every job of the repository (print runs, e-私書箱 runs, reissue batches): each records its owner
        // process (RunKeys.OWNER) when it starts.
        for (String job : repository.getJobNames()) {
            for (JobExecution running : repository.findRunningJobExecutions(job)) {
                JobExecution e = repository.getJobExecution(running.getId()); // with its context
                if (e != null && me.equals(e.getExecutionContext().getString(RunKeys.OWNER, ""))) {
                    mine.add(e);
                }
            }
        }
        for (JobExecution e : mine) {
            log.info("stopping run {} (execution {}) at its next commit; start it again to resume", e.getJobInstanceId(), e.getId());
            try {
                operator.stop(e);
            } catch (JobExecutionNotRunningException ignored) {
                // finished meanwhile
            } catch (RuntimeException ex) {
                log.warn("cannot stop execution {}: {}", e.getId(), ex.toString());
            }
        }
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        for (JobExecution e : mine) {
            while (System.nanoTime() < deadline) {
                JobExecution stored = repository.getJobExecution(e.getId());
                // The job says STOPPED at once (JobOperator.stop); its steps and partitions only at their next commit.
                if (stored == null || !stored.getStatus().isRunning()
                        && stored.getStepExecutions().stream().noneMatch(s -> s.getStatus().isRunning())) {
                    log.info("run {} (execution {}) {}", e.getJobInstanceId(), e.getId(), stored == null ? "gone" : stored.getStatus());
                    break;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
