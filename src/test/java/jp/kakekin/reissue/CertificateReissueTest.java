package jp.kakekin.reissue;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.document.Yen;
import jp.kakekin.store.CaseLedgers;
import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.IssuedDocuments;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import jp.kakekin.store.ReissueAudit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(ReissueTestSupport.class)
class CertificateReissueTest {

    @Autowired
    CertificateReissue reissue;
    @Autowired
    LedgerImport importer;
    @Autowired
    IssuedDocuments issued;
    @Autowired
    ReissueAudit audit;
    @Autowired
    MutableClock clock;
    @Autowired
    Calculator calculator;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void storeTheCases() {
        StoreFixtures.emptyReissueTables(jdbc);
        clock.setJapan(ReissueTestSupport.TAX_SEASON);
        StoreFixtures.importCases(importer);
    }

    private CertificateReissue.Issued issue(String contractNo, int year) {
        CertificateReissue.Outcome o = reissue.reissue(contractNo, null, year, "alice", "reissue-api");
        assertThat(o).isInstanceOf(CertificateReissue.Issued.class);
        return (CertificateReissue.Issued) o;
    }

    @Test
    void anIssuedCertificateIsReissuedWithItsPrintedFiguresAndMarkedAsReissue() throws Exception {
        CertificateReissue.Issued first = issue("1000014", 2026);

        IssuedDocument d = first.document();
        UniqueCode original = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 0);
        assertThat(d.kind()).isEqualTo(DocumentKind.NOVEMBER_CERTIFICATE);
        // The November run issued sequence 00 at the start of November: this copy is its first reissue.
        assertThat(d.code()).isEqualTo(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 1));
        assertThat(d.original()).isEqualTo(original);
        assertThat(d.isReissue()).isTrue();
        // Figures as the golden case says the November issue printed them.
        JsonNode expected = expected("S14-address-cutoff", "NOVEMBER_CERTIFICATE");
        JsonNode recorded = JsonMapper.builder().build().readTree(d.figuresJson());
        for (String figure : List.of("monthlyPremium", "paid", "scheduled", "discountPaid", "deduction")) {
            assertThat(recorded.get(figure)).as(figure).isEqualTo(expected.get(figure));
        }
        assertThat(recorded.get("postalCode").stringValue()).isEqualTo("5300001");
        // ... but the letter goes to the address registered today (received 2026-10-14, after the cutoff).
        assertThat(d.address().postalCode()).isEqualTo("8100001");
        // The printed certificate: 再発行 with both codes, the original's figures, today's address and date.
        String text = PdfText.of(first.pdf());
        assertThat(text).contains("ユニークコード " + d.code(), "（再発行。原本のユニークコード " + original + "）",
                "お払込み済額 （1月～9月） 90,000円", "控除額 （①＋②－③） 120,000円", "〒810-0001",
                "福岡県福岡市中央区天神一丁目1番1号", "令和9年1月20日", "令和8年分");
        assertThat(text).doesNotContain("〒530-0001");

        assertThat(audit.ofContract("1000014")).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("alice");
            assertThat(a.outcome()).isEqualTo("ISSUED");
            assertThat(a.uniqueCode()).isEqualTo(d.code().value());
            assertThat(a.certYear()).isEqualTo(2026);
        });
    }

    @Test
    void aReissueAfterACorrectionStatesTheCorrectedFigures() {
        // docs/corrections.md: a corrections run registered sequence 01 with figures as of 2026-12-31
        UniqueCode original = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 0);
        UniqueCode correction = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 1);
        issued.recordCorrection(correction, original, "1000014", DocumentKind.NOVEMBER_CERTIFICATE, 2026, "{}", null,
                "corrections-2026-N-20270110", OffsetDateTime.now(clock), java.time.LocalDate.of(2026, 12, 31));
        assertThat(issued.correctedAsOf(original)).contains(java.time.LocalDate.of(2026, 12, 31));

        CertificateReissue.Issued copy = issue("1000014", 2026);
        assertThat(copy.document().sequence()).isEqualTo(2);
        String text = PdfText.of(copy.pdf());
        assertThat(text).contains("（再発行。原本のユニークコード " + original + "）", "（1月～12月）", "（なし）",
                "令和8年12月31日現在").doesNotContain("訂正・追加発行。").doesNotContain("（1月～9月）");
    }

    @Test
    void eachReissueTakesTheNextSequenceOfTheSameOriginal() {
        assertThat(issue("1000014", 2026).document().sequence()).isEqualTo(1);
        assertThat(issue("1000014", 2026).document().sequence()).isEqualTo(2);
        assertThat(issue("1000014", 2026).document().original())
                .isEqualTo(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 0));
        assertThat(audit.ofContract("1000014")).hasSize(3);
    }

    @Test
    void anOriginalInTheRegisterIsFollowedByItsFirstReissue() {
        UniqueCode original = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 0);
        issued.record(original, "1000001", DocumentKind.NOVEMBER_CERTIFICATE, 2026, "{}", null, "print-2026-11",
                OffsetDateTime.now(clock));
        assertThat(issue("1000001", 2026).document().code())
                .isEqualTo(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 1));
    }

    @Test
    void beforeTheBulkRunTheFirstCopyIsTheOriginal() {
        clock.setJapan(LocalDateTime.of(2026, 10, 20, 9, 0));
        CertificateReissue.Issued first = issue("1000014", 2026);
        assertThat(first.document().sequence()).isZero();
        assertThat(first.document().isReissue()).isFalse();
        assertThat(PdfText.of(first.pdf())).contains("ユニークコード " + first.document().code())
                .doesNotContain("原本のユニークコード");
        assertThat(issue("1000014", 2026).document().sequence()).isEqualTo(1);
    }

    @Test
    void theFebruaryIssueIsReissuedWhenItIsTheOneThatApplies() {
        clock.setJapan(LocalDateTime.of(2027, 3, 1, 9, 0));
        IssuedDocument d = issue("1000008", 2026).document();
        assertThat(d.kind()).isEqualTo(DocumentKind.FEBRUARY_CERTIFICATE);
        assertThat(d.code().value()).startsWith("K26F100000835");
        assertThat(JsonMapper.builder().build().readTree(d.figuresJson()).get("deduction").longValue())
                .isEqualTo(expected("S08-cash-joined-december-12-months", "FEBRUARY_CERTIFICATE").get("deduction")
                        .longValue());
    }

    @Test
    void aYearWhoseCutoffHasNotPassedIsRefused() {
        clock.setJapan(LocalDateTime.of(2026, 9, 30, 23, 0));
        assertRefused(reissue.reissue("1000014", null, 2026, "alice", "reissue-api"),
                CertificateReissue.Refusal.NOT_YET_FINAL);
        // Not November-eligible, and December is not over: the February issue is still undecided.
        clock.setJapan(LocalDateTime.of(2026, 12, 20, 9, 0));
        assertRefused(reissue.reissue("1000008", null, 2026, "alice", "reissue-api"),
                CertificateReissue.Refusal.NOT_YET_FINAL);
    }

    @Test
    void noCertificateNoDocumentButTheAttemptIsAudited() {
        assertRefused(reissue.reissue("1000007", null, 2026, "alice", "reissue-api"),
                CertificateReissue.Refusal.NO_CERTIFICATE);
        assertRefused(reissue.reissue("2000001", null, 2026, "alice", "reissue-api"),
                CertificateReissue.Refusal.NO_CERTIFICATE);
        assertRefused(reissue.reissue("9999999", null, 2026, "alice", "reissue-api"),
                CertificateReissue.Refusal.UNKNOWN_CONTRACT);
        assertRefused(reissue.reissue("1000014", "99", 2026, "alice", "reissue-api"),
                CertificateReissue.Refusal.UNKNOWN_CONTRACT);
        assertThat(issued.ofContract("1000007")).isEmpty();
        assertThat(audit.ofContract("1000007")).extracting(ReissueAudit.Entry::outcome).containsExactly("NO_CERTIFICATE");
        assertThat(audit.ofContract("9999999")).extracting(ReissueAudit.Entry::outcome)
                .containsExactly("UNKNOWN_CONTRACT");
    }

    @Test
    void anyPastYearTheLedgerCoversCanBeReissued() {
        // S11's history runs from 2024: each year's certificate is the one the calculator issues for it.
        for (int year : List.of(2024, 2025, 2026)) {
            CertificateFigures november = (CertificateFigures) calculator.calculate(DocumentKind.NOVEMBER_CERTIFICATE,
                    CaseLedgers.ledger("S11-annual-december-failed"), year);
            CertificateFigures february = (CertificateFigures) calculator.calculate(DocumentKind.FEBRUARY_CERTIFICATE,
                    CaseLedgers.ledger("S11-annual-december-failed"), year);
            CertificateReissue.Outcome o = reissue.reissue("1000011", null, year, "alice", "reissue-api");
            if (november.issued() || february.issued()) {
                CertificateFigures applies = november.issued() ? november : february;
                assertThat(o).as("year " + year).isInstanceOfSatisfying(CertificateReissue.Issued.class, i -> {
                    assertThat(i.document().year()).isEqualTo(year);
                    assertThat(i.document().kind()).isEqualTo(applies.document());
                    assertThat(PdfText.of(i.pdf())).contains(Yen.format(applies.paid()),
                            jp.kakekin.document.Wareki.year(year) + "分");
                });
            } else {
                assertRefused(o, CertificateReissue.Refusal.NO_CERTIFICATE);
            }
        }
        assertThat(issued.ofContract("1000011")).extracting(IssuedDocument::year).contains(2025, 2026);
    }

    @Test
    void aLedgerExportedLaterGivesTheFiguresThatWerePrinted() {
        // Payments after the cutoff (Oct-Dec 2026 and January 2027) must not change the November figures.
        String later = CaseLedgers.line("S14-address-cutoff").replace("\"payments\":[", "\"payments\":["
                + "{\"date\":\"2026-10-19\",\"method\":\"TRANSFER\",\"amount\":10000,\"from\":\"2026-10\",\"to\":\"2026-10\"},"
                + "{\"date\":\"2026-11-18\",\"method\":\"TRANSFER\",\"amount\":10000,\"from\":\"2026-11\",\"to\":\"2026-11\"},"
                + "{\"date\":\"2026-12-18\",\"method\":\"TRANSFER\",\"amount\":10000,\"from\":\"2026-12\",\"to\":\"2026-12\"},"
                + "{\"date\":\"2027-01-18\",\"method\":\"TRANSFER\",\"amount\":10000,\"from\":\"2027-01\",\"to\":\"2027-01\"},");
        assertThat(StoreFixtures.importLines(importer, "later.jsonl", later).imported()).isEqualTo(1);
        JsonNode recorded = JsonMapper.builder().build().readTree(issue("1000014", 2026).document().figuresJson());
        JsonNode expected = expected("S14-address-cutoff", "NOVEMBER_CERTIFICATE");
        assertThat(recorded.get("paid")).isEqualTo(expected.get("paid"));
        assertThat(recorded.get("deduction")).isEqualTo(expected.get("deduction"));
    }

    @Test
    void aCertificateThatCannotBePrintedFaithfullyIsRefusedNotIssued() {
        // A character no font has (RULES: a glyph is never dropped silently).
        String line = CaseLedgers.renamed(CaseLedgers.line("S14-address-cutoff"), "髙橋 太郎\uD83D\uDE00");
        StoreFixtures.importLines(importer, "emoji.jsonl", line);
        CertificateReissue.Outcome o = reissue.reissue("1000014", null, 2026, "alice", "reissue-api");
        assertRefused(o, CertificateReissue.Refusal.RENDER_FAILED);
        assertThat(((CertificateReissue.Refused) o).detail()).contains("holder.name", "U+1F600");
        assertThat(issued.ofContract("1000014")).isEmpty();
        assertThat(audit.ofContract("1000014")).extracting(ReissueAudit.Entry::outcome).containsExactly("RENDER_FAILED");
    }

    @Test
    void afterSequence99ThereIsNoRoomForAnotherReissue() {
        issued.record(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 99), "1000014",
                DocumentKind.NOVEMBER_CERTIFICATE, 2026, "{}", null, "reissue-api", OffsetDateTime.now(clock));
        assertRefused(reissue.reissue("1000014", null, 2026, "alice", "reissue-api"),
                CertificateReissue.Refusal.SEQUENCE_EXHAUSTED);
    }

    @Test
    void concurrentReissuesNeverShareACode() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<IssuedDocument>> futures = new ArrayList<>();
        try {
            IntStream.range(0, 24).forEach(i -> futures.add(pool.submit(() -> issue("1000014", 2026).document())));
            List<Integer> sequences = Collections.synchronizedList(new ArrayList<>());
            for (Future<IssuedDocument> f : futures) {
                sequences.add(f.get().sequence());
            }
            assertThat(sequences).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 24).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRefused(CertificateReissue.Outcome o, CertificateReissue.Refusal refusal) {
        assertThat(o).isInstanceOfSatisfying(CertificateReissue.Refused.class,
                r -> assertThat(r.refusal()).isEqualTo(refusal));
    }

    private static JsonNode expected(String caseId, String document) {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(Path.of("src/test/resources/cases", caseId + ".json")))
                    .get("expected").get(document);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
