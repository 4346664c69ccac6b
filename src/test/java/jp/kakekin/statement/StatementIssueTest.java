package jp.kakekin.statement;

import jp.kakekin.archive.ArchiveStore;
import jp.kakekin.archive.DocumentArchive;
import jp.kakekin.archive.IssuedDocumentArchiver;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.store.IssuedDocuments;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A statement is handed out only with its archive copy kept (docs/archive.md); without an archive, as before. */
class StatementIssueTest {

    static StatementIssue issue(ArchiveStore store) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("statements", SafetyCases.statements());
        if (store != null) {
            beans.addBean("archiver", new IssuedDocumentArchiver(new DocumentArchive(store), null, "独立行政法人中小企業基盤整備機構"));
        }
        return new StatementIssue(beans.getBeanProvider(SafetyStatements.class),
                beans.getBeanProvider(IssuedDocumentArchiver.class), beans.getBeanProvider(IssuedDocuments.class),
                JapanClock.fixed(LocalDate.of(2027, 1, 20)));
    }

    @Test
    void aCopyThatCannotBeKeptStopsTheStatement() {
        ArchiveStore down = new ArchiveStore() {
            public void put(String key, byte[] bytes) {
                throw new IllegalStateException("cannot archive s3://bucket/" + key + ": HTTP 503 SlowDown");
            }

            public Optional<byte[]> get(String key) {
                return Optional.empty();
            }

            public String locate(String key) {
                return key;
            }
        };
        SafetyCases.Case c = SafetyCases.load("T03-individual-december-prepay-24");
        assertThatThrownBy(() -> issue(down).issue(c.ledger(), StatementForm.INDIVIDUAL, c.year()))
                .isInstanceOf(StatementIssue.NotArchived.class)
                .hasMessageStartingWith("the archive copy of K26S2000003")
                .hasMessageContaining("HTTP 503 SlowDown");
    }

    @Test
    void theCopyIsKeptBeforeTheStatementIsReturnedAndWithoutAnArchiveItIsServedAsBefore() {
        List<String> kept = new ArrayList<>();
        ArchiveStore store = new ArchiveStore() {
            public void put(String key, byte[] bytes) {
                kept.add(key);
            }

            public Optional<byte[]> get(String key) {
                return Optional.empty();
            }

            public String locate(String key) {
                return key;
            }
        };
        SafetyCases.Case c = SafetyCases.load("T03-individual-december-prepay-24");
        SafetyStatements.Rendering r = issue(store).issue(c.ledger(), StatementForm.INDIVIDUAL, c.year());
        assertThat(r).isInstanceOf(SafetyStatements.Pdf.class);
        String code = ((SafetyStatements.Pdf) r).uniqueCode().value();
        assertThat(kept).singleElement().asString().startsWith("2026/" + code + "/").endsWith(".pdf");

        assertThat(issue(null).issue(c.ledger(), StatementForm.INDIVIDUAL, c.year())).isInstanceOf(SafetyStatements.Pdf.class);
        // a refusal is not archived
        assertThat(issue(store).issue(c.ledger(), StatementForm.INDIVIDUAL, 2040)).isInstanceOf(SafetyStatements.Refused.class);
        assertThat(kept).hasSize(1);
    }
}
