package jp.kakekin.reissue;

import jp.kakekin.issuance.JapanClock;

import jp.kakekin.store.CaseLedgers;
import jp.kakekin.store.IssuedDocuments;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import jp.kakekin.store.ReissueAudit;
import jp.kakekin.store.ReissueRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** reissue-run: one letter per contract, a manifest that matches the files, every request closed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(ReissueTestSupport.class)
class ReissueBatchTest {

    @Autowired
    ReissueBatch batch;
    @Autowired
    ReissueRequests requests;
    @Autowired
    IssuedDocuments issued;
    @Autowired
    ReissueAudit audit;
    @Autowired
    LedgerImport importer;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    jp.kakekin.store.ContractStore contracts;
    @Autowired
    List<jp.kakekin.batch.RunCatalog> catalogs;

    @TempDir
    Path out;

    @BeforeEach
    void storeTheCases() {
        StoreFixtures.emptyReissueTables(jdbc);
        StoreFixtures.importCases(importer);
    }

    private static OffsetDateTime japan(LocalDateTime t) {
        return t.atZone(JapanClock.ZONE).toOffsetDateTime();
    }

    @Test
    void queuedRequestsBecomeOneLetterPerContractWithAManifest() throws Exception {
        OffsetDateTime asked = japan(LocalDateTime.of(2027, 1, 20, 9, 0));
        requests.file("1000014", asked);
        requests.file("1000014", asked.plusHours(2));
        requests.file("1000001", asked.plusHours(3));
        requests.file("1000007", asked.plusHours(4)); // joined in November 2026: nothing issued yet
        requests.file(null, asked.plusHours(5));      // a miss: never part of a batch
        clock.setJapan(LocalDateTime.of(2027, 1, 27, 18, 0));

        ReissueBatch.Report report = batch.run(out).orElseThrow();

        assertThat(report.batchId()).isEqualTo("R20270127-180000");
        assertThat(report.letters()).isEqualTo(2);
        assertThat(report.requests()).isEqualTo(4);
        assertThat(report.failed()).isEqualTo(1);
        List<String> manifest = Files.readAllLines(report.directory().resolve("manifest.csv"), StandardCharsets.UTF_8);
        assertThat(manifest).hasSize(3);
        assertThat(manifest.getFirst()).startsWith("seq,file,unique_code,original_code,reissue,contract_no");
        String[] first = manifest.get(1).split(",");
        assertThat(first[0]).isEqualTo("1");
        assertThat(first[2]).startsWith("K26N100001441" + "01");
        assertThat(first[4]).isEqualTo("true");
        assertThat(first[5]).isEqualTo("1000014");
        assertThat(first[8]).isEqualTo("8100001");
        byte[] pdf = Files.readAllBytes(report.directory().resolve(first[1]));
        assertThat(first[10]).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
        assertThat(PdfText.of(pdf)).contains("ユニークコード " + first[2], "令和9年1月27日", "〒810-0001");
        assertThat(manifest.get(2)).contains(",1000001,2026,NOVEMBER_CERTIFICATE,");

        List<String> exceptions = Files.readAllLines(report.directory().resolve("exceptions.csv"), StandardCharsets.UTF_8);
        assertThat(exceptions).containsExactly("request_ids,contract_no,reason,detail",
                idsOf("1000007") + ",1000007,NOT_ELIGIBLE_THIS_ISSUE,no certificate had been issued by 2027-01-20");
        JsonNode summary = JsonMapper.builder().build().readTree(report.directory().resolve("summary.json").toFile());
        assertThat(summary.path("batchId").asString()).isEqualTo("R20270127-180000");
        assertThat(summary.path("requests").asInt()).isEqualTo(4);
        assertThat(summary.path("letters").asInt()).isEqualTo(2);
        assertThat(summary.path("failedByReason").path("NOT_ELIGIBLE_THIS_ISSUE").asLong()).isEqualTo(1);
        assertThat(summary.path("reconciled").asBoolean()).isTrue();
        assertThat(report.directory().resolve(".reissue-run")).as("work folder removed").doesNotExist();

        assertThat(requests.queued()).isEmpty();
        assertThat(requests.all()).extracting(ReissueRequests.Request::status).containsExactly(
                ReissueRequests.Status.PRINTED, ReissueRequests.Status.PRINTED, ReissueRequests.Status.PRINTED,
                ReissueRequests.Status.FAILED, ReissueRequests.Status.UNMATCHED);
        assertThat(requests.all().get(0).documentId()).isEqualTo(requests.all().get(1).documentId())
                .isEqualTo(issued.byCode(new jp.kakekin.document.UniqueCode(first[2])).orElseThrow().id());
        assertThat(issued.ofContract("1000014")).singleElement()
                .satisfies(d -> assertThat(d.run()).isEqualTo("R20270127-180000"));
        assertThat(audit.ofContract("1000014")).singleElement()
                .satisfies(a -> assertThat(a.actor()).isEqualTo("reissue-run"));

        assertThat(batch.run(out)).isEmpty();
    }

