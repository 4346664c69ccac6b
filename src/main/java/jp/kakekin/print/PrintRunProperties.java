package jp.kakekin.print;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code kakekin.print.*} (docs/print-run.md).
 *
 * @param workers          partitions of the calculate and print steps (default: the number of
 *                         processors); with local partitioning each has a thread of its own
 * @param chunkSize        ledger records per commit of the calculate step; also the length of a sort
 *                         run, so it bounds the memory the in-memory sort needs
 * @param mergeFanIn       sort runs merged at once; more runs are merged in several passes
 * @param keepWorkFiles    keep {@code .print-run/} after a completed run (for inspection)
 * @param initializeSchema create the Spring Batch tables when the job repository has none
 * @param partitioning     {@code local}: partitions run on threads of the launching JVM;
 *                         {@code shared-repository}: partitions are claimed through the job repository by
 *                         {@code print-worker} processes (and {@code localWorkers} threads of this one)
 * @param localWorkers     shared-repository: threads of the launching JVM that take partitions too
 *                         (default: the number of processors; 0 leaves them all to other processes)
 * @param pollInterval     shared-repository: how often the launching JVM and idle workers look at the repository
 * @param staleAfter       shared-repository: a claimed partition not updated for this long has lost its worker
 */
@ConfigurationProperties("kakekin.print")
@Validated // a bad value stops the start with one line (jp.kakekin.app.PropertyFailureAnalyzer), never replaced quietly
public record PrintRunProperties(@Positive Integer workers, @Positive Integer chunkSize, @Min(2) Integer mergeFanIn,
                                 Boolean keepWorkFiles, Boolean initializeSchema, Partitioning partitioning,
                                 @PositiveOrZero Integer localWorkers, Duration pollInterval, Duration staleAfter) {

    public enum Partitioning { LOCAL, SHARED_REPOSITORY }

    public PrintRunProperties {
        int processors = Runtime.getRuntime().availableProcessors();
        workers = workers != null ? workers : processors;
        chunkSize = chunkSize != null ? chunkSize : 5_000;
        mergeFanIn = mergeFanIn != null ? mergeFanIn : 128;
        keepWorkFiles = keepWorkFiles != null && keepWorkFiles;
        initializeSchema = initializeSchema == null || initializeSchema;
        partitioning = partitioning != null ? partitioning : Partitioning.LOCAL;
        localWorkers = localWorkers != null ? localWorkers : processors;
        pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(1);
        staleAfter = staleAfter != null ? staleAfter : Duration.ofMinutes(10);
    }
}
