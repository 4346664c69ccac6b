package jp.kakekin.store;

import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;

/** The store on embedded H2 (the default database). */
class H2StoreTest extends StoreContract {

    private static DataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabases.h2();
    }

    @Override
    DataSource dataSource() {
        return ds;
    }
}
