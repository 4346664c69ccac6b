package jp.kakekin.print;

import jp.kakekin.batch.RemotePartitioning;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/** The print run's partitions over RabbitMQ ({@code kakekin.print.partitioning=remote}; docs/print-run.md). */
@Configuration(value = "printRunRemoteConfiguration", proxyBeanMethods = false)
@ConditionalOnProperty(name = "kakekin.print.partitioning", havingValue = "remote")
@EnableIntegration
public class PrintRunRemote {

    public static final String BEAN = "printRunRemote";

    @Bean(BEAN)
    RemotePartitioning printRunRemote(PrintRunProperties properties, ConnectionFactory connectionFactory,
                                      AmqpTemplate rabbit, AmqpAdmin admin, JobRepository repository,
                                      IntegrationFlowContext flows) {
        return new RemotePartitioning("print", properties.remote().queue(), properties.remote().pollInterval(),
                connectionFactory, rabbit, admin, repository, flows);
    }
}
