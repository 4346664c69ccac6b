package jp.kakekin.print;

/**
 * One row of the exclusion report: a ledger record that was read but not printed, and why.
 *
 * @param contractNo the 7-digit number when the line had one (an unparseable line may not)
 * @param uniqueCode the code the certificate would have carried, when it got that far
 */
public record Exclusion(long line, String contractNo, String uniqueCode, ExclusionReason reason, String detail) {

    static final String CSV_HEADER = "line,contractNo,uniqueCode,reason,detail";

    String toCsv() {
        return Csv.row(Long.toString(line), contractNo, uniqueCode, reason.name(), detail);
    }
}
