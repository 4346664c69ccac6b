package jp.kakekin.archive;

import jp.kakekin.Main;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.edelivery.Xmlsec1;
import jp.kakekin.reissue.MutableClock;
import jp.kakekin.reissue.ReissueTestSupport;
import jp.kakekin.statement.StatementIssue;
import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.IssuedDocuments;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The other issued documents are archived too (docs/archive.md, issue 16 item 1): a 経営セーフティ共済 statement
 * asked for on the operator API (PDF/A-3b copy, the 明細書 registered as issued, every copy recorded) and an
 * e-私書箱 export, run and on demand (the signed XML as delivered, recorded as a copy); {@code archive-verify}
 * proves each later and refuses an altered one.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ReissueTestSupport.class)
class ArchivedCopiesTest {

    static final Path DIR;
    static final String URL;

    static {
        try {
            DIR = Files.createTempDirectory("kakekin-archived-copies");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        URL = "jdbc:h2:file:" + DIR.resolve("db").resolve("kakekin")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @DynamicPropertySource
    static void sharedWithTheCommands(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> URL);
        r.add("kakekin.archive.dir", () -> DIR.resolve("archive").toString());
        r.add("kakekin.e-delivery.keystore.path", () -> DIR.resolve("keys").resolve("dev.p12").toString());
    }

    /** The same database, archive and key for a command run beside the test's context. */
    static String[] command(String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--spring.datasource.url=" + URL,
                "--kakekin.archive.dir=" + DIR.resolve("archive"),
                "--kakekin.e-delivery.keystore.path=" + DIR.resolve("keys").resolve("dev.p12"))).toArray(String[]::new);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    LedgerImport importer;
    @Autowired
    MutableClock clock;
    @Autowired
    IssuedDocuments register;
    @Autowired
    DocumentArchive archive;

    /** The unique code of the statement the API served (its header). */
    private String statement(String contract, int year, String form) throws Exception {
        MvcResult r = mvc.perform(get("/api/v1/contracts/" + contract + "/statements/" + year).param("form", form)
                .with(httpBasic("operator", "operator"))).andExpect(status().isOk()).andReturn();
        return r.getResponse().getHeader("X-Kakekin-Unique-Code");
    }

    @Test
    void aStatementOnTheApiIsArchivedAndRecordedBeforeItIsHandedOut() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        StoreFixtures.importLines(importer, "safety.jsonl", Stream.of("T01-individual-monthly", "T04-corporate-march-year-end")
                .map(id -> json.writeValueAsString(json.readTree(Path.of("src/test/resources/cases", id + ".json").toFile())
                        .get("ledger"))).collect(Collectors.joining("\n")) + "\n"
                + json.writeValueAsString(json.readTree(Path.of("src/test/resources/cases-own/P01-failed-transfer-november.json")
                .toFile()).get("ledger")));
        clock.setJapan(LocalDateTime.of(2027, 4, 2, 8, 30)); // still April 1st in UTC

        // 明細書 (individual): its first issue is registered, with its archive copy.
        UniqueCode s = new UniqueCode(statement("2000001", 2026, "individual"));
        IssuedDocument record = register.byCode(s).orElseThrow();
        assertThat(record.run()).isEqualTo(StatementIssue.CHANNEL);
        IssuedDocuments.ArchiveEntry entry = register.archiveOf(s).orElseThrow();
        byte[] copy = archive.store().get(entry.key()).orElseThrow();
        assertThat(PdfA3.sha256Hex(copy)).isEqualTo(entry.sha256());
        assertThat(PdfAValidation.pdfA3bFailures(copy)).isEmpty();
        assertThat(PdfA3.attachments(copy)).isEmpty(); // no TEG850 for a SAFETY document
        assertThat(PdfA3.property(copy, "TransactionDate")).isEqualTo("2027-04-02"); // the day in Japan
        long paid = json.readTree(record.figuresJson()).get("paid").asLong();
        assertThat(paid).isPositive();
        assertThat(PdfA3.property(copy, "Amount")).isEqualTo(Long.toString(paid));
        assertThat(PdfA3.property(copy, "Counterparty")).startsWith("2000001-");
        assertThat(register.copiesOf(s)).extracting(IssuedDocuments.ArchivedCopy::sha256).containsExactly(entry.sha256());

        // Asked again the same day: the same document, recorded once. The next day: a second copy, same record.
        statement("2000001", 2026, "individual");
        assertThat(register.copiesOf(s)).hasSize(1);
        clock.setJapan(LocalDateTime.of(2027, 4, 3, 10, 0));
        statement("2000001", 2026, "individual");
        List<IssuedDocuments.ArchivedCopy> copies = register.copiesOf(s);
        assertThat(copies).hasSize(2);
        assertThat(copies.get(1).sha256()).isNotEqualTo(entry.sha256());
        assertThat(register.archiveOf(s).orElseThrow().sha256()).isEqualTo(entry.sha256());
        assertThat(archive.store().get(copies.get(1).key())).isPresent();

        // corporate 明細書: PDF/A-3b too
        IssuedDocuments.ArchiveEntry corporateEntry = register.archiveOf(new UniqueCode(statement("2000004", 2027, "corporate")))
                .orElseThrow();
        assertThat(PdfAValidation.pdfA3bFailures(archive.store().get(corporateEntry.key()).orElseThrow())).isEmpty();

        // 掛金納付状況兼領収書: a copy only; its issue record is the February run's.
        UniqueCode p = new UniqueCode(statement("3000001", 2026, "payment-status"));
        assertThat(register.byCode(p)).isEmpty();
        IssuedDocuments.ArchivedCopy receiptCopy = register.copiesOf(p).getFirst();
        byte[] receiptArchived = archive.store().get(receiptCopy.key()).orElseThrow();
        assertThat(PdfAValidation.pdfA3bFailures(receiptArchived)).isEmpty();
        assertThat(receiptCopy.mediaType()).isEqualTo("application/pdf");

