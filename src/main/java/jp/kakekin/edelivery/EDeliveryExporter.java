package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.edelivery.ExportOutcome.Delivered;
import jp.kakekin.edelivery.ExportOutcome.Excluded;
import org.w3c.dom.Document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Turns one certificate of a run into its signed TEG850 document, or says why it gets none. Thread-safe:
 * it keeps no state between calls. Every document is checked against the NTA schema before it is
 * handed out, so a defect shows up as an exclusion in the run report, never as a file the receiving
 * software rejects.
 */
public final class EDeliveryExporter {

    private final Teg850Signer signer;
    private final Teg850Schema schema;
    private final IssuerSettings issuer;
    private final DeliveryArchive archive;

    public EDeliveryExporter(Teg850Signer signer, Teg850Schema schema, IssuerSettings issuer) {
        this(signer, schema, issuer, DeliveryArchive.NONE);
    }

    /** @param archive keeps every document delivered (docs/archive.md) */
    public EDeliveryExporter(Teg850Signer signer, Teg850Schema schema, IssuerSettings issuer, DeliveryArchive archive) {
        this.signer = Objects.requireNonNull(signer);
        this.schema = Objects.requireNonNull(schema);
        this.issuer = Objects.requireNonNull(issuer);
        this.archive = Objects.requireNonNull(archive);
    }

    /**
     * @param runDate     holders linked on or before this day are delivered
     * @param certifiedOn WPN 証明日
     * @param sakuseiDay  the root's sakuseiDay (the day the XML is made)
     */
    public ExportOutcome export(ExportCandidate candidate, LocalDate runDate, LocalDate certifiedOn,
                                LocalDate sakuseiDay) {
        return switch (candidate) {
            case ExportCandidate.Rejected r -> new Excluded(r.line(), r.contractNo(), null, r.reason(), r.detail());
            case ExportCandidate.Certificate c -> export(c, runDate, certifiedOn, sakuseiDay);
        };
    }

    private ExportOutcome export(ExportCandidate.Certificate c, LocalDate runDate, LocalDate certifiedOn,
                                 LocalDate sakuseiDay) {
        String code = c.code().value();
        var refusal = EDeliveryEligibility.check(c.ledger(), c.figures(), runDate);
        if (refusal.isPresent()) {
            return new Excluded(c.line(), c.contractNo(), c.figures().issued() ? code : null,
                    refusal.get().reason(), refusal.get().detail());
        }
        Teg850Certificate content = Teg850Mapping.map(c.ledger(), c.figures(), c.code(), certifiedOn, issuer.issuer());
        byte[] xml = sign(content, sakuseiDay);
        List<String> errors = schema.validate(xml);
        if (!errors.isEmpty()) {
            return new Excluded(c.line(), c.contractNo(), code, ReasonCode.DOCUMENT_INVALID, String.join("; ", errors));
        }
        Delivered delivered = new Delivered(c.line(), c.contractNo(), code, fileName(code), xml, sha256(xml));
        archive.archive(delivered); // the archive copy of what is handed out (run and on-demand alike)
        return delivered;
    }

    /** Builds, signs and serialises one document (no eligibility check: callers decide). */
    public byte[] sign(Teg850Certificate content, LocalDate sakuseiDay) {
        Teg850Header header = new Teg850Header(Teg850Header.idFor(content.uniqueCode()), sakuseiDay,
                issuer.sakuseiNM(), issuer.softNM());
        Document doc = Teg850Writer.write(header, content);
        signer.sign(doc);
        return Teg850Writer.serialize(doc);
    }

    public Teg850Signer signer() {
        return signer;
    }

    public IssuerSettings issuer() {
        return issuer;
    }

    public static String fileName(String uniqueCode) {
        return "TEG850-" + uniqueCode + ".xml";
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
