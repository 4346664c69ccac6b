package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Scheme;
import jp.kakekin.synthetic.SyntheticLedgers;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A corrected certificate's figures (docs/corrections.md): at the issue's own cutoff they are the issue's
 * figures; later, 済額 + 予定額 of a holder whose collections all succeed is the year's total whatever the data
 * date; at or after December's end there is no 予定額.
 */
class CorrectedCertificateTest {

    private static final Calculator CALCULATOR = new Calculator();

    @Test
    void atTheIssuesOwnCutoffTheFiguresAreTheIssues() {
        SyntheticLedgers generated = new SyntheticLedgers(11, 2026, SyntheticLedgers.ExportPoint.MIXED);
        int compared = 0;
        for (long i = 0; i < 3_000; i++) {
            Ledger l = generated.ledger(i);
            if (l.scheme() != Scheme.SHOKIBO) {
                continue;
            }
            LocalDate novAddress = AddressCutoff.november(2026);
            assertThat(CALCULATOR.corrected(DocumentKind.NOVEMBER_CERTIFICATE, l, 2026, DataCutoff.november(2026), novAddress))
                    .as("record %d", i).isEqualTo(CALCULATOR.calculate(DocumentKind.NOVEMBER_CERTIFICATE, l, 2026, novAddress));
            LocalDate febAddress = AddressCutoff.february(2026);
            assertThat(CALCULATOR.corrected(DocumentKind.FEBRUARY_CERTIFICATE, l, 2026, DataCutoff.february(2026), febAddress))
                    .as("record %d", i).isEqualTo(CALCULATOR.calculate(DocumentKind.FEBRUARY_CERTIFICATE, l, 2026, febAddress));
            compared++;
        }
        assertThat(compared).isGreaterThan(1_000);
    }

    @Test
    void laterDataDatesMoveTheSplitNotTheTotal() {
        Ledger l = ledger("""
                {"scheme":"SHOKIBO","contractNo":"4000002","checkDigits":"22","holder":{"name":"山田 太郎","nameKana":"ヤマダ","birthDate":"1970-04-01","phone":"0312345678","corporate":false,"fiscalYearEndMonth":null},
                 "addresses":[{"receivedOn":"2015-04-01","postalCode":"1000013","line1":"東京都千代田区霞が関一丁目3番1号","line2":""}],
                 "contractDate":"2015-04-01","applicationMonth":"2015-04","applicationMethod":"CASH",
                 "premiums":[{"from":"2015-04","monthly":10000}],"paymentModes":[{"from":"2015-04","mode":"MONTHLY"}],
                 "payments":[
                  {"date":"2026-01-19","method":"TRANSFER","amount":10000,"from":"2026-01","to":"2026-01"},
                  {"date":"2026-02-18","method":"TRANSFER","amount":10000,"from":"2026-02","to":"2026-02"},
                  {"date":"2026-03-18","method":"TRANSFER","amount":10000,"from":"2026-03","to":"2026-03"},
                  {"date":"2026-04-20","method":"TRANSFER","amount":10000,"from":"2026-04","to":"2026-04"},
                  {"date":"2026-05-18","method":"TRANSFER","amount":10000,"from":"2026-05","to":"2026-05"},
                  {"date":"2026-06-18","method":"TRANSFER","amount":10000,"from":"2026-06","to":"2026-06"},
                  {"date":"2026-07-21","method":"TRANSFER","amount":10000,"from":"2026-07","to":"2026-07"},
                  {"date":"2026-08-18","method":"TRANSFER","amount":10000,"from":"2026-08","to":"2026-08"},
                  {"date":"2026-09-18","method":"TRANSFER","amount":10000,"from":"2026-09","to":"2026-09"},
                  {"date":"2026-10-19","method":"TRANSFER","amount":10000,"from":"2026-10","to":"2026-10"},
                  {"date":"2026-11-18","method":"TRANSFER","amount":10000,"from":"2026-11","to":"2026-11"},
                  {"date":"2026-12-18","method":"TRANSFER","amount":10000,"from":"2026-12","to":"2026-12"},
                  {"date":"2027-01-18","method":"TRANSFER","amount":10000,"from":"2027-01","to":"2027-01"},
                  {"date":"2027-02-18","method":"TRANSFER","amount":10000,"from":"2027-02","to":"2027-02","status":"FAILED"}],
                 "pendingRequests":[],"discountCarried":null,"terminatedOn":null,"previousTermination":null}
                """.replace("\n", ""));
        LocalDate address = LocalDate.of(2026, 12, 1);
        CertificateFigures october = corrected(l, LocalDate.of(2026, 10, 31), address);
        assertThat(october.paid()).isEqualTo(100_000);
        assertThat(october.scheduled()).isEqualTo(20_000);
        assertThat(october.deduction()).isEqualTo(120_000);
        CertificateFigures november = corrected(l, LocalDate.of(2026, 11, 30), address);
        assertThat(november.paid()).isEqualTo(110_000);
        assertThat(november.scheduled()).isEqualTo(10_000);
        assertThat(november.deduction()).isEqualTo(120_000);
        CertificateFigures yearEnd = corrected(l, LocalDate.of(2026, 12, 31), address);
        assertThat(yearEnd.paid()).isEqualTo(120_000);
        assertThat(yearEnd.scheduled()).isZero();
        // a failure in Y+1 is no arrears of Y; payments of Y+1 are not Y's 済額
        CertificateFigures march = corrected(l, LocalDate.of(2027, 3, 31), address);
        assertThat(march.paid()).isEqualTo(120_000);
        assertThat(march.deduction()).isEqualTo(120_000);
        assertThat(march.withheld()).isEmpty();
        assertThatThrownBy(() -> corrected(l, LocalDate.of(2026, 8, 31), address))
                .hasMessageContaining("before its cutoff");
    }

    private static Ledger ledger(String json) {
        var r = jp.kakekin.ledger.LedgerReader.parseOne("test.json", json);
        if (r instanceof jp.kakekin.ledger.LedgerRecord.Valid v) {
            return v.ledger();
        }
        throw new AssertionError(r);
    }

    private static CertificateFigures corrected(Ledger l, LocalDate dataDate, LocalDate address) {
        return (CertificateFigures) CALCULATOR.corrected(DocumentKind.NOVEMBER_CERTIFICATE, l, 2026, dataDate, address);
    }
}
