package jp.kakekin.archive;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What an archive copy says about itself in its XMP metadata: the search keys 電子帳簿保存法 expects of a
 * document kept electronically (取引年月日, 取引金額, 取引先) and what the document is.
 *
 * @param uniqueCode   the document's unique code (its key in the issue register)
 * @param title        the document's name, e.g. 小規模企業共済掛金控除証明書（令和8年分・11月発行）
 * @param documentDate 取引年月日: the date the document states (証明日 / issue date)
 * @param amount       取引金額 in yen: the 控除額 of a certificate, the total of a statement; null when the
 *                     document states none (a withheld 控除額 prints ****)
 * @param counterparty 取引先: the holder, as 共済契約者番号 and name
 * @param issuer       who issued it
 * @param archivedAt   when the copy was made (xmp:CreateDate / ModifyDate)
 */
public record ArchiveMetadata(String uniqueCode, String title, LocalDate documentDate, Long amount,
                              String counterparty, String issuer, OffsetDateTime archivedAt) {

    public ArchiveMetadata {
        Objects.requireNonNull(uniqueCode, "uniqueCode");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(documentDate, "documentDate");
        Objects.requireNonNull(counterparty, "counterparty");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(archivedAt, "archivedAt");
    }
}
