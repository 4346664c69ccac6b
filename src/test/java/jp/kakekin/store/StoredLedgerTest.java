package jp.kakekin.store;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoredLedgerTest {

    @Test
    void everyCaseLedgerRoundTripsThroughTheStrictParser() {
        List<String> lines = CaseLedgers.lines();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(20);
        for (String line : lines) {
            Ledger original = ((LedgerRecord.Valid) LedgerReader.parseOne("case", line)).ledger();
            String stored = StoredLedger.write(original);
            assertThat(StoredLedger.read(original.contractNo(), stored)).isEqualTo(original);
            // Canonical: writing what was read back gives the same text.
            assertThat(StoredLedger.write(StoredLedger.read(original.contractNo(), stored))).isEqualTo(stored);
        }
    }

    @Test
    void optionalPartsSurvive() {
        // T05 has previousTermination, S02 a discount carried or e-delivery link: check at least one of each exists
        List<Ledger> all = CaseLedgers.lines().stream()
                .map(l -> ((LedgerRecord.Valid) LedgerReader.parseOne("case", l)).ledger()).toList();
        assertThat(all).anyMatch(l -> l.previousTermination() != null);
        assertThat(all).anyMatch(l -> !l.pendingRequests().isEmpty());
        assertThat(all).anyMatch(l -> l.holder().corporate());
    }

    @Test
    void aStoredLedgerThatNoLongerValidatesIsReportedNotIgnored() {
        String broken = StoredLedger.write(CaseLedgers.ledger("S01-monthly-all-paid")).replace("\"SHOKIBO\"", "\"OTHER\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoredLedger.read("1000001", broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scheme");
    }
}
