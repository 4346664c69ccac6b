package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
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
public record RunSummary(long records, long issued, long delivered, Map<ReasonCode, Long> excluded) {

    public RunSummary {
        excluded = Collections.unmodifiableMap(new EnumMap<>(excluded.isEmpty()
                ? new EnumMap<ReasonCode, Long>(ReasonCode.class) : excluded));
    }

    public long excludedTotal() {
        return excluded.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Nothing lost: every record was delivered or excluded, once. */
    public boolean reconciles() {
        return records == delivered + excludedTotal();
    }

    /**
     * Whether a certificate was issued on paper for a record excluded for this reason (it counts toward the
     * print run's total): it was printed, only not delivered electronically.
     */
    public static boolean issuedOnPaper(ReasonCode reason) {
        return switch (reason) {
            case NOT_LINKED, LINKED_AFTER_RUN_DATE, DEDUCTION_WITHHELD, NOT_REPRESENTABLE, DOCUMENT_INVALID -> true;
            default -> false;
        };
    }

    static final class Counter {
        private long records;
        private long issued;
        private long delivered;
        private final EnumMap<ReasonCode, Long> excluded = new EnumMap<>(ReasonCode.class);

        void add(ExportOutcome o) {
            records++;
            switch (o) {
                case ExportOutcome.Delivered d -> {
                    delivered++;
                    issued++;
                }
                case ExportOutcome.Excluded e -> {
                    excluded.merge(e.reason(), 1L, Long::sum);
                    if (issuedOnPaper(e.reason())) {
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
