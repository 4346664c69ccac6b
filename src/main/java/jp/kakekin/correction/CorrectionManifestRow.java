package jp.kakekin.correction;

/**
 * One row of a corrections run's {@code manifest.csv}: a corrected certificate, where it is printed, the
 * figures it states (as of the data date) and what it corrects.
 *
 * @param originalCode  the code of the certificate's first issue (printed on the corrected one)
 * @param correctsCode  the issue it replaces (the register's latest: the original, a reissue or an earlier correction)
 * @param printedDeduction what that issue printed as 控除額 (empty = ****)
 * @param deduction     the corrected 控除額
 */
public record CorrectionManifestRow(String runId, int year, String issue, String batchFile, int page, String contractNo,
                                    String checkDigits, String uniqueCode, String originalCode, String correctsCode,
                                    String postalCode, String addressLine1, String addressLine2, String holderName,
                                    long monthlyPremium, long paid, long scheduled, long discountPaid, Long deduction,
                                    Long printedDeduction, String runDate, String dataDate) {
}
