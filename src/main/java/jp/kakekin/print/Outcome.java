package jp.kakekin.print;

import jp.kakekin.report.Exclusion;

/** What became of one ledger record in the calculate step: a certificate to print, or an exclusion. */
sealed interface Outcome {

    long line();

    /** The contract number when the line was a valid ledger of the run's scheme (for the duplicate check), else null. */
    String validContractNo();

    record Issued(IssuedCertificate certificate) implements Outcome {
        @Override
        public long line() {
            return certificate.line();
        }

        @Override
        public String validContractNo() {
            return certificate.contractNo();
        }
    }

    record Excluded(Exclusion exclusion, String validContractNo) implements Outcome {
        @Override
        public long line() {
            return exclusion.line();
        }
    }
}