    @Test
    void theLetterIsTheLatestCertificateOnTheDayTheHolderAsked() throws Exception {
        // Asked in October 2026: the 2026 November issue is not out yet, so the lost one would be 2025's,
        // but S14's history starts in 2026; in December the 2026 one is out.
        requests.file("1000014", japan(LocalDateTime.of(2026, 10, 20, 9, 0)));
        requests.file("1000001", japan(LocalDateTime.of(2026, 12, 1, 9, 0)));
        requests.file("2000001", japan(LocalDateTime.of(2026, 12, 1, 9, 5))); // a SAFETY holder
        clock.setJapan(LocalDateTime.of(2026, 12, 2, 9, 0));
        ReissueBatch.Report report = batch.run(out).orElseThrow();
        assertThat(report.letters()).isEqualTo(1);
        assertThat(Files.readAllLines(report.directory().resolve("manifest.csv")).get(1))
                .contains(",1000001,2026,NOVEMBER_CERTIFICATE,");
        List<String> exceptions = Files.readAllLines(report.directory().resolve("exceptions.csv"));
        assertThat(exceptions.get(1)).endsWith(",1000014,NOT_ELIGIBLE_THIS_ISSUE,no certificate had been issued by 2026-10-20");
        // The Issuer decides that a SAFETY contract has no certificate; the batch only maps its reason.
        assertThat(exceptions.get(2)).endsWith(",2000001,OTHER_SCHEME,contract 2000001 is SAFETY: SAFETY contracts get no 小規模企業共済掛金控除証明書");
        assertThat(requests.all()).filteredOn(r -> "2000001".equals(r.contractNo())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(ReissueRequests.Status.FAILED));
    }

    /**
     * A batch that fails in the middle of a chunk (the second letter cannot be written) leaves nothing of that
     * chunk behind: the first letter's register record and its requests' closing are rolled back with it. The
     * next reissue-run finishes that batch (same id, same folder) rather than starting another, and every
     * contract gets exactly one reissue (sequence 01, not 02).
     */
    @Test
    void aBatchThatFailedHalfWayIsFinishedByTheNextRunWithNothingIssuedTwice() throws Exception {
        OffsetDateTime asked = japan(LocalDateTime.of(2027, 1, 20, 9, 0));
        requests.file("1000014", asked);
        requests.file("1000001", asked.plusHours(1));
        clock.setJapan(LocalDateTime.of(2027, 1, 27, 18, 0));
        String checkDigits = contracts.ledger("1000001").orElseThrow().checkDigits();
        String second = jp.kakekin.document.UniqueCode.of(jp.kakekin.calc.DocumentKind.NOVEMBER_CERTIFICATE, 2026,
                "1000001", checkDigits, 1).value();
        Path blocked = out.resolve("R20270127-180000").resolve("00002-" + second + ".pdf");
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("in-the-way"), "x");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> batch.run(out))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("R20270127-180000 FAILED");
        assertThat(requests.queued()).as("the chunk was rolled back").hasSize(2);
        assertThat(issued.ofContract("1000014")).isEmpty();

        Files.delete(blocked.resolve("in-the-way"));
        Files.delete(blocked);
        clock.setJapan(LocalDateTime.of(2027, 1, 28, 9, 0));
        requests.file("1000001", asked.plusDays(7)); // arrives meanwhile: the next batch's, not this one's
        ReissueBatch.Report report = batch.run(out).orElseThrow();
        assertThat(report.batchId()).isEqualTo("R20270127-180000");
        assertThat(report.letters()).isEqualTo(2);
        assertThat(report.requests()).isEqualTo(2);
        assertThat(issued.ofContract("1000014")).singleElement()
                .satisfies(d -> assertThat(d.code().sequence()).isEqualTo(1));
        assertThat(issued.ofContract("1000001")).singleElement()
                .satisfies(d -> assertThat(d.code().value()).isEqualTo(second));
        assertThat(Files.readAllLines(report.directory().resolve("manifest.csv"))).hasSize(3);
        assertThat(requests.queued()).hasSize(1);

        ReissueBatch.Report next = batch.run(out).orElseThrow();
        assertThat(next.batchId()).isEqualTo("R20270128-090000");
        assertThat(next.letters()).isEqualTo(1);
        assertThat(issued.ofContract("1000001")).hasSize(2);

        // Both batches in the runs list (kind reissue), the resumed one with its two letters; not voidable.
        jp.kakekin.batch.RunCatalog reissues = catalogs.stream().filter(c -> c.kind().equals("reissue")).findFirst().orElseThrow();
        var listed = reissues.list().stream().filter(l -> l.out().startsWith(out.toString())).toList();
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).out()).endsWith("R20270128-090000");
        assertThat(listed.get(1)).satisfies(l -> {
            assertThat(l.state()).isEqualTo("COMPLETED");
            assertThat(l.issued()).isEqualTo(2L);
            assertThat(l.registered()).isEqualTo(2);
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reissues.voidRun(listed.get(1).runId(), "x", "me"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be voided");
    }

    private String idsOf(String contractNo) {
        return String.join(" ", requests.all().stream().filter(r -> contractNo.equals(r.contractNo()))
                .map(r -> Long.toString(r.id())).toList());
    }
}
