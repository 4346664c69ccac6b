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
 * default, PostgreSQL in production), whose {@code BATCH_*} tables are Spring Batch's own schema applied
 * by Flyway (db/batch/{vendor}), and a job operator that launches runs on their own thread, so the CLI can
 * show progress and the REST API can answer at once.
 */
@Configuration(proxyBeanMethods = false)
public class PrintRunBatchConfiguration extends JdbcDefaultBatchConfiguration {

    /** After Flyway: the tables must exist before the repository is used. */
    @Bean
    @Override
    @DependsOnDatabaseInitialization
    public JobRepository jobRepository() {
        return super.jobRepository();
    }

    @Override
    protected TaskExecutor getTaskExecutor() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("print-run-");
        executor.setDaemon(false);
        return executor;
    }
}
