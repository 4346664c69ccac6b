package jp.kakekin.print;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The store's register of issued documents ({@code issued_documents}, docs/reissue.md), as the print
 * run uses it: which certificates another channel has already issued, and the run's own issue records,
 * written in batches and idempotently (a restarted run writes the same records again and nothing
 * changes). A record needs its contract in the store ({@code contracts}, filled by {@code import}); a
 * certificate printed from a ledger that was not imported stays in the manifest only, and is counted.
 */
class IssueRegister {

    private static final int IN_LIST = 500;
    private static final String INSERT = """
            INSERT INTO issued_documents (unique_code, original_code, sequence_no, contract_no, doc_kind, cert_year,
                   figures_json, postal_code, address_line1, address_line2, run, issued_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE EXISTS (SELECT 1 FROM contracts WHERE contract_no = ?)
              AND NOT EXISTS (SELECT 1 FROM issued_documents WHERE unique_code = ?)""";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private volatile Boolean available;

    IssueRegister(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** One certificate as printed. */
    record IssueRecord(String uniqueCode, String originalCode, int sequence, String contractNo, String document,
                       int year, String figuresJson, String postalCode, String addressLine1, String addressLine2,
                       String run, OffsetDateTime issuedAt) {
    }

    /** What happened to a batch of issue records. */
    record Outcome(int registered, int alreadyThis, int issuedElsewhere, int notInStore) {
    }

    /** Whether this database has the store's tables (it may be a bare job repository). */
    boolean available() {
        Boolean a = available;
        if (a == null) {
            try (Connection c = dataSource.getConnection()) {
                a = hasTable(c, "issued_documents") && hasTable(c, "contracts");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot inspect the database: " + e.getMessage(), e);
            }
            available = a;
        }
        return a;
    }

    /** The run that issued each of these codes, for the codes already in the register. */
    Map<String, String> runsOf(Collection<String> codes) {
        Map<String, String> runs = new HashMap<>();
        List<String> all = new ArrayList<>(codes);
        for (int i = 0; i < all.size(); i += IN_LIST) {
            List<String> part = all.subList(i, Math.min(i + IN_LIST, all.size()));
            jdbc.query("SELECT unique_code, run FROM issued_documents WHERE unique_code IN (" + marks(part.size()) + ")",
                    rs -> {
                        runs.put(rs.getString(1), rs.getString(2));
                    }, part.toArray());
        }
        return runs;
    }

    Outcome register(List<IssueRecord> records) {
        if (records.isEmpty()) {
            return new Outcome(0, 0, 0, 0);
        }
        Map<String, String> runs = runsOf(records.stream().map(IssueRecord::uniqueCode).toList());
        Set<String> contracts = contracts(records.stream().map(IssueRecord::contractNo).toList());
        List<IssueRecord> insert = new ArrayList<>();
        int alreadyThis = 0;
        int elsewhere = 0;
        int notInStore = 0;
        for (IssueRecord r : records) {
            String run = runs.get(r.uniqueCode());
            if (run != null) {
                if (run.equals(r.run())) {
                    alreadyThis++;
                } else {
                    elsewhere++;
                }
            } else if (!contracts.contains(r.contractNo())) {
                notInStore++;
            } else {
                insert.add(r);
            }
        }
        // The guard skips a code registered since the lookup; a reissue racing this very statement meets the
        // unique constraint, the chunk fails and its restart finds that code in the lookup.
        int registered = count(jdbc.batchUpdate(INSERT, insert.stream().map(IssueRegister::args).toList()));
        return new Outcome(registered, alreadyThis, elsewhere + insert.size() - registered, notInStore);
    }

    private Set<String> contracts(List<String> numbers) {
        Set<String> found = new HashSet<>();
        List<String> distinct = new ArrayList<>(new HashSet<>(numbers));
        for (int i = 0; i < distinct.size(); i += IN_LIST) {
            List<String> part = distinct.subList(i, Math.min(i + IN_LIST, distinct.size()));
            jdbc.query("SELECT contract_no FROM contracts WHERE contract_no IN (" + marks(part.size()) + ")",
                    rs -> {
                        found.add(rs.getString(1));
                    }, part.toArray());
        }
        return found;
    }

    private static Object[] args(IssueRecord r) {
        return new Object[] {r.uniqueCode(), r.originalCode(), r.sequence(), r.contractNo(), r.document(), r.year(),
                r.figuresJson(), r.postalCode(), r.addressLine1(), r.addressLine2(), r.run(),
                Timestamp.from(r.issuedAt().toInstant()), r.contractNo(), r.uniqueCode()};
    }

    private static int count(int[] updates) {
        int n = 0;
        for (int u : updates) {
            n += Math.max(u, 0);
        }
        return n;
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String n : new String[] {name, name.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(null, c.getSchema(), n, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Records the archive copy of a document this run registered (docs/archive.md); false when the
     * document is not this run's record (issued elsewhere, contract not in the store).
     */
    boolean recordArchive(String uniqueCode, String run, String key, String sha256) {
        return jdbc.update("UPDATE issued_documents SET archive_key = ?, archive_sha256 = ? WHERE unique_code = ? AND run = ?",
                key, sha256, uniqueCode, run) == 1;
    }

    /**
     * Of these codes, those this run registered and has not archived yet: a document issued elsewhere or
     * not registered (contract not in the store) gets no copy from this run, and a restarted register step
     * does not archive again what it archived before it was stopped.
     */
    java.util.Set<String> toArchive(Collection<String> codes, String run) {
        java.util.Set<String> out = new java.util.HashSet<>();
        List<String> all = new ArrayList<>(codes);
        for (int i = 0; i < all.size(); i += IN_LIST) {
            List<String> part = all.subList(i, Math.min(i + IN_LIST, all.size()));
            List<Object> args = new ArrayList<>(part);
            args.add(run);
            jdbc.query("SELECT unique_code FROM issued_documents WHERE unique_code IN (" + marks(part.size())
                    + ") AND run = ? AND archive_sha256 IS NULL", rs -> {
                out.add(rs.getString(1));
            }, args.toArray());
        }
        return out;
    }
}
