package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;

/**
 * One record of a run as the export sees it: a certificate of the run (from the ledger and the
 * calculator, or from the print run's issue records) or a record that already failed upstream.
 */
public sealed interface ExportCandidate {

    /** Where the record came from (1-based line of the input), 0 when not from a file. */
    long line();

    String contractNo();

    /** @param code the unique code printed on the paper certificate (sequence 0 for the original issue) */
    record Certificate(long line, Ledger ledger, CertificateFigures figures, UniqueCode code)
            implements ExportCandidate {
        @Override
        public String contractNo() {
            return ledger.contractNo();
        }
    }

    record Rejected(long line, String contractNo, ReasonCode reason, String detail) implements ExportCandidate {
    }
}
