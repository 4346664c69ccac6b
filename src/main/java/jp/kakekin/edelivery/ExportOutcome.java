package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;

/** What became of one candidate: a signed document, or the reason there is none. */
public sealed interface ExportOutcome {

    String contractNo();

    /**
     * @param fileName name of the XML in the package
     * @param sha256   hex SHA-256 of {@code xml}, as listed in the manifest
     */
    record Delivered(long line, String contractNo, String uniqueCode, String fileName, byte[] xml, String sha256)
            implements ExportOutcome {
    }

    /** @param uniqueCode the certificate's code when there is one, else null */
    record Excluded(long line, String contractNo, String uniqueCode, ReasonCode reason, String detail)
            implements ExportOutcome {
    }
}
