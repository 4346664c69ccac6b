package jp.kakekin.print;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code kakekin.print.*} (docs/print-run.md).
 *
 * @param workers       partitions of the calculate and print steps (default: the number of processors);
 *                      with local partitioning each has a thread of its own
 * @param chunkSize     ledger records per commit of the calculate step; also the length of a sort run,
 *                      so it bounds the memory the in-memory sort needs
 * @param mergeFanIn    sort runs merged at once; more runs are merged in several passes
 * @param keepWorkFiles keep {@code .print-run/} after a completed run (for inspection)
 * @param partitioning  {@code local}: partitions run on threads of the launching JVM; {@code remote}: they
 *                      are sent over RabbitMQ to {@code print-worker} processes (Spring Batch Integration)
 * @param remote        the queue and the launching JVM's poll interval of remote partitioning
 * @param stopTimeout   on SIGTERM, how long this JVM waits for its runs to stop at their next commit
 */
@ConfigurationProperties("kakekin.print")
@Validated // a bad value stops the start with one line (jp.kakekin.app.PropertyFailureAnalyzer), never replaced quietly
public record PrintRunProperties(@Positive Integer workers, @Positive Integer chunkSize, @Min(2) Integer mergeFanIn,
                                 Boolean keepWorkFiles, Partitioning partitioning, @Valid Remote remote,
                                 Duration stopTimeout) {

    public enum Partitioning { LOCAL, REMOTE }

    /**
     * @param queue        the durable queue of partition requests; requests that cannot be read go to
     *                     {@code queue + ".dlq"}
     * @param pollInterval how often the launching JVM looks in the job repository for finished partitions
     */
    public record Remote(String queue, Duration pollInterval) {
        public Remote {
            queue = queue != null && !queue.isBlank() ? queue : "kakekin.print.partitions";
            pollInterval = pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero()
                    ? pollInterval : Duration.ofSeconds(1);
        }

        public String deadLetterQueue() {
            return queue + ".dlq";
        }
    }

    public PrintRunProperties {
        workers = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        chunkSize = chunkSize != null ? chunkSize : 5_000;
        mergeFanIn = mergeFanIn != null ? mergeFanIn : 128;
        keepWorkFiles = keepWorkFiles != null && keepWorkFiles;
        partitioning = partitioning != null ? partitioning : Partitioning.LOCAL;
        remote = remote != null ? remote : new Remote(null, null);
        stopTimeout = stopTimeout != null ? stopTimeout : Duration.ofMinutes(2);
    }

    public boolean isRemote() {
        return partitioning == Partitioning.REMOTE;
    }
}
