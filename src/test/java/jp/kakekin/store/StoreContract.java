package jp.kakekin.store;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.LedgerError;
import jp.kakekin.ledger.LedgerReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the store must do, on any database it supports: the subclasses run it on H2 and on PostgreSQL.
 * Each test starts from empty tables.
 */
abstract class StoreContract {

    static final OffsetDateTime T0 = OffsetDateTime.of(2027, 1, 20, 10, 0, 0, 0, ZoneOffset.ofHours(9));

    ContractStore contracts;
    LedgerImport importer;
    IssuedDocuments issued;
    ReissueRequests requests;
    ReissueAudit audit;
    JdbcClient jdbc;

    abstract DataSource dataSource();

    @BeforeEach
    void emptyTables() {
        DataSource ds = dataSource();
        jdbc = JdbcClient.create(ds);
        for (String table : List.of("reissue_audit", "reissue_requests", "issued_documents", "contracts")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        contracts = new ContractStore(jdbc, new JdbcTemplate(ds), Clock.fixed(T0.toInstant(), ZoneOffset.UTC));
        importer = new LedgerImport(contracts, new TransactionTemplate(new DataSourceTransactionManager(ds)));
        issued = new IssuedDocuments(jdbc, new JdbcTemplate(ds));
        requests = new ReissueRequests(jdbc);
        audit = new ReissueAudit(jdbc);
    }

    record Result(ImportSummary summary, List<LedgerError> errors) {
    }

    Result importLines(String file, List<String> lines) {
        List<LedgerError> errors = new ArrayList<>();
        try (LedgerReader reader = LedgerReader.open(file, new StringReader(String.join("\n", lines) + "\n"), false)) {
            return new Result(importer.run(reader, errors::add), errors);
        }
    }

    @Test
    void migrationsCreateTheSchema() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contracts").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM issued_documents").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reissue_requests").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reissue_audit").query(Long.class).single()).isZero();
    }

    @Test
    void importStoresEveryValidLedgerAndNamesTheLineOfEveryRejectedOne() {
        List<String> lines = new ArrayList<>(CaseLedgers.lines());
        int valid = lines.size();
        lines.add(lines.getFirst().replace("\"contractNo\":\"", "\"contractNo\":\"99"));
        lines.add("{not json");
        Result r = importLines("ledger.jsonl", lines);

        assertThat(r.summary()).isEqualTo(new ImportSummary(valid, 2));
        assertThat(contracts.count()).isEqualTo(valid);
        assertThat(r.errors()).extracting(LedgerError::toString).anySatisfy(e ->
                assertThat(e).startsWith("ledger.jsonl:" + (valid + 1) + ": contractNo: must be exactly 7 digits"));
        assertThat(r.errors()).extracting(LedgerError::line).contains((long) valid + 2);
        // What is stored reads back as the very ledger imported.
        assertThat(contracts.ledger("1000014")).contains(CaseLedgers.ledger("S14-address-cutoff"));
    }

    @Test
    void importingTheSameFileTwiceGivesTheSameStore() {
        List<String> lines = CaseLedgers.lines();
        importLines("ledger.jsonl", lines);
        String before = jdbc.sql("SELECT ledger_json FROM contracts WHERE contract_no = '1000014'").query(String.class)
                .single();
        Result again = importLines("ledger.jsonl", lines);

        assertThat(again.summary().imported()).isEqualTo(lines.size());
        assertThat(contracts.count()).isEqualTo(lines.size());
        assertThat(jdbc.sql("SELECT ledger_json FROM contracts WHERE contract_no = '1000014'").query(String.class)
                .single()).isEqualTo(before);
    }

    @Test
    void reimportingAContractReplacesItsHistoryAndKeepsItsDocuments() {
        String s14 = CaseLedgers.line("S14-address-cutoff");
        importLines("first.jsonl", List.of(s14));
        UniqueCode code = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 0);
        issued.record(code, "1000014", DocumentKind.NOVEMBER_CERTIFICATE, 2026, "{}", null, "print-2026-11", T0);

        Result r = importLines("second.jsonl", List.of(CaseLedgers.renamed(s14, "髙橋 次郎")));

        assertThat(r.summary()).isEqualTo(new ImportSummary(1, 0));
        assertThat(contracts.ledger("1000014").orElseThrow().holder().name()).isEqualTo("髙橋 次郎");
        assertThat(contracts.identity("1000014").orElseThrow().nameKey()).isEqualTo(HolderKeys.name("高橋次郎"));
        assertThat(jdbc.sql("SELECT source_file FROM contracts WHERE contract_no = '1000014'").query(String.class)
                .single()).isEqualTo("second.jsonl");
        assertThat(issued.byCode(code)).isPresent();
    }

    @Test
    void aContractListedTwiceInOneFileEndsAsItsLastLine() {
        String s14 = CaseLedgers.line("S14-address-cutoff");
        Result r = importLines("twice.jsonl", List.of(s14, CaseLedgers.renamed(s14, "髙橋 三郎")));
        assertThat(r.summary()).isEqualTo(new ImportSummary(2, 0));
        assertThat(contracts.count()).isEqualTo(1);
        assertThat(contracts.ledger("1000014").orElseThrow().holder().name()).isEqualTo("髙橋 三郎");
        assertThat(jdbc.sql("SELECT source_line FROM contracts").query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void aContractNumberCannotChangeScheme() {
        String shokibo = CaseLedgers.line("S01-monthly-all-paid");
        String safety = CaseLedgers.line("T01-individual-monthly");
        String contractNo = CaseLedgers.ledger("S01-monthly-all-paid").contractNo();
        String cd = CaseLedgers.ledger("S01-monthly-all-paid").checkDigits();
        importLines("a.jsonl", List.of(shokibo));
        Result r = importLines("b.jsonl", List.of(CaseLedgers.line("S02-annual-december-discount-payout"),
                CaseLedgers.renumbered(safety, contractNo, cd)));

        assertThat(r.summary()).isEqualTo(new ImportSummary(1, 1));
        assertThat(r.errors()).extracting(LedgerError::toString)
                .containsExactly("b.jsonl:2: scheme: contract " + contractNo + " is stored as SHOKIBO; "
                        + "a contract number cannot change scheme");
        assertThat(contracts.ledger(contractNo).orElseThrow().scheme().name()).isEqualTo("SHOKIBO");
    }

    @Test
    void largeFilesAreWrittenInBatchesAndNothingIsLost() {
        String base = CaseLedgers.line("S01-monthly-all-paid");
        List<String> lines = new ArrayList<>();
        int n = LedgerImport.BATCH * 2 + 37;
        for (int i = 0; i < n; i++) {
            lines.add(CaseLedgers.renumbered(base, "%07d".formatted(3_000_000 + i), "%02d".formatted(i % 100)));
            if (i == LedgerImport.BATCH + 5) {
                lines.add("{\"scheme\":\"SHOKIBO\"}");
            }
        }
        Result r = importLines("big.jsonl", lines);
        assertThat(r.summary()).isEqualTo(new ImportSummary(n, 1));
        assertThat(contracts.count()).isEqualTo(n);
        assertThat(r.errors()).allSatisfy(e -> assertThat(e.line()).isEqualTo(LedgerImport.BATCH + 7L));
    }

    /**
     * Issue 12, on H2 and on PostgreSQL: a NUL (PostgreSQL refuses it in text), a name over the column, and
     * a name the parser accepts but whose normalised key the column cannot hold (each ㍿ is four characters
     * after NFKC) cost only their own record; the batch around them is stored.
     */
    @Test
    void aRecordTheDatabaseWouldRefuseCostsOnlyItself() {
        String base = CaseLedgers.line("S01-monthly-all-paid");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(CaseLedgers.renumbered(base, "%07d".formatted(4_000_000 + i), "11"));
        }
        lines.add(3, CaseLedgers.renamed(CaseLedgers.renumbered(base, "4100001", "11"), "髙橋\u0000太郎"));
        lines.add(5, CaseLedgers.renamed(CaseLedgers.renumbered(base, "4100002", "11"), "髙".repeat(201)));
        lines.add(7, CaseLedgers.renamed(CaseLedgers.renumbered(base, "4100003", "11"), "\u337f".repeat(60)));
        Result r = importLines("nul.jsonl", lines);
        assertThat(r.summary()).isEqualTo(new ImportSummary(10, 3));
        assertThat(contracts.count()).isEqualTo(10);
        assertThat(r.errors()).extracting(LedgerError::toString).satisfiesExactly(
                e -> assertThat(e).startsWith("nul.jsonl:4: holder.name: contains the control character U+0000"),
                e -> assertThat(e).startsWith("nul.jsonl:6: holder.name: 201 characters"),
                e -> assertThat(e).startsWith("nul.jsonl:8: (store): contract 4100003 not stored: "));
    }

    @Test
    void identityHoldsTheNormalisedKeysTheFormMatchesOn() {
        importLines("l.jsonl", List.of(CaseLedgers.line("S14-address-cutoff")));
        HolderIdentity id = contracts.identity("1000014").orElseThrow();
        assertThat(id.checkDigits()).isEqualTo("41");
        assertThat(id.nameKey()).isEqualTo("高橋太郎");
        assertThat(id.kanaKey()).isEqualTo("タカハシタロウ");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1970, 4, 1));
        assertThat(id.phoneDigits()).isEqualTo("0312345678");
        assertThat(contracts.identity("9999999")).isEmpty();
    }

    @Test
    void theRegisterKeepsEachCodeOnceAndKnowsTheLastSequence() {
        importLines("l.jsonl", List.of(CaseLedgers.line("S14-address-cutoff")));
        UniqueCode original = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 0);
        assertThat(issued.lastSequence(original)).isEmpty();
        Address address = new Address(null, "8100001", "福岡県福岡市中央区天神一丁目1番1号", "");
        issued.record(original, "1000014", DocumentKind.NOVEMBER_CERTIFICATE, 2026, "{\"paid\":90000}", address,
                "print-2026-11", T0);
        IssuedDocument reissue = issued.record(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 1),
                "1000014", DocumentKind.NOVEMBER_CERTIFICATE, 2026, "{\"paid\":90000}", address, "reissue-api", T0);

        assertThat(issued.lastSequence(original)).hasValue(1);
        assertThat(reissue.original()).isEqualTo(original);
        assertThat(reissue.isReissue()).isTrue();
        IssuedDocument read = issued.byCode(reissue.code()).orElseThrow();
        assertThat(read.id()).isEqualTo(reissue.id());
        assertThat(read.original()).isEqualTo(original);
        assertThat(read.address().postalCode()).isEqualTo("8100001");
        assertThat(read.address().line1()).isEqualTo("福岡県福岡市中央区天神一丁目1番1号");
        assertThat(read.issuedAt().toInstant()).isEqualTo(T0.toInstant());
        assertThat(issued.ofContract("1000014")).hasSize(2);
        assertThatThrownBy(() -> issued.record(reissue.code(), "1000014", DocumentKind.NOVEMBER_CERTIFICATE, 2026,
                "{}", address, "reissue-api", T0)).isInstanceOf(DuplicateKeyException.class);
    }

    /**
     * A print run's batch registration (issue 14: one lookup and one insert per batch): every record
     * once, counted by what became of it; a batch done again inserts nothing; a code registered between the
     * lookup and the insert is skipped, not an error.
     */
    @Test
    void aRunRegistersEachCodeOnceAndCountsWhatItDidNotRegister() {
        String base = CaseLedgers.line("S01-monthly-all-paid");
        int n = 300; // address line 2 empty everywhere, no address at all on every seventh
        List<String> lines = new ArrayList<>();
        List<IssuedDocuments.RunRecord> batch = new ArrayList<>();
        Address address = new Address(null, "1000005", "東京都千代田区丸の内1-1", null);
        for (int i = 0; i < n + 2; i++) {
            String no = "%07d".formatted(3_000_000 + i);
            String check = "%02d".formatted(i % 100);
            if (i < n) {
                lines.add(CaseLedgers.renumbered(base, no, check)); // the last two contracts are not in the store
            }
            batch.add(new IssuedDocuments.RunRecord(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, no, check, 0),
                    no, DocumentKind.NOVEMBER_CERTIFICATE, 2026, "{\"paid\":" + i + "}", i % 7 == 0 ? null : address));
        }
        importLines("run.jsonl", lines);
        UniqueCode reissued = batch.get(5).code();
        issued.record(reissued, batch.get(5).contractNo(), DocumentKind.NOVEMBER_CERTIFICATE, 2026, "{}", null,
                "reissue-api", T0);

        assertThat(issued.registerRun("print-run-7", T0, batch))
                .isEqualTo(new IssuedDocuments.RunOutcome(n - 1, 0, 1, 2));
        assertThat(issued.countOfRun("print-run-7")).isEqualTo(n - 1);
        IssuedDocument d = issued.byCode(batch.get(8).code()).orElseThrow();
        assertThat(d.figuresJson()).isEqualTo("{\"paid\":8}");
        assertThat(d.address().line1()).isEqualTo("東京都千代田区丸の内1-1");
        assertThat(d.run()).isEqualTo("print-run-7");
        assertThat(d.issuedAt().toInstant()).isEqualTo(T0.toInstant());
        assertThat(issued.byCode(batch.get(7).code()).orElseThrow().address()).isNull();
        assertThat(issued.lastSequence(batch.get(8).code())).hasValue(0);
        assertThat(issued.byCode(reissued).orElseThrow().run()).isEqualTo("reissue-api");

        // The batch again (a restart): nothing inserted, the run's own records counted as registered by it.
        assertThat(issued.registerRun("print-run-7", T0, batch))
                .isEqualTo(new IssuedDocuments.RunOutcome(0, n - 1, 1, 2));
        assertThat(issued.countOfRun("print-run-7")).isEqualTo(n - 1);
        assertThat(issued.runsOf(batch.stream().map(r -> r.code().value()).toList())).hasSize(n);

        // Codes registered after the lookup (a racing reissue): skipped by the insert, not an error.
        List<Object[]> rows = new ArrayList<>();
        for (IssuedDocuments.RunRecord r : batch.subList(10, 13)) {
            rows.add(new Object[] {r.code().value(), r.code().original().value(), 0, r.contractNo(), r.kind().name(),
                    2026, "{}", "1000005", "x", null});
        }
        assertThat(issued.insertRunRows("print-run-8", java.sql.Timestamp.from(T0.toInstant()), rows)).isZero();
        assertThat(issued.byCode(batch.get(10).code()).orElseThrow().run()).isEqualTo("print-run-7");
        assertThat(issued.registerRun("print-run-7", T0, List.of())).isEqualTo(new IssuedDocuments.RunOutcome(0, 0, 0, 0));
    }

    /**
     * Issue #14: a batch of new codes is registered by the insert alone, no lookup; a batch the insert did not
     * register whole is counted as the lookup-first order counted it — a restart of a batch partly this run's,
     * a code issued elsewhere, a contract not in the store, a code named twice.
     */
    @Test
    void aNewBatchIsRegisteredByTheInsertAloneAndTheRestCountedAsBefore() {
        String base = CaseLedgers.line("S01-monthly-all-paid");
        List<String> lines = new ArrayList<>();
        List<IssuedDocuments.RunRecord> r = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String no = "%07d".formatted(3_200_000 + i);
            if (i < 6) {
                lines.add(CaseLedgers.renumbered(base, no, "17")); // the seventh contract is not in the store
            }
            r.add(new IssuedDocuments.RunRecord(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, no, "17", 0),
                    no, DocumentKind.NOVEMBER_CERTIFICATE, 2026, "{\"paid\":" + i + "}", null));
        }
        importLines("run.jsonl", lines);
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        IssuedDocuments register = new IssuedDocuments(jdbc, new JdbcTemplate(dataSource()) {
            @Override
            public void query(org.springframework.jdbc.core.PreparedStatementCreator psc,
                              org.springframework.jdbc.core.RowCallbackHandler rch) {
                lookups.incrementAndGet();
                super.query(psc, rch);
            }
        });

        assertThat(register.registerRun("print-run-9", T0, r.subList(0, 3)))
                .isEqualTo(new IssuedDocuments.RunOutcome(3, 0, 0, 0));
        assertThat(lookups).hasValue(0);

        issued.record(r.get(3).code(), r.get(3).contractNo(), DocumentKind.NOVEMBER_CERTIFICATE, 2026, "{}", null,
                "reissue-api", T0);
        // Two of this run's (a chunk done again), one issued elsewhere, one new, one contract not in the store.
        assertThat(register.registerRun("print-run-9", T0, List.of(r.get(0), r.get(1), r.get(3), r.get(4), r.get(6))))
                .isEqualTo(new IssuedDocuments.RunOutcome(1, 2, 1, 1));
        assertThat(lookups).hasValue(1);
        assertThat(issued.byCode(r.get(4).code()).orElseThrow().run()).isEqualTo("print-run-9");
        assertThat(issued.byCode(r.get(3).code()).orElseThrow().run()).isEqualTo("reissue-api");
        assertThat(issued.byCode(r.get(6).code())).isEmpty();

        // A code named twice in one batch: registered once, the copy counted as issued elsewhere (as before).
        assertThat(register.registerRun("print-run-9", T0, List.of(r.get(5), r.get(5))))
                .isEqualTo(new IssuedDocuments.RunOutcome(1, 0, 1, 0));
        assertThat(register.registerRun("print-run-9", T0, List.of(r.get(5), r.get(5))))
                .isEqualTo(new IssuedDocuments.RunOutcome(0, 2, 0, 0));
        assertThat(issued.countOfRun("print-run-9")).isEqualTo(5);
    }

    /**
     * The issues of a document are found by its original's code (on H2 as a range of unique_code, migration
     * V20261206_10): the same contract's other documents and years, and the next contract's, are not its own.
     */
    @Test
    void theIssuesOfADocumentAreItsOwnNotTheNeighbours() {
        String base = CaseLedgers.line("S01-monthly-all-paid");
        importLines("n.jsonl", List.of(CaseLedgers.renumbered(base, "3300000", "99"),
                CaseLedgers.renumbered(base, "3300001", "00")));
        DocumentKind nov = DocumentKind.NOVEMBER_CERTIFICATE;
        DocumentKind feb = DocumentKind.FEBRUARY_CERTIFICATE;
        record Doc(DocumentKind kind, int year, String no, String check, int issues) {
        }
        List<Doc> docs = List.of(new Doc(nov, 2026, "3300000", "99", 3), new Doc(feb, 2027, "3300000", "99", 1),
                new Doc(nov, 2025, "3300000", "99", 4), new Doc(nov, 2026, "3300001", "00", 5));
        for (Doc d : docs) {
            for (int s = 0; s < d.issues(); s++) {
                issued.record(UniqueCode.of(d.kind(), d.year(), d.no(), d.check(), s), d.no(), d.kind(), d.year(), "{}",
                        null, s == 0 ? "print-run-1" : "reissue-api", T0);
            }
        }
        for (Doc d : docs) {
            assertThat(issued.lastSequence(UniqueCode.of(d.kind(), d.year(), d.no(), d.check(), 0)))
                    .as(d.toString()).hasValue(d.issues() - 1);
        }
        assertThat(issued.lastSequence(UniqueCode.of(nov, 2027, "3300000", "99", 0))).isEmpty();

        UniqueCode original = UniqueCode.of(nov, 2026, "3300000", "99", 0);
        issued.recordCorrection(UniqueCode.of(nov, 2026, "3300000", "99", 3), UniqueCode.of(nov, 2026, "3300000", "99", 2),
                "3300000", nov, 2026, "{}", null, "corrections-1", T0, LocalDate.of(2027, 1, 10));
        issued.recordCorrection(UniqueCode.of(nov, 2026, "3300001", "00", 5), UniqueCode.of(nov, 2026, "3300001", "00", 4),
                "3300001", nov, 2026, "{}", null, "corrections-1", T0, LocalDate.of(2027, 1, 11));
        assertThat(issued.latestCorrection(original).orElseThrow().code())
                .isEqualTo(UniqueCode.of(nov, 2026, "3300000", "99", 3));
        assertThat(issued.latestCorrection(UniqueCode.of(nov, 2025, "3300000", "99", 0))).isEmpty();
        assertThat(issued.latestOfIssue(nov, 2026, null, 10)).extracting(d -> d.code().value()).containsExactly(
                UniqueCode.of(nov, 2026, "3300000", "99", 3).value(), UniqueCode.of(nov, 2026, "3300001", "00", 5).value());
    }

    @Test
    void requestsQueueUntilClosedAndMissesKeepNothingPersonal() {
        importLines("l.jsonl", List.of(CaseLedgers.line("S14-address-cutoff")));
        requests.file("1000014", T0);
        requests.file(null, T0.plusMinutes(1));

        List<ReissueRequests.Request> queued = requests.queued();
        assertThat(queued).singleElement().satisfies(q -> {
            assertThat(q.contractNo()).isEqualTo("1000014");
            assertThat(q.status()).isEqualTo(ReissueRequests.Status.QUEUED);
            assertThat(q.receivedAt().toInstant()).isEqualTo(T0.toInstant());
        });
        assertThat(requests.all()).extracting(ReissueRequests.Request::status)
                .containsExactly(ReissueRequests.Status.QUEUED, ReissueRequests.Status.UNMATCHED);
        assertThat(requests.all().get(1).contractNo()).isNull();

        assertThat(requests.close(queued.getFirst().id(), ReissueRequests.Status.FAILED, "R1", null, "why", T0)).isTrue();
        assertThat(requests.close(queued.getFirst().id(), ReissueRequests.Status.PRINTED, "R2", null, "again", T0))
                .isFalse();
        assertThat(requests.queued()).isEmpty();
    }

    @Test
    void auditKeepsWhoDidWhatAndWhen() {
        UniqueCode code = UniqueCode.of(DocumentKind.FEBRUARY_CERTIFICATE, 2026, "1000008", "12", 1);
        audit.record(T0, "operator", "1000008", 2026, DocumentKind.FEBRUARY_CERTIFICATE, code, "ISSUED");
        audit.record(T0.plusSeconds(5), "operator", "1000008", 2025, null, null, "NO_CERTIFICATE");

        assertThat(audit.ofContract("1000008")).satisfiesExactly(
                a -> {
                    assertThat(a.actor()).isEqualTo("operator");
                    assertThat(a.uniqueCode()).isEqualTo(code.value());
                    assertThat(a.docKind()).isEqualTo("FEBRUARY_CERTIFICATE");
                    assertThat(a.auditedAt().toInstant()).isEqualTo(T0.toInstant());
                },
                a -> {
                    assertThat(a.outcome()).isEqualTo("NO_CERTIFICATE");
                    assertThat(a.uniqueCode()).isNull();
                    assertThat(a.certYear()).isEqualTo(2025);
                });
    }
}