        // archive-verify proves the copies and refuses an altered one
        Path first = DIR.resolve("first.pdf");
        Files.write(first, copy);
        Path receiptFile = DIR.resolve("receipt.pdf");
        Files.write(receiptFile, receiptArchived);
        assertThat(Main.runCommand(command("archive-verify", first.toString(), receiptFile.toString()))).isZero();
        byte[] altered = copy.clone();
        altered[altered.length / 2] ^= 1;
        Path alteredFile = DIR.resolve("altered.pdf");
        Files.write(alteredFile, altered);
        assertThat(Main.runCommand(command("archive-verify", alteredFile.toString()))).isEqualTo(1);

        // --code: every copy the register records for the code, read back from the configured archive;
        // a stored copy changed on disk fails it.
        assertThat(Main.runCommand(command("archive-verify", "--code", s.value(), "--code", p.value()))).isZero();
        Path stored = DIR.resolve("archive").resolve(copies.get(1).key());
        byte[] damaged = Files.readAllBytes(stored);
        damaged[damaged.length / 3] ^= 1;
        Files.write(stored, damaged);
        assertThat(Main.runCommand(command("archive-verify", "--code", s.value()))).isEqualTo(1);
        assertThat(Main.runCommand(command("archive-verify", "--code", UniqueCode.of(
                jp.kakekin.calc.DocumentKind.SAFETY_TAX_STATEMENT, 2026, "2999999", "00", 0).value()))).isEqualTo(1);
    }

    @Test
    void everyEDeliveryExportIsArchivedAsDeliveredRunAndOnDemand() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Path ledger = DIR.resolve("linked.jsonl");
        StringBuilder lines = new StringBuilder();
        for (String c : List.of("S01-monthly-all-paid", "S02-annual-december-discount-payout", "S03-lump-sum-october-previous-year",
                "S05-no-cash-joined-july")) {
            ObjectNode l = (ObjectNode) json.readTree(Path.of("src/test/resources/cases", c + ".json").toFile()).get("ledger");
            if (!c.startsWith("S03")) { // S03 is not linked: not delivered, not archived
                l.putObject("eDelivery").put("linkedOn", "2025-11-10");
            }
            lines.append(json.writeValueAsString(l)).append('\n');
        }
        Files.writeString(ledger, lines);
        Path out = DIR.resolve("e-delivery");
        assertThat(Main.runCommand(command("export-e-delivery", "--year", "2026", "--issue", "NOVEMBER", "--input",
                ledger.toString(), "--out", out.toString(), "--run-date", "2026-11-12"))).isZero();
        List<Path> delivered;
        try (Stream<Path> files = Files.walk(out)) {
            delivered = files.filter(f -> f.getFileName().toString().matches("TEG850-.*\\.xml")).toList();
        }
        assertThat(delivered).hasSize(3);
        for (Path xml : delivered) {
            byte[] bytes = Files.readAllBytes(xml);
            IssuedDocuments.ArchivedCopy c = register.copyBySha256(PdfA3.sha256Hex(bytes)).orElseThrow();
            assertThat(c.channel()).isEqualTo(DeliveredDocumentArchive.CHANNEL);
            assertThat(c.mediaType()).isEqualTo("application/xml");
            assertThat(c.key()).endsWith(PdfA3.sha256Hex(bytes) + ".xml");
            assertThat(archive.store().get(c.key())).hasValueSatisfying(a -> assertThat(a).isEqualTo(bytes));
            assertThat(xml.getFileName().toString()).isEqualTo("TEG850-" + c.code().value() + ".xml");
        }
        Xmlsec1.Result x = Xmlsec1.verify(Files.readAllBytes(delivered.getFirst()));
        assertThat(x.ok()).as(x.output()).isTrue();
        assertThat(Main.runCommand(command("archive-verify", delivered.getFirst().toString()))).isZero();
        byte[] altered = Files.readAllBytes(delivered.getFirst());
        int at = new String(altered, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("1000001");
        altered[at] = '2';
        Path alteredFile = DIR.resolve("altered.xml");
        Files.write(alteredFile, altered);
        assertThat(Main.runCommand(command("archive-verify", alteredFile.toString()))).isEqualTo(1);

        // On demand (a holder who linked after the run): archived through the same exporter.
        long before = register.copiesOf(new UniqueCode(register.copyBySha256(PdfA3.sha256Hex(Files.readAllBytes(
                delivered.getFirst()))).orElseThrow().code().value())).size();
        Path onDemand = DIR.resolve("on-demand");
        assertThat(Main.runCommand(command("export-e-delivery", "--contract", "1000001", "--year", "2026", "--issue",
                "NOVEMBER", "--input", ledger.toString(), "--out", onDemand.toString(), "--run-date", "2026-12-01"))).isZero();
        byte[] xml;
        try (Stream<Path> files = Files.walk(onDemand)) {
            xml = Files.readAllBytes(files.filter(f -> f.getFileName().toString().endsWith(".xml")).findFirst().orElseThrow());
        }
        IssuedDocuments.ArchivedCopy c = register.copyBySha256(PdfA3.sha256Hex(xml)).orElseThrow();
        assertThat(c.code().contractNo()).isEqualTo("1000001");
        assertThat(register.copiesOf(c.code())).hasSize((int) before + 1);
        assertThat(Map.of("stored", archive.store().get(c.key()).orElseThrow())).hasEntrySatisfying("stored",
                b -> assertThat(b).isEqualTo(xml));
    }
}
