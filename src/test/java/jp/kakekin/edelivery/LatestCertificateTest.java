package jp.kakekin.edelivery;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.issuance.LatestIssue;
import jp.kakekin.issuance.LatestIssue.Issue;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static jp.kakekin.calc.DocumentKind.FEBRUARY_CERTIFICATE;
import static jp.kakekin.calc.DocumentKind.NOVEMBER_CERTIFICATE;
import static org.assertj.core.api.Assertions.assertThat;

/** The one "latest certificate" rule ({@link LatestIssue}, {@link Issuer#latest}) as e-私書箱 on demand uses it. */
class LatestCertificateTest {

    private static final Issuer ISSUER = new Issuer(new Calculator(), null, null, null);

    private static java.util.Optional<jp.kakekin.calc.CertificateFigures> latest(jp.kakekin.ledger.Ledger l, LocalDate asOf) {
        return ISSUER.latest(l, asOf, IssueContext.run(asOf)) instanceof Issuance.Issued i
                ? java.util.Optional.of((jp.kakekin.calc.CertificateFigures) i.figures()) : java.util.Optional.empty();
    }

    @Test
    void issuesAvailableNewestFirst() {
        assertThat(LatestIssue.issuesAvailable(LocalDate.of(2026, 11, 20))).containsExactly(
                new Issue(NOVEMBER_CERTIFICATE, 2026), new Issue(FEBRUARY_CERTIFICATE, 2025),
                new Issue(NOVEMBER_CERTIFICATE, 2025));
        assertThat(LatestIssue.issuesAvailable(LocalDate.of(2027, 1, 15))).containsExactly(
                new Issue(NOVEMBER_CERTIFICATE, 2026), new Issue(FEBRUARY_CERTIFICATE, 2025),
                new Issue(NOVEMBER_CERTIFICATE, 2025));
        assertThat(LatestIssue.issuesAvailable(LocalDate.of(2027, 3, 1))).containsExactly(
                new Issue(FEBRUARY_CERTIFICATE, 2026), new Issue(NOVEMBER_CERTIFICATE, 2026),
                new Issue(FEBRUARY_CERTIFICATE, 2025), new Issue(NOVEMBER_CERTIFICATE, 2025));
        assertThat(LatestIssue.issuesAvailable(LocalDate.of(2026, 10, 31))).containsExactly(
                new Issue(FEBRUARY_CERTIFICATE, 2025), new Issue(NOVEMBER_CERTIFICATE, 2025),
                new Issue(FEBRUARY_CERTIFICATE, 2024), new Issue(NOVEMBER_CERTIFICATE, 2024));
    }

    private static jp.kakekin.ledger.Ledger ledger(String caseFile) {
        var node = GeneratedRun.linked(GeneratedRun.caseLedger(caseFile), "2026-01-01");
        return ((LedgerRecord.Valid) LedgerReader.parseOne(caseFile, GeneratedRun.JSON.writeValueAsString(node))).ledger();
    }

    @Test
    void aHolderWithANovemberCertificateGetsItAllWinter() {
        var s01 = ledger("S01-monthly-all-paid.json");
        var f = latest(s01, LocalDate.of(2027, 3, 1)).orElseThrow();
        assertThat(f.document()).isEqualTo(NOVEMBER_CERTIFICATE);
        assertThat(f.year()).isEqualTo(2026);
    }

    @Test
    void aFebruaryJoinerGetsTheFebruaryCertificateOnceItIsIssued() {
        var s06 = ledger("S06-no-cash-joined-august.json");
        assertThat(latest(s06, LocalDate.of(2026, 12, 1))).isEmpty();
        var f = latest(s06, LocalDate.of(2027, 2, 10)).orElseThrow();
        assertThat(f.document()).isEqualTo(DocumentKind.FEBRUARY_CERTIFICATE);
        assertThat(f.deduction()).isEqualTo(100_000);
    }
}
