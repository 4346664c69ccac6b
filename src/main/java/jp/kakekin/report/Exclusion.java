package jp.kakekin.report;

import jp.kakekin.issuance.ReasonCode;

/**
 * One row of a run's {@code exclusions.csv}: a record that was read but did not become a document, and
 * why — the same columns ({@code line,contractNo,uniqueCode,reason,detail}) and the same reason codes
 * ({@link ReasonCode}) for print runs and e-私書箱 runs.
 *
 * @param line       the record's line in the input (1-based)
 * @param contractNo the 7-digit number when the line had one (an unparseable line may not)
 * @param uniqueCode the code the document would have carried, when it got that far
 * @param detail     what the reason code does not say: the validation errors with file, line and field, the
 *                   hold codes ({@code FIRST_COLLECTION_SHAPE|…}) of a {@link ReasonCode#HELD} record, …
 */
public record Exclusion(long line, String contractNo, String uniqueCode, ReasonCode reason, String detail)
        implements RunReport.Excluded {

    public Exclusion {
        java.util.Objects.requireNonNull(reason, "reason");
    }
}
