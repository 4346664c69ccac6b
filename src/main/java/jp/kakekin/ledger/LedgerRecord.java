package jp.kakekin.ledger;

import java.util.List;

/** What the reader yields for one record of the input: a valid ledger or the reasons it is not. */
public sealed interface LedgerRecord {

    /** 1-based line where the record starts. */
    long line();

    record Valid(long line, Ledger ledger) implements LedgerRecord {
    }

    record Invalid(long line, List<LedgerError> errors, String contractNo) implements LedgerRecord {
        public Invalid {
            errors = List.copyOf(errors);
        }

        /** All errors on one line, for reports. */
        public String message() {
            return String.join("; ", errors.stream().map(LedgerError::toString).toList());
        }
    }
}
