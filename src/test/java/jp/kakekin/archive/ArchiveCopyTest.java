package jp.kakekin.archive;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.CertificateView;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.DocumentTokens;
import jp.kakekin.document.Issuer;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.edelivery.EDeliveryExporter;
import jp.kakekin.edelivery.IssuerSettings;
import jp.kakekin.edelivery.SigningKeyStore;
import jp.kakekin.edelivery.Teg850Certificate;
import jp.kakekin.edelivery.Teg850Schema;
import jp.kakekin.edelivery.Teg850Signer;
import jp.kakekin.edelivery.Teg850Verifier;
import jp.kakekin.edelivery.Xmlsec1;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.render.CertificatePdf;
import jp.kakekin.render.CertificateTemplates;
import jp.kakekin.render.FontLibrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The archive copy of a certificate is PDF/A-3b for veraPDF, carries the signed TEG850 XML as an
 * associated file that xmlsec1 (and kakekin's verifier) accept, has the search keys in its XMP, and is
 * stored once under its unique code with the SHA-256 the register keeps.
 */
class ArchiveCopyTest {

    static final Issuer ISSUER = new Issuer("独立行政法人中小企業基盤整備機構", "105-8453",
            "東京都港区虎ノ門3丁目5番1号 虎ノ門37森ビル", "共済相談室 050-5541-7171");
    static byte[] rendered;
    static CertificateView view;
    static byte[] signedXml;
    static Teg850Verifier verifier;

    @BeforeAll
    static void renderAndSign(@TempDir Path keys) throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(Path.of("src/test/resources/cases/S01-monthly-all-paid.json").toFile());
        Ledger ledger = ((LedgerRecord.Valid) LedgerReader.parseTree("S01", 1, root.get("ledger"))).ledger();
        Address a = ledger.addresses().getFirst();
        CertificateFigures figures = new CertificateFigures(DocumentKind.NOVEMBER_CERTIFICATE, 2026, ledger.contractNo(), true,
                30_000, 270_000, 90_000, 0, 360_000L, Set.of(), a, LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 9));
        UniqueCode code = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, ledger.contractNo(), ledger.checkDigits(), 0);
        view = new CertificateViews(ISSUER, new DocumentTokens("test-key-0123456789abcdef"), "https://kakekin.example.jp")
                .view(figures, ledger, code, LocalDate.of(2026, 11, 20));
        rendered = new CertificatePdf(FontLibrary.open(Path.of("fonts")), new CertificateTemplates(Path.of("templates"), -1))
                .render(view);

        var key = SigningKeyStore.load(keys.resolve("k.p12"), "test-only".toCharArray(), "e-delivery", true);
        verifier = new Teg850Verifier(Teg850Schema.load(), Set.of(key.certificate()));
        signedXml = new EDeliveryExporter(new Teg850Signer(key), Teg850Schema.load(),
                new IssuerSettings(ISSUER.name(), ISSUER.name(), "kakekin"))
                .sign(new Teg850Certificate(2026, "髙橋 太郎", a.line1(), ledger.contractNo() + ledger.checkDigits(), 2026, 9,
                        270_000L, 10, 12, 90_000L, 360_000L, 0L, ledger.contractDate(), 30_000L, "月払い", "毎月",
                        LocalDate.of(2026, 11, 20), ISSUER.name(), code.value()), LocalDate.now(jp.kakekin.issuance.JapanClock.ZONE));
    }

    static ArchiveMetadata metadata() {
        return new ArchiveMetadata(view.uniqueCode().value(), "小規模企業共済掛金控除証明書（令和8年分・11月発行）",
                LocalDate.of(2026, 11, 20), 360_000L, "1000001-28 髙橋 太郎 & <Co>", ISSUER.name(),
                DocumentArchive.at(LocalDate.of(2026, 11, 20)));
    }

    @Test
    void aCertificatesArchiveCopyIsPdfA3bWithTheSignedXmlInside(@TempDir Path dir) throws Exception {
        DocumentArchive archive = new DocumentArchive(new FileSystemArchiveStore(dir));
        DocumentArchive.ArchivedCopy copy = archive.archive(rendered, metadata(), signedXml);
        byte[] stored = archive.store().get(copy.key()).orElseThrow();

        assertThat(PdfAValidation.pdfA3bFailures(stored)).isEmpty();
        assertThat(copy.key()).isEqualTo("2026/" + view.uniqueCode().value() + "/" + copy.sha256() + ".pdf");
        assertThat(Files.exists(dir.resolve(copy.key()))).isTrue();
        assertThat(copy.sha256()).isEqualTo(PdfA3.sha256Hex(stored)).hasSize(64);

        Map<String, byte[]> attached = PdfA3.attachments(stored);
        assertThat(attached).containsOnlyKeys("TEG850-" + view.uniqueCode().value() + ".xml");
        byte[] xml = attached.values().iterator().next();
        assertThat(xml).isEqualTo(signedXml);
        Xmlsec1.Result x = Xmlsec1.verify(xml);
        assertThat(x.ok()).as(x.output()).isTrue();
        assertThat(verifier.verify("embedded", xml).ok()).isTrue();

        assertThat(PdfA3.property(stored, "UniqueCode")).isEqualTo(view.uniqueCode().value());
        assertThat(PdfA3.property(stored, "TransactionDate")).isEqualTo("2026-11-20");
        assertThat(PdfA3.property(stored, "Amount")).isEqualTo("360000");
        assertThat(PdfA3.property(stored, "Counterparty")).isEqualTo("1000001-28 髙橋 太郎 & <Co>");
    }

    @Test
    void withoutXmlItIsPdfA3bToo() {
        byte[] copy = PdfA3.archiveCopy(rendered, new ArchiveMetadata("K26N10000012800Y", "証明書", LocalDate.of(2026, 11, 20),
                null, "1000001-28", ISSUER.name(), DocumentArchive.at(LocalDate.of(2026, 11, 20))), null);
        assertThat(PdfAValidation.pdfA3bFailures(copy)).isEmpty();
        assertThat(PdfA3.attachments(copy)).isEmpty();
        assertThat(PdfA3.property(copy, "Amount")).isEmpty();
    }

    @Test
    void theRenderedPdfAloneIsNotPdfA() {
        // The check can fail: the renderer's output lacks the output intent and the XMP identification.
        assertThat(PdfAValidation.pdfA3bFailures(rendered)).isNotEmpty();
    }

    @Test
    void sameBytesAgainIsANoOpOtherBytesAreRefused(@TempDir Path dir) {
        DocumentArchive archive = new DocumentArchive(new FileSystemArchiveStore(dir));
        DocumentArchive.ArchivedCopy first = archive.archive(rendered, metadata(), signedXml);
        DocumentArchive.ArchivedCopy again = archive.archive(rendered, metadata(), signedXml);
        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThat(again.key()).isEqualTo(first.key());
        // Another copy of the same code is another file; neither replaces the other.
        DocumentArchive.ArchivedCopy other = archive.archive(rendered, metadata(), null);
        assertThat(other.key()).isNotEqualTo(first.key());
        assertThat(archive.store().get(first.key())).isPresent();
        assertThatThrownBy(() -> archive.store().put(first.key(), new byte[1]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never replaced");
        assertThatThrownBy(() -> archive.store().put("../outside.pdf", new byte[1])).hasMessageContaining("outside");
    }

    @Test
    void aFileLargerThanAnArchiveCopyMayBeIsNotRead(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("2026/K26N10000012800Y/big.pdf");
        Files.createDirectories(big.getParent());
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ArchiveStore.MAX_COPY_BYTES + 1); // sparse: no 64 MiB written
        }
        assertThatThrownBy(() -> new FileSystemArchiveStore(dir).get("2026/K26N10000012800Y/big.pdf"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than an archive copy may");
    }

    @Test
    void aFileChangedOnDiskIsRefusedOnRead(@TempDir Path dir) throws Exception {
        DocumentArchive archive = new DocumentArchive(new FileSystemArchiveStore(dir));
        DocumentArchive.ArchivedCopy copy = archive.archive(rendered, metadata(), null);
        Path file = dir.resolve(copy.key());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> archive.store().get(copy.key())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is damaged");
    }
}
