package db.migration;

import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the H2-only Java migrations share: on any other database (PostgreSQL) they change nothing. Not a
 * migration itself (Flyway runs only the classes of this package that implement JavaMigration).
 */
final class OnH2 {

    private OnH2() {
    }

    static boolean isH2(Connection c) throws SQLException {
        return "H2".equals(c.getMetaData().getDatabaseProductName());
    }

    /** Runs {@code sql} when the migration's database is H2. */
    static void execute(Context context, String sql) throws SQLException {
        Connection c = context.getConnection();
        if (!isH2(c)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
