package jp.kakekin.store;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.issuance.IssuedRegister;
import jp.kakekin.ledger.Address;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The register of issued documents ({@code issued_documents}, docs/reissue.md) — the one DAO of that table
 * for every channel: reissues and single documents one at a time ({@link #record}), print runs in batches
 * ({@link #registerRun}: idempotent, so a chunk rolled back and done again registers nothing twice).
 */
@Repository
public class IssuedDocuments implements IssuedRegister {

    /** Rows per {@code IN (…)} lookup. */
    private static final int IN_LIST = 500;

    /**
     * A run's insert: one statement for the whole batch, whatever its size — the rows come as one array per
     * column (UNNEST), so the database prepares a single statement shape once, not one per row or per row
     * count (H2 keeps only eight statements per connection, and the chunk's Spring Batch statements share
     * it). A row whose contract is not in the store is left out (EXISTS: the foreign key would fail the whole
     * statement), a code the register holds already is skipped (ON CONFLICT DO NOTHING, H2 takes it in
     * MODE=PostgreSQL) — so the statement alone registers a batch, and the lookup is needed only to count what
     * it left out.
     */
    private static final String RUN_INSERT = """
            INSERT INTO issued_documents (unique_code, original_code, sequence_no, contract_no, doc_kind, cert_year,
                   figures_json, postal_code, address_line1, address_line2, run, issued_at)
            SELECT u.unique_code, u.original_code, u.sequence_no, u.contract_no, u.doc_kind, u.cert_year,
                   u.figures_json, u.postal_code, u.address_line1, u.address_line2,
                   CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE)
              FROM UNNEST(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AS u(unique_code, original_code, sequence_no, contract_no,
                   doc_kind, cert_year, figures_json, postal_code, address_line1, address_line2)
             WHERE EXISTS (SELECT 1 FROM contracts c WHERE c.contract_no = u.contract_no)
            ON CONFLICT DO NOTHING""";

    /** The columns of {@link #RUN_INSERT}'s arrays, in order, with their SQL types (integer: 2 and 5). */
    static final int RUN_COLUMNS = 10;

    /**
     * A batch's lookup in one statement: for each (code, contract) pair of the batch, whether the contract is
     * in the store and which run holds the code. The pairs come as two arrays (UNNEST): an {@code IN (?, …)}
     * list of 500 costs H2 a comparison with every element of the list for every row found.
     */
    private static final String RUN_LOOKUP = """
            SELECT u.code, c.contract_no, d.run
              FROM UNNEST(?, ?) AS u(code, contract)
              LEFT JOIN contracts c ON c.contract_no = u.contract
              LEFT JOIN issued_documents d ON d.unique_code = u.code""";

    private static final String COLUMNS = """
            id, unique_code, contract_no, doc_kind, cert_year, figures_json, postal_code, address_line1,
            address_line2, run, issued_at""";

    private static final RowMapper<IssuedDocument> ROW = (rs, i) -> new IssuedDocument(rs.getLong(1),
            new UniqueCode(rs.getString(2)), rs.getString(3), DocumentKind.valueOf(rs.getString(4)), rs.getInt(5),
            rs.getString(6),
            rs.getString(7) == null ? null : new Address(null, rs.getString(7), rs.getString(8), rs.getString(9)),
            rs.getString(10), rs.getObject(11, OffsetDateTime.class));

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private volatile Boolean available;
    private volatile Boolean h2;

    public IssuedDocuments(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * The issues of one document, by its original's code ({@code ?} the original code). On H2 the register has
     * no index on original_code (migration V20261206_10: it was a fourth B-tree every issue record of a print
     * run went into): every issue of a document has a code starting with the original's first 13 characters
     * (K, year, document letter, contract number, check digits; then sequence and check letter, see
     * {@link UniqueCode}), so the unique index on unique_code finds them as a range, and original_code = ? keeps
     * exactly the rows it did. The bounds are in H2's binary order of strings (':' follows '9'); PostgreSQL
     * keeps the index and the plain condition (its collation is not binary).
     */
    private String ofOriginal() {
        return h2() ? OF_ORIGINAL_H2 : "original_code = ?";
    }

    static final String OF_ORIGINAL_H2 = "unique_code >= ? AND unique_code < ? AND original_code = ?";

    /** {@link #ofOriginal} for x, the issues of d's document (latestOfIssue). */
    static final String SAME_DOCUMENT_H2 = "x.unique_code >= LEFT(d.original_code, 13)"
            + " AND x.unique_code < LEFT(d.original_code, 13) || ':' AND x.original_code = d.original_code";

    /** The parameters of {@link #ofOriginal}. */
    private Object[] ofOriginalParams(UniqueCode original) {
        String o = original.value();
        return h2() ? new Object[] {o.substring(0, 13), o.substring(0, 13) + ":", o} : new Object[] {o};
    }

    private boolean h2() {
        Boolean h = h2;
        if (h == null) {
            h = batch.execute((java.sql.Connection c) -> "H2".equals(c.getMetaData().getDatabaseProductName()));
            h2 = h;
        }
        return Boolean.TRUE.equals(h);
    }

    /** The highest sequence issued so far of the document whose original is {@code original}. */
    @Override
    public OptionalInt lastSequence(UniqueCode original) {
        Integer max = jdbc.sql("SELECT MAX(sequence_no) FROM issued_documents WHERE " + ofOriginal())
                .params(ofOriginalParams(original))
                .query((rs, i) -> rs.getObject(1, Integer.class))
                .list().getFirst();
        return max == null ? OptionalInt.empty() : OptionalInt.of(max);
    }

    /**
     * Registers a document and returns it with its id. Two issuers racing for the same sequence meet at
     * the unique constraint on the code: the loser gets a
     * {@link org.springframework.dao.DuplicateKeyException} and takes the next number.
     */
    public IssuedDocument record(UniqueCode code, String contractNo, DocumentKind kind, int year, String figuresJson,
                                 Address printedAddress, String run, OffsetDateTime issuedAt) {
        OffsetDateTime at = issuedAt.withOffsetSameInstant(ZoneOffset.UTC);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO issued_documents (unique_code, original_code, sequence_no, contract_no, doc_kind,
                               cert_year, figures_json, postal_code, address_line1, address_line2, run, issued_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(code.value(), code.original().value(), code.sequence(), contractNo, kind.name(), year,
                        figuresJson, printedAddress == null ? null : printedAddress.postalCode(),
                        printedAddress == null ? null : printedAddress.line1(),
                        printedAddress == null ? null : printedAddress.line2(), run, at)
                .update(key, "id");
        return new IssuedDocument(key.getKey().longValue(), code, contractNo, kind, year, figuresJson, printedAddress,
                run, at);
    }

    /** One document a run issued, as it goes into the register. */
    public record RunRecord(UniqueCode code, String contractNo, DocumentKind kind, int year, String figuresJson,
                            Address printedAddress) {
    }

    /**
     * What became of a batch of a run's records: {@code registered} now, {@code alreadyThis} (registered by
     * this very run before: a chunk done again), {@code issuedElsewhere} (another run or channel holds the
     * code), {@code notInStore} (the contract was never imported: the document stays in the run's manifest).
     */
    public record RunOutcome(int registered, int alreadyThis, int issuedElsewhere, int notInStore) {
    }

    /**
     * Whether this database holds the register at all: a print run's job repository may be a bare database
     * without the store's tables.
     */
    public boolean available() {
        Boolean a = available;
        if (a == null) {
            a = batch.execute((java.sql.Connection c) -> hasTable(c, "issued_documents") && hasTable(c, "contracts"));
            available = a;
        }
        return Boolean.TRUE.equals(a);
    }

    /** The run that issued each of these codes, for the codes already in the register. */
    public Map<String, String> runsOf(Collection<String> codes) {
        Map<String, String> runs = new HashMap<>();
        if (codes.isEmpty()) {
            return runs;
        }
        String[] all = codes.toArray(String[]::new);
        batch.query(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement(
                    "SELECT d.unique_code, d.run FROM UNNEST(?) AS u(code) JOIN issued_documents d ON d.unique_code = u.code");
            ps.setArray(1, con.createArrayOf("varchar", all));
            return ps;
        }, rs -> {
            runs.put(rs.getString(1), rs.getString(2));
        });
        return runs;
    }

    /**
     * Registers a run's documents in one batch, idempotently (run + code: a record this run registered
     * before is counted, not inserted again). Call it in the transaction of the chunk that produced them,
     * so the records commit with the chunk or not at all.
     *
     * <p>The insert comes first and registers whatever it can: every record whose contract is in the store
     * and whose code the register does not hold. When that is the whole batch — every batch of a run that
     * is not being restarted — nothing else is asked (the lookup before every insert was a fifth of the
     * register's CPU on H2, issue #14). Otherwise one lookup counts what the insert left out, exactly as
     * the lookup-first order counted it: a code the register holds is this run's (a chunk done again) or
     * issued elsewhere, whether its contract is in the store or not; else a contract not in the store is
     * {@code notInStore}. A code of this run the lookup finds was inserted now or before, and the insert
     * says how many were now. A batch naming a code twice is counted in the lookup-first order (the count
     * could not tell the copy skipped now from a code registered before).
     */
    public RunOutcome registerRun(String run, OffsetDateTime issuedAt, List<RunRecord> records) {
        if (records.isEmpty()) {
            return new RunOutcome(0, 0, 0, 0);
        }
        Timestamp at = Timestamp.from(issuedAt.toInstant());
        Set<String> distinct = new HashSet<>(records.size() * 2);
        for (RunRecord r : records) {
            if (!distinct.add(r.code().value())) {
                return registerLookingUpFirst(run, at, records);
            }
        }
        List<Object[]> rows = new ArrayList<>(records.size());
        for (RunRecord r : records) {
            rows.add(row(r));
        }
        int registered = insertRunRows(run, at, rows);
        if (registered == records.size()) {
            return new RunOutcome(registered, 0, 0, 0);
        }
        Lookup found = lookup(records);
        int ofThisRun = 0;
        int elsewhere = 0;
        int notInStore = 0;
        for (RunRecord r : records) {
            switch (found.of(r, run)) {
                case THIS_RUN -> ofThisRun++; // registered by this statement or by this run before
                case ELSEWHERE -> elsewhere++;
                case NOT_IN_STORE -> notInStore++;
                case ABSENT -> elsewhere++; // skipped by ON CONFLICT, its row gone since (a run voided meanwhile)
            }
        }
        return new RunOutcome(registered, ofThisRun - registered, elsewhere, notInStore);
    }

    /**
     * The lookup-first order, for a batch naming a code twice: the lookup decides which records to insert,
     * and a record the insert skips (the second of a code, or a code a reissue registered after the lookup)
     * counts as issued elsewhere.
     */
    private RunOutcome registerLookingUpFirst(String run, Timestamp at, List<RunRecord> records) {
        Lookup found = lookup(records);
        List<Object[]> insert = new ArrayList<>(records.size());
        int alreadyThis = 0;
        int elsewhere = 0;
        int notInStore = 0;
        for (RunRecord r : records) {
            switch (found.of(r, run)) {
                case THIS_RUN -> alreadyThis++;
                case ELSEWHERE -> elsewhere++;
                case NOT_IN_STORE -> notInStore++;
                case ABSENT -> insert.add(row(r));
            }
        }
        int registered = insertRunRows(run, at, insert);
        return new RunOutcome(registered, alreadyThis, elsewhere + insert.size() - registered, notInStore);
    }

    /** Of a batch's records: the run holding each code the register holds, the contracts the store has. */
    private record Lookup(Map<String, String> runs, Set<String> contracts) {

        /** Where the lookup found a record: its code registered by this run or another, or not registered. */
        Found of(RunRecord r, String run) {
            String by = runs.get(r.code().value());
            if (by != null) {
                return by.equals(run) ? Found.THIS_RUN : Found.ELSEWHERE;
            }
            return contracts.contains(r.contractNo()) ? Found.ABSENT : Found.NOT_IN_STORE;
        }
    }

    /** A record's code held by this run, held by another, or not held (its contract in the store or not). */
    private enum Found { THIS_RUN, ELSEWHERE, NOT_IN_STORE, ABSENT }

    /** One statement for the batch ({@link #RUN_LOOKUP}). */
    private Lookup lookup(List<RunRecord> records) {
        String[] codes = new String[records.size()];
        String[] contractNos = new String[records.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = records.get(i).code().value();
            contractNos[i] = records.get(i).contractNo();
        }
        Map<String, String> runs = new HashMap<>();
        Set<String> contracts = new HashSet<>();
        batch.query(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement(RUN_LOOKUP);
            ps.setArray(1, con.createArrayOf("varchar", codes));
            ps.setArray(2, con.createArrayOf("varchar", contractNos));
            return ps;
        }, rs -> {
            if (rs.getString(2) != null) {
                contracts.add(rs.getString(2));
            }
            if (rs.getString(3) != null) {
                runs.put(rs.getString(1), rs.getString(3));
            }
        });
        return new Lookup(runs, contracts);
    }

    /** A record as {@link #insertRunRows} takes it. */
    private static Object[] row(RunRecord r) {
        Address a = r.printedAddress();
        return new Object[] {r.code().value(), r.code().original().value(), r.code().sequence(), r.contractNo(),
                r.kind().name(), r.year(), r.figuresJson(), a == null ? null : a.postalCode(),
                a == null ? null : a.line1(), a == null ? null : a.line2()};
    }

    /**
     * Inserts a run's rows ({@link #RUN_COLUMNS} values each: code, original code, sequence, contract, kind,
     * year, figures, postal code, address lines 1 and 2) in one statement, skipping a code the register holds
     * already and a contract the store does not; returns how many were inserted — an exact count, whatever the driver does with JDBC batches
     * (PostgreSQL's {@code reWriteBatchedInserts} answers "no information" for each row of a batch).
     */
    int insertRunRows(String run, Timestamp at, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        return batch.update(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement(RUN_INSERT);
            ps.setString(1, run);
            ps.setTimestamp(2, at);
            for (int c = 0; c < RUN_COLUMNS; c++) {
                boolean integer = c == 2 || c == 5;
                Object[] column = integer ? new Integer[rows.size()] : new String[rows.size()];
                for (int i = 0; i < column.length; i++) {
                    column[i] = rows.get(i)[c];
                }
                ps.setArray(3 + c, con.createArrayOf(integer ? "integer" : "varchar", column));
            }
            return ps;
        });
    }

    /**
     * Of these codes, those this run registered and has not archived yet: a document issued elsewhere or
     * not registered gets no archive copy from the run, and a chunk done again does not archive twice.
     */
    public Set<String> toArchive(Collection<String> codes, String run) {
        Set<String> out = new HashSet<>();
        List<String> all = new ArrayList<>(codes);
        for (int i = 0; i < all.size(); i += IN_LIST) {
            List<String> part = all.subList(i, Math.min(i + IN_LIST, all.size()));
            List<Object> args = new ArrayList<>(part);
            args.add(run);
            batch.query("SELECT unique_code FROM issued_documents WHERE unique_code IN (" + marks(part.size())
                    + ") AND run = ? AND archive_sha256 IS NULL", rs -> {
                out.add(rs.getString(1));
            }, args.toArray());
        }
        return out;
    }

    /** Records the archive copy of a document {@code run} registered; false when it is not that run's record. */
    public boolean recordArchive(String uniqueCode, String run, String key, String sha256) {
        return jdbc.sql("UPDATE issued_documents SET archive_key = ?, archive_sha256 = ? WHERE unique_code = ? AND run = ?")
                .params(key, sha256, uniqueCode, run).update() == 1;
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private static boolean hasTable(java.sql.Connection c, String name) throws java.sql.SQLException {
        java.sql.DatabaseMetaData md = c.getMetaData();
        for (String n : new String[] {name, name.toUpperCase(java.util.Locale.ROOT)}) {
            try (java.sql.ResultSet rs = md.getTables(null, c.getSchema(), n, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The latest issue (highest sequence, not voided) of every document of one kind and year, in contract
     * order, at most {@code limit} of them after contract {@code afterContractNo} (null: from the first):
     * what a corrections run compares with, page by page.
     */
    public List<IssuedDocument> latestOfIssue(DocumentKind kind, int year, String afterContractNo, int limit) {
        // On H2 the issues of d's document as a range of unique_code, as ofOriginal.
        String sameDocument = h2() ? SAME_DOCUMENT_H2 : "x.original_code = d.original_code";
        return jdbc.sql("SELECT " + COLUMNS + " FROM issued_documents d WHERE doc_kind = ? AND cert_year = ?"
                        + " AND contract_no > ? AND sequence_no = (SELECT MAX(x.sequence_no) FROM issued_documents x"
                        + " WHERE " + sameDocument + ") ORDER BY contract_no, unique_code LIMIT ?")
                .params(kind.name(), year, afterContractNo == null ? "" : afterContractNo, limit)
                .query(ROW)
                .list();
    }

    /**
     * Registers a corrected certificate (docs/corrections.md): a document of the same original with its own
     * sequence, naming the issue it corrects.
     */
    public IssuedDocument recordCorrection(UniqueCode code, UniqueCode corrects, String contractNo, DocumentKind kind,
                                           int year, String figuresJson, Address printedAddress, String run,
                                           OffsetDateTime issuedAt, java.time.LocalDate dataDate) {
        IssuedDocument d = record(code, contractNo, kind, year, figuresJson, printedAddress, run, issuedAt);
        jdbc.sql("UPDATE issued_documents SET corrects = ?, data_date = ? WHERE id = ?")
                .params(corrects.value(), dataDate, d.id()).update();
        return d;
    }

    /** The latest correction of the document whose original is {@code original}, if any (a voided one is gone). */
    @Override
    public Optional<Corrected> latestCorrection(UniqueCode original) {
        return jdbc.sql("SELECT unique_code, data_date, postal_code, address_line1, address_line2 FROM issued_documents"
                        + " WHERE " + ofOriginal() + " AND corrects IS NOT NULL AND data_date IS NOT NULL"
                        + " ORDER BY sequence_no DESC LIMIT 1")
                .params(ofOriginalParams(original))
                .query((rs, i) -> new Corrected(new UniqueCode(rs.getString(1)),
                        rs.getObject(2, java.time.LocalDate.class), rs.getString(3) == null ? null
                        : new Address(null, rs.getString(3), rs.getString(4), rs.getString(5))))
                .optional();
    }

    /** The code of the issue a corrected certificate corrects, or empty for any other document. */
    public Optional<String> correctionOf(UniqueCode code) {
        return jdbc.sql("SELECT corrects FROM issued_documents WHERE unique_code = ? AND corrects IS NOT NULL")
                .param(code.value()).query(String.class).optional();
    }

    /** A voided run: who voided it, when, why, and how many documents left the register. */
    public record RunVoid(String run, OffsetDateTime voidedAt, String voidedBy, String reason, int documents) {
    }

    /**
     * Voids a run: its documents leave the register (kept in {@code voided_documents}), so they no longer
     * count as issued and the next run issues them again; the void itself is recorded (audit). Call in a
     * transaction.
     *
     * @throws IllegalStateException when the run was voided already
     */
    public RunVoid voidRun(String run, String reason, String actor, OffsetDateTime at) {
        if (voidOf(run).isPresent()) {
            throw new IllegalStateException(run + " is void already");
        }
        OffsetDateTime utc = at.withOffsetSameInstant(ZoneOffset.UTC);
        int documents = jdbc.sql("SELECT COUNT(*) FROM issued_documents WHERE run = ?").param(run)
                .query(Integer.class).single();
        jdbc.sql("INSERT INTO run_voids (run, voided_at, voided_by, reason, documents) VALUES (?, ?, ?, ?, ?)")
                .params(run, utc, actor, reason, documents).update();
        jdbc.sql("""
                        INSERT INTO voided_documents (id, unique_code, original_code, sequence_no, contract_no, doc_kind,
                               cert_year, figures_json, postal_code, address_line1, address_line2, run, issued_at)
                        SELECT id, unique_code, original_code, sequence_no, contract_no, doc_kind, cert_year,
                               figures_json, postal_code, address_line1, address_line2, run, issued_at
                        FROM issued_documents WHERE run = ?""").param(run).update();
        jdbc.sql("DELETE FROM issued_documents WHERE run = ?").param(run).update();
        return new RunVoid(run, utc, actor, reason, documents);
    }

    public Optional<RunVoid> voidOf(String run) {
        return jdbc.sql("SELECT run, voided_at, voided_by, reason, documents FROM run_voids WHERE run = ?").param(run)
                .query((rs, i) -> new RunVoid(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getInt(5)))
                .optional();
    }

    /** How many documents a run has in the register now. */
    public int countOfRun(String run) {
        return jdbc.sql("SELECT COUNT(*) FROM issued_documents WHERE run = ?").param(run).query(Integer.class).single();
    }

    public Optional<IssuedDocument> byCode(UniqueCode code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM issued_documents WHERE unique_code = ?")
                .param(code.value())
                .query(ROW)
                .optional();
    }

    public List<IssuedDocument> ofContract(String contractNo) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM issued_documents WHERE contract_no = ? ORDER BY cert_year, id")
                .param(contractNo)
                .query(ROW)
                .list();
    }

    /** Where a document's archive copy is kept and its SHA-256 (hex), or empty when it has none. */
    public record ArchiveEntry(String uniqueCode, String key, String sha256) {
    }

    /** Records the archive copy of an issued document (docs/archive.md). */
    public void recordArchive(String uniqueCode, String key, String sha256) {
        jdbc.sql("UPDATE issued_documents SET archive_key = ?, archive_sha256 = ? WHERE unique_code = ?")
                .params(key, sha256, uniqueCode)
                .update();
    }

    public Optional<ArchiveEntry> archiveOf(UniqueCode code) {
        return jdbc.sql("SELECT unique_code, archive_key, archive_sha256 FROM issued_documents WHERE unique_code = ?"
                        + " AND archive_sha256 IS NOT NULL")
                .param(code.value())
                .query((rs, i) -> new ArchiveEntry(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /**
     * An archived copy of a document handed out under a code (docs/archive.md, table {@code archived_copies}):
     * a statement made on request, an e-私書箱 export.
     *
     * @param channel   who handed it out ({@code statements-api}, {@code e-delivery})
     * @param mediaType {@code application/pdf} (a PDF/A-3b copy) or {@code application/xml} (the signed XML as delivered)
     */
    public record ArchivedCopy(UniqueCode code, String contractNo, DocumentKind kind, int year, String channel,
                               String mediaType, OffsetDateTime issuedAt, String key, String sha256) {
    }

    /**
     * Records an archived copy; the same copy (same SHA-256) again is a no-op, so a document asked for twice
     * on one day, or a run exported again, is recorded once.
     *
     * @return whether a row was added
     */
    public boolean recordCopy(ArchivedCopy copy) {
        String sha = copy.sha256().toLowerCase(java.util.Locale.ROOT);
        if (copyBySha256(sha).isPresent()) {
            return false;
        }
        try {
            jdbc.sql("""
                            INSERT INTO archived_copies (unique_code, contract_no, doc_kind, cert_year, channel, media_type,
                                   issued_at, archive_key, archive_sha256)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(copy.code().value(), copy.contractNo(), copy.kind().name(), copy.year(), copy.channel(),
                            copy.mediaType(), copy.issuedAt().withOffsetSameInstant(ZoneOffset.UTC), copy.key(), sha)
                    .update();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return false; // the same copy recorded by another request at the same moment
        }
    }

    private static final RowMapper<ArchivedCopy> COPY = (rs, i) -> new ArchivedCopy(new UniqueCode(rs.getString(1)),
            rs.getString(2), DocumentKind.valueOf(rs.getString(3)), rs.getInt(4), rs.getString(5), rs.getString(6),
            rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getString(9));

    private static final String COPY_COLUMNS = """
            unique_code, contract_no, doc_kind, cert_year, channel, media_type, issued_at, archive_key, archive_sha256""";

    /** The archived copy with this SHA-256 (hex), if any. */
    public Optional<ArchivedCopy> copyBySha256(String sha256) {
        return jdbc.sql("SELECT " + COPY_COLUMNS + " FROM archived_copies WHERE archive_sha256 = ?")
                .param(sha256.toLowerCase(java.util.Locale.ROOT))
                .query(COPY)
                .optional();
    }

    /** Every archived copy handed out under a code, oldest first. */
    public List<ArchivedCopy> copiesOf(UniqueCode code) {
        return jdbc.sql("SELECT " + COPY_COLUMNS + " FROM archived_copies WHERE unique_code = ? ORDER BY issued_at, id")
                .param(code.value())
                .query(COPY)
                .list();
    }

    /** The document whose archive copy has this SHA-256 (hex), if any. */
    public Optional<IssuedDocument> byArchiveSha256(String sha256) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM issued_documents WHERE archive_sha256 = ?")
                .param(sha256.toLowerCase(java.util.Locale.ROOT))
                .query(ROW)
                .optional();
    }
}
