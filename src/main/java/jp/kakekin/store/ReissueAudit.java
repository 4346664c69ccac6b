package jp.kakekin.store;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Who reissued what and when: one row per attempt, including those that issued nothing. */
@Repository
public class ReissueAudit {

    public record Entry(long id, OffsetDateTime auditedAt, String actor, String contractNo, int certYear,
                        String docKind, String uniqueCode, String outcome) {
    }

    private final JdbcClient jdbc;

    public ReissueAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(OffsetDateTime at, String actor, String contractNo, int year, DocumentKind kind,
                       UniqueCode code, String outcome) {
        jdbc.sql("""
                        INSERT INTO reissue_audit (audited_at, actor, contract_no, cert_year, doc_kind, unique_code,
                               outcome)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(at.withOffsetSameInstant(ZoneOffset.UTC), actor, contractNo, year,
                        kind == null ? null : kind.name(), code == null ? null : code.value(), outcome)
                .update();
    }

    public List<Entry> ofContract(String contractNo) {
        return jdbc.sql("""
                        SELECT id, audited_at, actor, contract_no, cert_year, doc_kind, unique_code, outcome
                          FROM reissue_audit WHERE contract_no = ? ORDER BY id""")
                .param(contractNo)
                .query(Entry.class)
                .list();
    }
}
