package jp.kakekin.edelivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The e-私書箱 run as a Spring Batch job ({@code kakekin.e-delivery.*}, beside the signing settings of
 * {@link EDeliveryProperties}; docs/e-delivery.md).
 *
 * @param workers       partitions of the export step (default: the number of processors); with local
 *                      partitioning each has a thread of its own
 * @param chunkSize     records signed per commit of a partition
 * @param partitioning  {@code local} (threads of the launching JVM) or {@code remote} (RabbitMQ, to
 *                      {@code print-worker} processes, as the print run)
 * @param remote        the queue and the launching JVM's poll interval of remote partitioning
 * @param keepWorkFiles keep the run's work folder ({@code .NAME.e-delivery/}) after a completed run
 */
@ConfigurationProperties("kakekin.e-delivery")
@Validated
public record EDeliveryRunProperties(@Positive Integer workers, @Positive Integer chunkSize, Partitioning partitioning,
                                     @Valid Remote remote, Boolean keepWorkFiles) {

    public enum Partitioning { LOCAL, REMOTE }

    /**
     * @param queue        the durable queue of partition requests (its own, not the print run's); rejected
     *                     requests go to {@code queue + ".dlq"}
     * @param pollInterval how often the launching JVM looks in the job repository for finished partitions
     */
    public record Remote(String queue, Duration pollInterval) {
        public Remote {
            queue = queue != null && !queue.isBlank() ? queue : "kakekin.e-delivery.partitions";
            pollInterval = pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero()
                    ? pollInterval : Duration.ofSeconds(1);
        }
    }

    public EDeliveryRunProperties {
        workers = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        chunkSize = chunkSize != null ? chunkSize : 500;
        partitioning = partitioning != null ? partitioning : Partitioning.LOCAL;
        remote = remote != null ? remote : new Remote(null, null);
        keepWorkFiles = keepWorkFiles != null && keepWorkFiles;
    }

    public boolean isRemote() {
        return partitioning == Partitioning.REMOTE;
    }
}
