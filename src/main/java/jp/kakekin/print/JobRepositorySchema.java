package jp.kakekin.print;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Creates the Spring Batch tables (the scripts shipped in spring-batch-core) when the database has none.
 * Spring Boot 4 moved this into spring-boot-batch-jdbc, which is not available to this build; the
 * behaviour is that of {@code spring.batch.jdbc.initialize-schema=always} restricted to an empty schema,
 * so it never touches existing tables.
 */
final class JobRepositorySchema {

    private JobRepositorySchema() {
    }

    static void ensure(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (exists(c)) {
                return;
            }
            String script = "org/springframework/batch/core/schema-" + platform(c.getMetaData()) + ".sql";
            try {
                new ResourceDatabasePopulator(new ClassPathResource(script)).populate(c);
            } catch (RuntimeException e) {
                // Another process may have created them at the same moment.
                if (!exists(c)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the Spring Batch job repository: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        // Only the schema the repository will use: tables of another schema on the same server do not count.
        String schema = c.getSchema();
        for (String name : new String[] {"BATCH_JOB_INSTANCE", "batch_job_instance"}) {
            try (ResultSet rs = md.getTables(null, schema, name, new String[] {"TABLE", "BASE TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String platform(DatabaseMetaData md) throws SQLException {
        String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        throw new IllegalStateException("no Spring Batch schema for " + md.getDatabaseProductName()
                + "; create the tables yourself and set kakekin.print.initialize-schema=false");
    }
}
