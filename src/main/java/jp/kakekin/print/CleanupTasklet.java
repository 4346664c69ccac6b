package jp.kakekin.print;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Removes the intermediate files once the report is written (a step of its own, so that a run killed
 * while deleting them restarts here and not at the report, which needs them).
 */
class CleanupTasklet implements Tasklet {

    /** Files removed at once: a removal mostly waits for the file system, not for a core. */
    static final int DELETING_THREADS = 4;

    private final boolean keep;

    CleanupTasklet(boolean keep) {
        this.keep = keep;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        if (!keep) {
            PrintRunParameters run = PrintRunParameters.from(chunkContext.getStepContext().getStepExecution().getJobParameters());
            delete(new RunFolder(run.out()).work());
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Deletes {@code dir} and everything in it. The work folder of a run of 100,000 contracts holds ≈ 665 files
     * (four per batch); one after another they took 0.1–0.7 s at the end of every run on this machine's file system
     * (≈ 0.5 ms per removal, waiting on the disk), four at a time 0.19 s instead of 0.49 (docs/performance.md).
     * So the files are removed by a few threads, then the folders, deepest first, by Spring's
     * {@link FileSystemUtils#deleteRecursively} (which would also take any file that appeared meanwhile).
     */
    static void delete(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            FileSystemUtils.deleteRecursively(dir);
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(DELETING_THREADS, r -> {
            Thread t = new Thread(r, "print-cleanup");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<?>> done = new ArrayList<>(files.size());
            for (Path f : files) {
                done.add(pool.submit(() -> {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("deleting " + dir);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                    throw new IOException("cannot delete in " + dir, e.getCause());
                }
            }
        }
        FileSystemUtils.deleteRecursively(dir);
    }
}
