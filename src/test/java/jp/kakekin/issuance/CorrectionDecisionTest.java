package jp.kakekin.issuance;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Issuer's corrections decision (docs/corrections.md), plain Java: a **** certificate whose arrears are
 * paid by the data date is corrected with the next sequence; the same figures again are UNCHANGED; arrears
 * still unpaid are STILL_WITHHELD; before the cutoff NOT_YET_FINAL; and a copy issued on request after a
 * correction states the correction's figures.
 */
class CorrectionDecisionTest {

    private static final DocumentKind NOV = DocumentKind.NOVEMBER_CERTIFICATE;
    private static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);
    private static final LocalDate RUN = LocalDate.of(2026, 12, 1);

    /** Jan–Aug paid, September failed; with {@code recovered} November's transfer collected Sep + Nov. */
    private static Ledger ledger(boolean recovered) {
        String[] days = {"2026-01-19", "2026-02-18", "2026-03-18", "2026-04-20", "2026-05-18", "2026-06-18",
                "2026-07-21", "2026-08-18"};
        StringBuilder payments = new StringBuilder();
        for (int m = 1; m <= 8; m++) {
            payments.append("{\"date\":\"%s\",\"method\":\"TRANSFER\",\"amount\":10000,\"from\":\"2026-%02d\",\"to\":\"2026-%02d\"},"
                    .formatted(days[m - 1], m, m));
        }
        payments.append("{\"date\":\"2026-09-18\",\"method\":\"TRANSFER\",\"status\":\"FAILED\",\"amount\":10000,\"from\":\"2026-09\",\"to\":\"2026-09\"}");
        if (recovered) {
            payments.append(",{\"date\":\"2026-11-18\",\"method\":\"TRANSFER\",\"amount\":10000,\"from\":\"2026-09\",\"to\":\"2026-09\"}")
                    .append(",{\"date\":\"2026-11-18\",\"method\":\"TRANSFER\",\"amount\":10000,\"from\":\"2026-11\",\"to\":\"2026-11\"}");
        }
        String json = """
                {"scheme":"SHOKIBO","contractNo":"4000001","checkDigits":"11","holder":{"name":"山田 太郎","nameKana":"ヤマダ","birthDate":"1970-04-01","phone":"0312345678","corporate":false,"fiscalYearEndMonth":null},\
                "addresses":[{"receivedOn":"2015-04-01","postalCode":"1000013","line1":"東京都千代田区霞が関一丁目3番1号","line2":""}],\
                "contractDate":"2015-04-01","applicationMonth":"2015-04","applicationMethod":"CASH",\
                "premiums":[{"from":"2015-04","monthly":10000}],"paymentModes":[{"from":"2015-04","mode":"MONTHLY"}],\
                "payments":[%s],"pendingRequests":[],"discountCarried":null,"terminatedOn":null,"previousTermination":null}"""
                .formatted(payments);
        LedgerRecord r = LedgerReader.parseOne("test.json", json);
        assertThat(r).isInstanceOf(LedgerRecord.Valid.class);
        return ((LedgerRecord.Valid) r).ledger();
    }

    private static final UniqueCode ORIGINAL = UniqueCode.of(NOV, 2026, "4000001", "11", 0);

    private static Correction correction(UniqueCode latest, FiguresJson.Printed printed) {
        return new Correction(ORIGINAL, latest, printed, NOV_30);
    }

    @Test
    void decidesWhatIsCorrected() {
        Issuer issuer = new Issuer(new Calculator(), null, null, IssuedRegister.EMPTY);
        FiguresJson.Printed withheld = new FiguresJson.Printed(10_000, 80_000, 30_000, 0, null);

        Issuance paid = issuer.decide(ledger(true), NOV, 2026, IssueContext.correction(RUN, correction(ORIGINAL, withheld)));
        assertThat(paid).isInstanceOf(Issuance.Issued.class);
        Issuance.Issued issued = (Issuance.Issued) paid;
        assertThat(issued.uniqueCode()).isEqualTo(UniqueCode.of(NOV, 2026, "4000001", "11", 1));
        CertificateFigures f = (CertificateFigures) issued.figures();
        assertThat(f.deduction()).isEqualTo(110_000);
        assertThat(f.paid()).isEqualTo(100_000);
        assertThat(f.scheduled()).isEqualTo(10_000);

        // compared with what the correction printed: nothing changed
        FiguresJson.Printed corrected = new FiguresJson.Printed(10_000, 100_000, 10_000, 0, 110_000L);
        Issuance again = issuer.decide(ledger(true), NOV, 2026,
                IssueContext.correction(RUN, correction(issued.uniqueCode(), corrected)));
        assertThat(again).isInstanceOf(Issuance.NotIssued.class);
        assertThat(((Issuance.NotIssued) again).reason()).isEqualTo(ReasonCode.UNCHANGED);

        Issuance unpaid = issuer.decide(ledger(false), NOV, 2026, IssueContext.correction(RUN, correction(ORIGINAL, withheld)));
        assertThat(((Issuance.NotIssued) unpaid).reason()).isEqualTo(ReasonCode.STILL_WITHHELD);
        assertThat(((Issuance.NotIssued) unpaid).detail()).contains("ARREARS");

        Issuance early = issuer.decide(ledger(true), NOV, 2026,
                IssueContext.correction(LocalDate.of(2026, 9, 20), correction(ORIGINAL, withheld)));
        assertThat(((Issuance.NotIssued) early).reason()).isEqualTo(ReasonCode.NOT_YET_FINAL);
    }

    @Test
    void aCopyOnRequestAfterACorrectionStatesTheCorrection() {
        IssuedRegister corrected = new IssuedRegister() {
            @Override
            public OptionalInt lastSequence(UniqueCode original) {
                return OptionalInt.of(1);
            }

            @Override
            public Optional<Corrected> latestCorrection(UniqueCode original) {
                return Optional.of(new Corrected(UniqueCode.of(NOV, 2026, "4000001", "11", 1), NOV_30, null));
            }
        };
        Issuance copy = new Issuer(new Calculator(), null, null, corrected)
                .decide(ledger(true), NOV, 2026, IssueContext.onDemand(LocalDate.of(2027, 2, 10)));
        Issuance.Issued issued = (Issuance.Issued) copy;
        assertThat(issued.uniqueCode().sequence()).isEqualTo(2);
        assertThat(((CertificateFigures) issued.figures()).deduction()).isEqualTo(110_000);

        Issuance uncorrected = new Issuer(new Calculator(), null, null, IssuedRegister.EMPTY)
                .decide(ledger(true), NOV, 2026, IssueContext.onDemand(LocalDate.of(2027, 2, 10)));
        assertThat(((CertificateFigures) ((Issuance.Issued) uncorrected).figures()).deduction()).isNull();
    }

    /**
     * The e-私書箱 copy (IssueContext.copy) follows the same latest-issued-document rule as a reissue: once
     * corrected it is the corrected certificate — its figures, its code (no new sequence) and the address it
     * was printed with; a certificate never corrected is copied as the bulk run issued it (****, the
     * original's code).
     */
    @Test
    void anElectronicCopyIsTheLatestIssuedDocument() {
        jp.kakekin.ledger.Address printedTo = new jp.kakekin.ledger.Address(null, "2630023", "千葉市稲毛区緑町3丁目30-8", "");
        UniqueCode correctedCode = UniqueCode.of(NOV, 2026, "4000001", "11", 1);
        IssuedRegister corrected = new IssuedRegister() {
            @Override
            public OptionalInt lastSequence(UniqueCode original) {
                return OptionalInt.of(1);
            }

            @Override
            public Optional<Corrected> latestCorrection(UniqueCode original) {
                return Optional.of(new Corrected(correctedCode, NOV_30, printedTo));
            }
        };
        LocalDate request = LocalDate.of(2027, 1, 12);
        Issuer issuer = new Issuer(new Calculator(), null, null, corrected);
        Issuance.Issued copy = (Issuance.Issued) issuer.latest(ledger(true), request, IssueContext.copy(request, 0));
        assertThat(copy.uniqueCode()).isEqualTo(correctedCode);
        CertificateFigures f = (CertificateFigures) copy.figures();
        assertThat(f.deduction()).isEqualTo(110_000);
        assertThat(f.paid()).isEqualTo(100_000);
        assertThat(f.dataCutoff()).isEqualTo(NOV_30);
        assertThat(copy.address()).isEqualTo(printedTo);
        assertThat(f.address()).isEqualTo(printedTo);
        // a later reissue's code may be named
        assertThat(((Issuance.Issued) issuer.decide(ledger(true), NOV, 2026, IssueContext.copy(request, 3)))
                .uniqueCode().sequence()).isEqualTo(3);

        Issuance.Issued plain = (Issuance.Issued) new Issuer(new Calculator(), null, null, IssuedRegister.EMPTY)
                .latest(ledger(true), request, IssueContext.copy(request, 0));
        assertThat(plain.uniqueCode()).isEqualTo(ORIGINAL);
        assertThat(((CertificateFigures) plain.figures()).deduction()).isNull();
        assertThat(((CertificateFigures) plain.figures()).address().postalCode()).isEqualTo("1000013");
    }
}
