package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;

/**
 * What became of one ledger record in a partition of an e-私書箱 run, as kept in the partition's chunk files
 * until the package is assembled: the exporter's outcome (with the signed XML of a delivered document), and
 * whether the record was a certificate of the run (the duplicate check, made across partitions when the
 * package is assembled, counts only those), and whether a delivered document was archived already (not
 * when its contract is repeated in the ledger: the assemble step archives the one delivered).
 *
 * @param reason null for a delivered document
 */
record StagedOutcome(long line, String contractNo, String uniqueCode, String reason, String detail,
                     boolean certificate, String file, String sha256, byte[] xml, boolean archived) {

    /** @param archived whether a delivered document's archive copy was kept already */
    static StagedOutcome of(ExportOutcome outcome, boolean certificate, boolean archived) {
        return switch (outcome) {
            case ExportOutcome.Delivered d -> new StagedOutcome(d.line(), d.contractNo(), d.uniqueCode(), null, null,
                    certificate, d.fileName(), d.sha256(), d.xml(), archived);
            case ExportOutcome.Excluded e -> new StagedOutcome(e.line(), e.contractNo(), e.uniqueCode(), e.reason().name(),
                    e.detail(), certificate, null, null, null, true);
        };
    }

    ExportOutcome outcome() {
        return reason == null ? new ExportOutcome.Delivered(line, contractNo, uniqueCode, file, xml, sha256)
                : new ExportOutcome.Excluded(line, contractNo, uniqueCode, ReasonCode.valueOf(reason), detail);
    }
}
