package jp.kakekin.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;

/** The store on the machine's real PostgreSQL (production), in a schema of its own. */
class PostgresStoreTest extends StoreContract {

    private static String schema;
    private static DataSource ds;

    @BeforeAll
    static void database() {
        schema = TestDatabases.newPostgresSchema();
        ds = TestDatabases.postgres(schema);
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    @Override
    DataSource dataSource() {
        return ds;
    }
}
