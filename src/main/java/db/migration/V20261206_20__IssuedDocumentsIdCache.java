package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;

/**
 * On H2, lets the identity of {@code issued_documents} hand out 1,000 ids between writes of its sequence to the
 * database's metadata instead of H2's default 32: a print run registers one row per certificate, and every
 * 32nd insert rewrote the sequence's row in H2's meta table under its lock (issue #14, ≈ 0.3–0.5 % of the print
 * workers' samples of a 100,000-contract run). An id is only a row's key: a crash leaves a gap of at most
 * the cache (as a kill already did), the order of ids is unchanged. PostgreSQL's identity is left as it is.
 */
public class V20261206_20__IssuedDocumentsIdCache extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        OnH2.execute(context, "ALTER TABLE issued_documents ALTER COLUMN id SET CACHE 1000");
    }
}
