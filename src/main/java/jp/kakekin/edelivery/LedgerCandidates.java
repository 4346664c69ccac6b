package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.ledger.Ledger;

import java.io.Closeable;
import java.time.LocalDate;
import java.util.Iterator;

/**
 * The certificates of a run computed from a ledger file: each record through the issuance core, with the
 * unique code the print run prints on the original (sequence 0). Records that cannot become a
 * certificate come out as {@link ExportCandidate.Rejected}, so the run still reports them.
 */
public final class LedgerCandidates implements Iterator<ExportCandidate>, Closeable {

    private final LedgerReader reader;
    private final Issuer issuer;
    private final DocumentKind issue;
    private final int year;
    private final IssueContext context;

    /**
     * @param addressCutoff null for the default of the issue (RULES.md 1.7)
     * @param runDate       the run's date (in Japan): the figures must be final on it
     */
    public LedgerCandidates(LedgerReader reader, Issuer issuer, DocumentKind issue, int year,
                            LocalDate addressCutoff, LocalDate runDate) {
        this.reader = reader;
        this.issuer = issuer;
        this.issue = issue;
        this.year = year;
        this.context = IssueContext.run(runDate).withAddressCutoff(addressCutoff);
    }

    @Override
    public boolean hasNext() {
        return reader.hasNext();
    }

    @Override
    public ExportCandidate next() {
        return switch (reader.next()) {
            case LedgerRecord.Invalid bad -> new ExportCandidate.Rejected(bad.line(), bad.contractNo(),
                    ReasonCode.INVALID_LEDGER_LINE, bad.message());
            case LedgerRecord.Valid ok -> candidate(ok.line(), ok.ledger());
        };
    }

    private ExportCandidate candidate(long line, Ledger ledger) {
        return candidate(issuer, issue, year, context, reader.fileName(), line, ledger);
    }

    /**
     * One valid ledger record as a candidate of a run. The issuance core decides; the run only maps its
     * outcome (the e-私書箱 checks come after, in the exporter).
     */
    static ExportCandidate candidate(Issuer issuer, DocumentKind issue, int year, IssueContext context, String fileName,
                                     long line, Ledger ledger) {
        Issuance issuance = issuer.decide(ledger, issue, year, context);
        return switch (issuance) {
            case Issuance.Issued i -> new ExportCandidate.Certificate(line, ledger, (CertificateFigures) i.figures(),
                    i.uniqueCode());
            case Issuance.Held h -> new ExportCandidate.Rejected(line, ledger.contractNo(), ReasonCode.HELD,
                    h.detail());
            case Issuance.NotIssued n -> switch (n.reason()) {
                // The exporter says why it is not delivered (NOT_ELIGIBLE_THIS_ISSUE, NO_ADDRESS).
                case NOT_ELIGIBLE_THIS_ISSUE, NO_ADDRESS -> new ExportCandidate.Certificate(line, ledger,
                        (CertificateFigures) n.figures(),
                        UniqueCode.of(issue, year, ledger.contractNo(), ledger.checkDigits(), 0));
                case OTHER_SCHEME -> new ExportCandidate.Rejected(line, ledger.contractNo(),
                        ReasonCode.OTHER_SCHEME, ledger.scheme().name());
                case NOT_YET_FINAL -> new ExportCandidate.Rejected(line, ledger.contractNo(),
                        ReasonCode.NOT_YET_FINAL, n.detail());
                default -> new ExportCandidate.Rejected(line, ledger.contractNo(), n.reason(),
                        fileName + ":" + line + ": " + n.detail());
            };
        };
    }

    @Override
    public void close() {
        reader.close();
    }
}
