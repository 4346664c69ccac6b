package jp.kakekin.print;

import org.springframework.batch.core.configuration.support.JdbcDefaultBatchConfiguration;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * The Spring Batch infrastructure: a JDBC job repository on the application's data source (H2 file by
 * default, PostgreSQL in production), and a job operator that launches runs on their own thread, so the
 * CLI can show progress and the REST API can answer at once.
 */
@Configuration(proxyBeanMethods = false)
public class PrintRunBatchConfiguration extends JdbcDefaultBatchConfiguration {

    private final PrintRunProperties properties;

    public PrintRunBatchConfiguration(PrintRunProperties properties) {
        this.properties = properties;
    }

    /** After the store's migrations (Flyway): they expect to find the schema they made, not ours first. */
    @Bean
    @Override
    @DependsOnDatabaseInitialization
    public JobRepository jobRepository() {
        if (properties.initializeSchema()) {
            JobRepositorySchema.ensure(getDataSource());
        }
        return super.jobRepository();
    }

    @Override
    protected TaskExecutor getTaskExecutor() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("print-run-");
        executor.setDaemon(false);
        return executor;
    }
}
