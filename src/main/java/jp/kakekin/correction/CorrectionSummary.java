package jp.kakekin.correction;

import java.util.List;
import java.util.Map;

/**
 * A corrections run's {@code summary.json}. The counts reconcile: {@code considered = corrected + unchanged +
 * excluded}, {@code corrected = manifest rows = pages} and, unless a trial, {@code registered = corrected}.
 *
 * @param considered the certificates of the issue in the register (their latest issue each)
 * @param unchanged  nothing they state has changed: not issued again, not listed
 * @param excluded   listed in exclusions.csv, by reason ({@code STILL_WITHHELD}, {@code HELD}, …)
 * @param registered corrected certificates written to the register (0 for a trial)
 * @param archived   archive copies made (docs/archive.md): one per registered correction when archiving is on
 * @param eDelivery  the TEG850 package of the corrected certificates, or null (trial, none corrected)
 */
public record CorrectionSummary(String runId, int year, String issue, String runDate, String dataDate, boolean trial,
                                long considered, long corrected, long unchanged, long excluded,
                                Map<String, Long> excludedByReason, long pages, long registered, long archived,
                                ElectronicCopies.Result eDelivery, boolean reconciled, List<String> problems) {

    /** One line for the operator. */
    public String describe() {
        return "corrections %s: %d certificates considered, %d corrected, %d unchanged, %d excluded %s%s%s%s".formatted(
                runId, considered, corrected, unchanged, excluded, excludedByReason,
                trial ? " (trial: nothing registered)" : ", " + registered + " registered",
                eDelivery == null ? "" : ", e-私書箱 " + eDelivery.delivered() + " delivered (" + eDelivery.packageName() + ")",
                reconciled ? "" : "; NOT RECONCILED: " + problems);
    }
}
