package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Exports a whole run into a {@link DeliveryPackage}: every candidate becomes a delivered document or
 * an exclusion with its reason, in input order. Documents are signed in parallel batches (signing
 * dominates the cost); the package is written by this thread alone, in order, so the manifest is
 * reproducible.
 */
public final class EDeliveryRun {

    static final int BATCH = 512;

    private EDeliveryRun() {
    }

    public static RunSummary run(Iterator<? extends ExportCandidate> candidates, EDeliveryExporter exporter,
                                 RunParameters run, DeliveryPackage pkg) {
        Seen seen = new Seen();
        List<ExportCandidate> batch = new ArrayList<>(BATCH);
        while (candidates.hasNext()) {
            ExportCandidate c = candidates.next();
            if (c instanceof ExportCandidate.Certificate cert && !seen.add(cert.contractNo())) {
                c = new ExportCandidate.Rejected(c.line(), c.contractNo(), ReasonCode.DUPLICATE_CONTRACT,
                        "contract " + c.contractNo() + " came earlier in the run");
            }
            batch.add(c);
            if (batch.size() == BATCH) {
                flush(batch, exporter, run, pkg);
            }
        }
        flush(batch, exporter, run, pkg);
        return pkg.finish(run, exporter.signer().key());
    }

    private static void flush(List<ExportCandidate> batch, EDeliveryExporter exporter, RunParameters run,
                              DeliveryPackage pkg) {
        List<ExportOutcome> outcomes = batch.parallelStream()
                .map(c -> exporter.export(c, run.runDate(), run.certifiedOn(), run.sakuseiDay()))
                .toList();
        outcomes.forEach(pkg::add);
        batch.clear();
    }

    /** Contract numbers already in the run; 7-digit numbers in a bit set (1.25 MB for all of them). */
    static final class Seen {
        private final BitSet digits = new BitSet(10_000_000);
        private final Set<String> others = new HashSet<>();

        boolean add(String contractNo) {
            if (contractNo.length() == 7 && contractNo.chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(contractNo);
                if (digits.get(n)) {
                    return false;
                }
                digits.set(n);
                return true;
            }
            return others.add(contractNo);
        }
    }
}
