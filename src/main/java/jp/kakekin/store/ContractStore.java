package jp.kakekin.store;

import jp.kakekin.ledger.Ledger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contracts table: one ledger per contract number, replaced as a whole when imported again. */
@Repository
public class ContractStore {

    private static final String UPDATE = """
            UPDATE contracts SET check_digits = ?, scheme = ?, name_key = ?, kana_key = ?, birth_date = ?,
                   phone_digits = ?, ledger_json = ?, source_file = ?, source_line = ?, imported_at = ?
             WHERE contract_no = ?""";
    private static final String INSERT = """
            INSERT INTO contracts (check_digits, scheme, name_key, kana_key, birth_date, phone_digits,
                   ledger_json, source_file, source_line, imported_at, contract_no)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;

    public ContractStore(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    public Optional<Ledger> ledger(String contractNo) {
        return jdbc.sql("SELECT ledger_json FROM contracts WHERE contract_no = ?")
                .param(contractNo)
                .query(String.class)
                .optional()
                .map(json -> StoredLedger.read(contractNo, json));
    }

    /**
     * The stored ledgers of these contract numbers (absent ones are left out), in one query per 500 numbers:
     * a print batch's archive copies read their holders' ledgers at once, not one query each.
     */
    public Map<String, Ledger> ledgers(Collection<String> contractNos) {
        Map<String, Ledger> out = new HashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(contractNos));
        for (int from = 0; from < all.size(); from += 500) {
            jdbc.sql("SELECT contract_no, ledger_json FROM contracts WHERE contract_no IN (:numbers)")
                    .param("numbers", all.subList(from, Math.min(all.size(), from + 500)))
                    .query(rs -> {
                        String no = rs.getString(1);
                        out.put(no, StoredLedger.read(no, rs.getString(2)));
                    });
        }
        return out;
    }

    public Optional<HolderIdentity> identity(String contractNo) {
        return jdbc.sql("""
                        SELECT contract_no, check_digits, scheme, name_key, kana_key, birth_date, phone_digits
                          FROM contracts WHERE contract_no = ?""")
                .param(contractNo)
                .query((rs, i) -> new HolderIdentity(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, java.time.LocalDate.class),
                        rs.getString(7)))
                .optional();
    }

    /**
     * Writes every stored ledger as one JSON Lines line, in contract-number order, streaming (the
     * store may hold millions). Returns how many were written.
     */
    public long exportLedgers(java.io.Writer out) {
        long[] n = {0};
        template.setFetchSize(1_000);
        template.query("SELECT ledger_json FROM contracts ORDER BY contract_no", rs -> {
            try {
                out.write(rs.getString(1).replace('\n', ' '));
                out.write('\n');
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            n[0]++;
        });
        return n[0];
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM contracts").query(Long.class).single();
    }

    /** The scheme each of the given contract numbers is stored under (absent ones are left out). */
    Map<String, String> schemesOf(Collection<String> contractNos) {
        if (contractNos.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        jdbc.sql("SELECT contract_no, scheme FROM contracts WHERE contract_no IN (:numbers)")
                .param("numbers", contractNos)
                .query(rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                });
        return out;
    }

    /**
     * Writes a batch: an UPDATE for every row, then an INSERT for those that did not exist. Rows are
     * updated in place rather than deleted and re-inserted so documents already issued keep pointing at
     * their contract. Portable between H2 and PostgreSQL (no MERGE/ON CONFLICT dialects). The caller
     * guarantees the batch holds each contract number once and runs it in one transaction.
     */
    void upsert(List<ContractRow> rows) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int[] updated = template.batchUpdate(UPDATE, rows.stream().map(r -> args(r, now)).toList(), TYPES);
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (updated[i] == 0) {
                inserts.add(args(rows.get(i), now));
            }
        }
        if (!inserts.isEmpty()) {
            template.batchUpdate(INSERT, inserts, TYPES);
        }
    }

    private static final int[] TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR};

    private static Object[] args(ContractRow r, OffsetDateTime now) {
        return new Object[]{r.checkDigits(), r.scheme(), r.nameKey(), r.kanaKey(),
                r.birthDate() == null ? null : java.sql.Date.valueOf(r.birthDate()), r.phoneDigits(), r.ledgerJson(),
                r.sourceFile(), r.sourceLine(), now, r.contractNo()};
    }
}
