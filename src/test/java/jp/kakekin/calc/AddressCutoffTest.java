package jp.kakekin.calc;

import jp.kakekin.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES.md 1.7: the address cutoff is the second Friday of October / of January, the day itself counting. */
class AddressCutoffTest {

    @Test
    void secondFridaysMatchTheNewsletters() {
        assertThat(AddressCutoff.november(2017)).isEqualTo(LocalDate.of(2017, 10, 13));
        assertThat(AddressCutoff.november(2023)).isEqualTo(LocalDate.of(2023, 10, 13));
        assertThat(AddressCutoff.november(2024)).isEqualTo(LocalDate.of(2024, 10, 11));
        assertThat(AddressCutoff.february(2017)).isEqualTo(LocalDate.of(2018, 1, 12));
        assertThat(AddressCutoff.february(2023)).isEqualTo(LocalDate.of(2024, 1, 12));
        assertThat(AddressCutoff.february(2024)).isEqualTo(LocalDate.of(2025, 1, 10));
    }

    @Test
    void cutoffDayCountsAndAnOverrideMovesIt() {
        var l = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .address("2026-10-09", "5300001", "大阪府大阪市北区梅田一丁目1番1号")
                .address("2026-10-14", "8100001", "福岡県福岡市中央区天神一丁目1番1号")
                .monthly(2026, 1, 9, 10_000, 18).build();
        Calculator c = new Calculator();
        assertThat(((CertificateFigures) c.calculate(DocumentKind.NOVEMBER_CERTIFICATE, l, 2026)).postalCode())
                .isEqualTo("5300001");
        // the one exception seen (2021) was the third Friday: the run can move the cutoff
        assertThat(((CertificateFigures) c.calculate(DocumentKind.NOVEMBER_CERTIFICATE, l, 2026,
                LocalDate.of(2026, 10, 16))).postalCode()).isEqualTo("8100001");
        assertThat(((CertificateFigures) c.calculate(DocumentKind.NOVEMBER_CERTIFICATE, l, 2026,
                LocalDate.of(2026, 10, 8))).postalCode()).isEqualTo("1000013");
    }
}
