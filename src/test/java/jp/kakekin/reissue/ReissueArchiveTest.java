package jp.kakekin.reissue;

import jp.kakekin.archive.DocumentArchive;
import jp.kakekin.archive.PdfA3;
import jp.kakekin.archive.PdfAValidation;
import jp.kakekin.edelivery.Xmlsec1;
import jp.kakekin.store.IssuedDocuments;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A reissue is archived like a print run's document (docs/archive.md), in the transaction that registers it. */
@SpringBootTest
@Import(ReissueTestSupport.class)
class ReissueArchiveTest {

    @DynamicPropertySource
    static void keystore(DynamicPropertyRegistry r) throws Exception {
        Path dir = Files.createTempDirectory("kakekin-reissue-archive-keys");
        r.add("kakekin.e-delivery.keystore.path", () -> dir.resolve("dev.p12").toString());
    }

    @Autowired
    CertificateReissue reissue;
    @Autowired
    LedgerImport importer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IssuedDocuments documents;
    @Autowired
    DocumentArchive archive;

    @BeforeEach
    void storeTheCases() {
        StoreFixtures.emptyReissueTables(jdbc);
        StoreFixtures.importCases(importer);
    }

    @Test
    void aReissueHasItsArchiveCopyWithTheSignedXmlAndItsSha256InTheRecord() {
        CertificateReissue.Issued issued = (CertificateReissue.Issued) reissue.reissue("1000014", null, 2026,
                "alice", "reissue-api");
        IssuedDocuments.ArchiveEntry entry = documents.archiveOf(issued.document().code()).orElseThrow();
        byte[] copy = archive.store().get(entry.key()).orElseThrow();
        assertThat(PdfA3.sha256Hex(copy)).isEqualTo(entry.sha256());
        assertThat(documents.byArchiveSha256(entry.sha256()).orElseThrow().code()).isEqualTo(issued.document().code());
        assertThat(PdfAValidation.pdfA3bFailures(copy)).isEmpty();
        Map<String, byte[]> xml = PdfA3.attachments(copy);
        assertThat(xml).hasSize(1);
        Xmlsec1.Result x = Xmlsec1.verify(xml.values().iterator().next());
        assertThat(x.ok()).as(x.output()).isTrue();
        assertThat(PdfA3.property(copy, "UniqueCode")).isEqualTo(issued.document().code().value());
    }
}
