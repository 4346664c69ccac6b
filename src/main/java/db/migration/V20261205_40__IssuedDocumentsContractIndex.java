package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * On H2, drops {@code issued_documents_contract} (contract_no, cert_year): H2 gives the foreign key
 * {@code contract_no REFERENCES contracts} an index of its own on contract_no, so every issue record was
 * added to two indexes leading with contract_no — a print run inserts one per certificate (the register's
 * inserts were 11% of the print workers' samples of a 100,000-contract run, a fifth of that the secondary
 * indexes). The foreign key's index serves every query of the table by contract_no (the lookups by contract,
 * the corrections run's range {@code contract_no > ?}): cert_year is never an index condition after a range,
 * and a contract has a handful of rows. PostgreSQL makes no index for a foreign key, so there the composite
 * index is the only one on contract_no and stays. A Java migration, because only H2 has the duplicate and
 * its foreign key's index has a generated name.
 */
public class V20261205_40__IssuedDocumentsContractIndex extends BaseJavaMigration {

    /** Whether a foreign key of issued_documents has an index leading with contract_no (H2's own). */
    static final String FOREIGN_KEY_INDEX = """
            SELECT COUNT(*) FROM information_schema.table_constraints tc
              JOIN information_schema.index_columns ic
                ON ic.index_schema = tc.index_schema AND ic.index_name = tc.index_name
             WHERE UPPER(tc.table_name) = 'ISSUED_DOCUMENTS' AND tc.constraint_type = 'FOREIGN KEY'
               AND UPPER(ic.column_name) = 'CONTRACT_NO' AND ic.ordinal_position = 1
               AND tc.table_schema = CURRENT_SCHEMA""";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!OnH2.isH2(c)) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(FOREIGN_KEY_INDEX); ResultSet rs = s.executeQuery()) {
            if (!rs.next() || rs.getInt(1) == 0) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX issued_documents_contract");
        }
    }
}
