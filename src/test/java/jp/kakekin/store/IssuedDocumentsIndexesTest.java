package jp.kakekin.store;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every issue record goes into one index leading with contract_no, on both databases: on H2 the foreign
 * key's own (the composite index that duplicated it is dropped by V20261205_40), on PostgreSQL, which makes
 * no index for a foreign key, issued_documents_contract; the foreign key itself stays on both.
 */
class IssuedDocumentsIndexesTest {

    @Test
    void h2HasOneIndexLeadingWithContractNoAndKeepsTheForeignKey() {
        DataSource ds = TestDatabases.h2();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        List<String> leading = jdbc.queryForList("""
                SELECT ic.index_name FROM information_schema.index_columns ic
                 WHERE ic.table_name = 'issued_documents' AND ic.column_name = 'contract_no'
                   AND ic.ordinal_position = 1""", String.class);
        assertThat(leading).hasSize(1).doesNotContain("issued_documents_contract");
        assertForeignKey(jdbc);
    }

    /**
     * V20261206_10: on H2 no index on original_code (an issue record goes into one B-tree fewer); the issues
     * of a document are found through the unique index on unique_code, not by reading the table.
     */
    @Test
    void h2FindsTheIssuesOfADocumentByTheUniqueCodeIndex() {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.h2());
        assertThat(jdbc.queryForList("""
                SELECT ic.index_name FROM information_schema.index_columns ic
                 WHERE ic.table_name = 'issued_documents' AND ic.column_name = 'original_code'""", String.class))
                .isEmpty();
        String code = "K26N3300000990" + "0A";
        String lastSequence = jdbc.queryForObject("EXPLAIN SELECT MAX(sequence_no) FROM issued_documents WHERE "
                + IssuedDocuments.OF_ORIGINAL_H2.replace("?", "'%s'").formatted(code.substring(0, 13),
                code.substring(0, 13) + ":", code), String.class);
        assertThat(lastSequence).containsPattern("issued_documents_code\\w*: unique_code >= \\S+\\s+AND unique_code < ");
        String latest = jdbc.queryForObject("EXPLAIN SELECT d.unique_code FROM issued_documents d WHERE d.sequence_no ="
                + " (SELECT MAX(x.sequence_no) FROM issued_documents x WHERE " + IssuedDocuments.SAME_DOCUMENT_H2 + ")",
                String.class);
        assertThat(latest).containsPattern("issued_documents_code\\w*: unique_code >= ");
    }

    /** V20261206_20: on H2 the register's identity writes its sequence to the metadata every 1,000 ids, not 32. */
    @Test
    void h2CachesAThousandIdsOfTheRegister() {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.h2());
        assertThat(jdbc.queryForObject("""
                SELECT identity_cache FROM information_schema.columns
                 WHERE table_name = 'issued_documents' AND column_name = 'id'""", Long.class)).isEqualTo(1000L);
    }

    @Test
    void postgresKeepsTheOriginalCodeIndex() {
        String schema = TestDatabases.newPostgresSchema();
        try {
            JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.postgres(schema));
            assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = ?"
                    + " AND tablename = 'issued_documents' AND indexdef LIKE '%(original_code)%'", String.class, schema))
                    .containsExactly("issued_documents_original");
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    @Test
    void postgresKeepsTheCompositeIndexAndTheForeignKey() {
        String schema = TestDatabases.newPostgresSchema();
        try {
            JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.postgres(schema));
            List<String> leading = jdbc.queryForList("""
                    SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = 'issued_documents'
                       AND indexdef LIKE '%(contract_no%'""", String.class, schema);
            assertThat(leading).containsExactly("issued_documents_contract");
            assertForeignKey(jdbc);
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void assertForeignKey(JdbcTemplate jdbc) {
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO issued_documents (unique_code, original_code, sequence_no, contract_no, doc_kind, cert_year,
                       figures_json, run, issued_at)
                VALUES ('X', 'X', 0, '9999999', 'NOVEMBER_CERTIFICATE', 2026, '{}', 'r', CURRENT_TIMESTAMP)"""))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }
}
