package jp.kakekin.edelivery;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.edelivery.LatestCertificate.Issue;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static jp.kakekin.calc.DocumentKind.FEBRUARY_CERTIFICATE;
import static jp.kakekin.calc.DocumentKind.NOVEMBER_CERTIFICATE;
import static org.assertj.core.api.Assertions.assertThat;

class LatestCertificateTest {

    @Test
    void issuesAvailableNewestFirst() {
        assertThat(LatestCertificate.issuesAvailable(LocalDate.of(2026, 11, 20))).containsExactly(
                new Issue(NOVEMBER_CERTIFICATE, 2026), new Issue(FEBRUARY_CERTIFICATE, 2025),
                new Issue(NOVEMBER_CERTIFICATE, 2025));
        assertThat(LatestCertificate.issuesAvailable(LocalDate.of(2027, 1, 15))).containsExactly(
                new Issue(NOVEMBER_CERTIFICATE, 2026), new Issue(FEBRUARY_CERTIFICATE, 2025),
                new Issue(NOVEMBER_CERTIFICATE, 2025));
        assertThat(LatestCertificate.issuesAvailable(LocalDate.of(2027, 3, 1))).containsExactly(
                new Issue(FEBRUARY_CERTIFICATE, 2026), new Issue(NOVEMBER_CERTIFICATE, 2026),
                new Issue(FEBRUARY_CERTIFICATE, 2025), new Issue(NOVEMBER_CERTIFICATE, 2025));
        assertThat(LatestCertificate.issuesAvailable(LocalDate.of(2026, 10, 31))).containsExactly(
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
        var f = LatestCertificate.find(new Calculator(), s01, LocalDate.of(2027, 3, 1)).orElseThrow();
        assertThat(f.document()).isEqualTo(NOVEMBER_CERTIFICATE);
        assertThat(f.year()).isEqualTo(2026);
    }

    @Test
    void aFebruaryJoinerGetsTheFebruaryCertificateOnceItIsIssued() {
        var s06 = ledger("S06-no-cash-joined-august.json");
        assertThat(LatestCertificate.find(new Calculator(), s06, LocalDate.of(2026, 12, 1))).isEmpty();
        var f = LatestCertificate.find(new Calculator(), s06, LocalDate.of(2027, 2, 10)).orElseThrow();
        assertThat(f.document()).isEqualTo(DocumentKind.FEBRUARY_CERTIFICATE);
        assertThat(f.deduction()).isEqualTo(100_000);
    }
}
