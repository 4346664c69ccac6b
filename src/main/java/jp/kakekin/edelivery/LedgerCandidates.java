package jp.kakekin.edelivery;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.ledger.Scheme;

import java.io.Closeable;
import java.time.LocalDate;
import java.util.Iterator;

/**
 * The certificates of a run computed from a ledger file: each record through the calculator, with the
 * unique code the print run prints on the original (sequence 0). Records that cannot become a
 * certificate come out as {@link ExportCandidate.Rejected}, so the run still reports them.
 */
public final class LedgerCandidates implements Iterator<ExportCandidate>, Closeable {

    private final LedgerReader reader;
    private final Calculator calculator;
    private final DocumentKind issue;
    private final int year;
    private final LocalDate addressCutoff;

    /** @param addressCutoff null for the default of the issue (RULES.md 1.7) */
    public LedgerCandidates(LedgerReader reader, Calculator calculator, DocumentKind issue, int year,
                            LocalDate addressCutoff) {
        this.reader = reader;
        this.calculator = calculator;
        this.issue = issue;
        this.year = year;
        this.addressCutoff = addressCutoff;
    }

    @Override
    public boolean hasNext() {
        return reader.hasNext();
    }

    @Override
    public ExportCandidate next() {
        return switch (reader.next()) {
            case LedgerRecord.Invalid bad -> new ExportCandidate.Rejected(bad.line(), bad.contractNo(),
                    ExclusionReason.INVALID_LEDGER_LINE, bad.message());
            case LedgerRecord.Valid ok when ok.ledger().scheme() != Scheme.SHOKIBO -> new ExportCandidate.Rejected(
                    ok.line(), ok.ledger().contractNo(), ExclusionReason.OTHER_SCHEME, ok.ledger().scheme().name());
            case LedgerRecord.Valid ok -> {
                try {
                    Figures figures = calculator.calculate(issue, ok.ledger(), year, addressCutoff);
                    if (figures instanceof HeldFigures held) {
                        yield new ExportCandidate.Rejected(ok.line(), ok.ledger().contractNo(), ExclusionReason.HELD,
                                held.codes().toString());
                    }
                    CertificateFigures f = (CertificateFigures) figures;
                    yield new ExportCandidate.Certificate(ok.line(), ok.ledger(), f,
                            UniqueCode.of(issue, year, ok.ledger().contractNo(), ok.ledger().checkDigits(), 0));
                } catch (RuntimeException e) {
                    yield new ExportCandidate.Rejected(ok.line(), ok.ledger().contractNo(),
                            ExclusionReason.CALCULATION_FAILED, reader.fileName() + ":" + ok.line() + ": " + e);
                }
            }
        };
    }

    @Override
    public void close() {
        reader.close();
    }
}
