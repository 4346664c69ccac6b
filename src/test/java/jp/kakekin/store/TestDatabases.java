package jp.kakekin.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The two databases the store must work on: embedded H2 (the default) and the real PostgreSQL of this
 * machine (production). Each PostgreSQL test class gets a schema of its own, dropped afterwards, so
 * concurrent builds never meet. On CI ({@code CI=true}) an unreachable PostgreSQL fails the tests; on a
 * developer machine it skips them.
 */
public final class TestDatabases {

    public static final String POSTGRES_URL = System.getProperty("kakekin.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = System.getProperty("kakekin.test.postgres.user", "postgres");

    private TestDatabases() {
    }

    public static DataSource h2() {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                "jdbc:h2:mem:store-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        migrate(ds, null);
        return ds;
    }

    /** A fresh schema on the machine's PostgreSQL, migrated; {@link #dropPostgresSchema} removes it. */
    public static String newPostgresSchema() {
        requirePostgres();
        String schema = "kakekin_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return schema;
    }

    public static DataSource postgres(String schema) {
        DriverManagerDataSource ds = new DriverManagerDataSource(postgresUrl(schema), POSTGRES_USER, "");
        migrate(ds, schema);
        return ds;
    }

    public static String postgresUrl(String schema) {
        return POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void dropPostgresSchema(String schema) {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema, e);
        }
    }

    static void migrate(DataSource ds, String schema) {
        var config = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        config.load().migrate();
    }

    private static void requirePostgres() {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
            Assertions.assertTrue(c.isValid(5));
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("PostgreSQL at " + POSTGRES_URL + " is required on CI: " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL at " + POSTGRES_URL + " is not reachable: " + e.getMessage());
        }
    }
}
