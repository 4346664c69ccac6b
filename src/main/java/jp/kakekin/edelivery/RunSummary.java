package jp.kakekin.edelivery;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counts of a run, written as {@code summary.json} into the package.
 *
 * @param records   every record the run saw
 * @param issued    certificates issued on paper in the run (delivered + excluded for a reason that still
 *                  leaves a paper certificate): reconciles with the print run's count
 * @param delivered documents in the package
 * @param excluded  records not delivered, by reason
 */
public record RunSummary(long records, long issued, long delivered, Map<ExclusionReason, Long> excluded) {

    public RunSummary {
        excluded = Collections.unmodifiableMap(new EnumMap<>(excluded.isEmpty()
                ? new EnumMap<ExclusionReason, Long>(ExclusionReason.class) : excluded));
    }

    public long excludedTotal() {
        return excluded.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Nothing lost: every record was delivered or excluded, once. */
    public boolean reconciles() {
        return records == delivered + excludedTotal();
    }

    static final class Counter {
        private long records;
        private long issued;
        private long delivered;
        private final EnumMap<ExclusionReason, Long> excluded = new EnumMap<>(ExclusionReason.class);

        void add(ExportOutcome o) {
            records++;
            switch (o) {
                case ExportOutcome.Delivered d -> {
                    delivered++;
                    issued++;
                }
                case ExportOutcome.Excluded e -> {
                    excluded.merge(e.reason(), 1L, Long::sum);
                    if (e.reason().issuedOnPaper()) {
                        issued++;
                    }
                }
            }
        }

        RunSummary summary() {
            return new RunSummary(records, issued, delivered, excluded);
        }
    }
}
