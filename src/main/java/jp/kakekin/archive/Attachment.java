package jp.kakekin.archive;

import java.util.Objects;

/**
 * A file embedded in an archive copy as an associated file (PDF/A-3, {@code /AF}), e.g. the signed TEG850
 * XML of a certificate, with {@code AFRelationship /Data}: the data the document shows, the way
 * e-invoices (ZUGFeRD / Factur-X) carry theirs.
 */
public record Attachment(String fileName, String mimeType, String description, byte[] bytes) {

    public Attachment {
        Objects.requireNonNull(fileName);
        Objects.requireNonNull(mimeType);
        Objects.requireNonNull(bytes);
    }
}
