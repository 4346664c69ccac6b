package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;

/**
 * On H2, drops {@code issued_documents_original} (original_code). Every issue record a print run registers
 * went into it — one of four B-trees beside the table's own, each a put at the insert and another at the
 * commit (issue #14: the register was 14 % of the print workers' samples of a 100,000-contract run, most of
 * it H2's index maintenance). Every issue of a document has a code that starts with its original's first 13
 * characters (jp.kakekin.document.UniqueCode), so on H2 {@code IssuedDocuments} finds them as a range of
 * the unique index on unique_code, and the index on original_code serves nothing else. PostgreSQL keeps it:
 * there the lookups stay as they were (a varchar range under a non-binary collation is not the same range).
 * A Java migration, because only H2 drops it.
 */
public class V20261206_10__IssuedDocumentsOriginalIndex extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        OnH2.execute(context, "DROP INDEX IF EXISTS issued_documents_original");
    }
}
